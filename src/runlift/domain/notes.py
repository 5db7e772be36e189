"""The plain-language notes under every plan: safety (guidelines §6) and what to do next."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from runlift.domain.library import Library, RampUp
from runlift.domain.model import Athlete, Experience, StrengthKind, StrengthSession
from runlift.domain.prescription import KnownMax
from runlift.domain.sessions import LEVEL_CAP, estimate_minutes

SAFETY = (
    "General guidance, not medical advice: exercise carries a risk of injury. Stop if "
    "something hurts, and learn heavy barbell lifts with a coach."
)
# A heavy session booked this much longer than its lifting takes gets the spare-time note.
SPARE_MINUTES = 5
# Equipment ids as a sentence names them.
EQUIPMENT_WORDS = {
    "mini_bands": "mini bands",
    "mat": "a mat",
    "kettlebell": "a kettlebell",
    "box": "a plyo box",
    "pullup_bar": "a pull-up bar",
    "bench": "a bench",
    "barbell": "a barbell",
    "rack": "a rack",
    "cable": "a cable machine",
}


def plan_notes(
    athlete: Athlete,
    sessions: Iterable[StrengthSession],
    maxes: Mapping[str, KnownMax],
    library: Library,
) -> tuple[str, ...]:
    notes = [SAFETY]
    by_effort: list[str] = []
    stand_ins: dict[str, list[str]] = {}  # pattern -> body-weight rungs standing in for heavy
    barbell = ramped = spare = False
    for session in sessions:
        heavy = session.kind is StrengthKind.HEAVY
        for item in session.exercises:
            exercise = library[item.exercise_id]
            if heavy and item.load is None and item.reps is not None and exercise.loaded:
                if exercise.name not in by_effort:
                    by_effort.append(exercise.name)
            if heavy and item.pattern != "plyometric" and StrengthKind.HEAVY not in exercise.kinds:
                names = stand_ins.setdefault(item.pattern, [])
                if exercise.name not in names:
                    names.append(exercise.name)
            if any("barbell" in option for option in exercise.equipment) and exercise.loaded:
                barbell = True
            ramped = ramped or item.warm_up_sets > 0
        if heavy and session.exercises:
            work = estimate_minutes(library.tables, session.kind, session.exercises)
            spare = spare or session.minutes - work >= SPARE_MINUTES
    for exercise_id, known in sorted(maxes.items()):
        if known.rough:
            name = library[exercise_id].name if exercise_id in library else exercise_id
            notes.append(
                f"The one-rep max for {name} comes from a test of more than 10 reps, so it "
                "is rough; a 3-6 rep test predicts better."
            )
    if by_effort:
        notes.append(
            "No one-rep max known for " + ", ".join(by_effort) + ": pick a load you could lift "
            "for the reps in reserve shown, and see `runlift test-protocol` to find your max."
        )
    if stand_ins:
        notes.append(_kit_limits(athlete, stand_ins, library))
    if spare:
        notes.append(
            "Where a heavy session's lifting takes less than the time booked for it, spend the "
            "spare minutes on a longer warm-up and mobility, not on extra sets: the sets shown "
            f"are all the {athlete.phase.value} phase calls for."
        )
    if athlete.experience is Experience.NOVICE:
        notes.append(
            "New to lifting: master the bodyweight and band versions first; a coach checking "
            "your form is worth it before moving to heavy weights."
        )
    elif ramped:
        notes.append(_ramp_up(library.tables.barbell_ramp_up))
    elif barbell:
        notes.append("Barbell lifts: warm up with lighter sets, and use a rack with safeties.")
    return tuple(notes)


def _kit_limits(athlete: Athlete, stand_ins: Mapping[str, list[str]], library: Library) -> str:
    """Heavy sessions with body-weight stand-ins: the kit limits heavy work; say what to buy."""
    patterns = _join(list(stand_ins), "or")
    names = _join([name for names in stand_ins.values() for name in names], "and")
    text = (
        f"Your equipment limits heavy work: no {patterns} exercise you can do with it can be "
        f"made heavy, so your heavy sessions hold {names} instead."
    )
    cap = LEVEL_CAP[athlete.experience]
    found = library.best_purchase(stand_ins, StrengthKind.HEAVY, cap, athlete.equipment)
    if found is not None:
        items, gained = found
        buy = _join([EQUIPMENT_WORDS.get(item, item) for item in items], "and")
        text += (
            f" {buy[0].upper()}{buy[1:]} would unlock {_join([x.name for x in gained], 'and')}; "
            "`runlift exercises --unlocks` lists what each purchase adds."
        )
    return text


def _ramp_up(ramp: RampUp) -> str:
    """The barbell note, with the ramp-up ladder of the catalog in words."""
    steps = [
        f"{reps} reps with the empty bar" if percent == 0 else f"{reps} at about {percent} %"
        for percent, reps in ramp.ladder
    ]
    climb = steps[0] if len(steps) == 1 else f"{steps[0]}, then {_join(steps[1:], 'and')}"
    later = "the last one" if ramp.later_sets == 1 else f"the last {ramp.later_sets}"
    return (
        "Barbell lifts: reach each lift's working weight through the warm-up sets shown. The "
        f"session's first barbell lift takes {climb} of the working weight; each later one "
        f"{later} of those. Use a rack with safeties."
    )


def _join(words: list[str], conjunction: str) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]
