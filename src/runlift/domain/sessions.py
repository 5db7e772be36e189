"""What a session holds: exercises chosen from the ladders and dosed (guidelines §3).

A `Composer` serves one athlete-week, so it can vary exercises between the week's sessions.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from runlift.domain.library import LOAD_IMPLEMENTS, Dose, Exercise, Library, Tables
from runlift.domain.model import Athlete, Experience, Phase, Prescription, StrengthKind
from runlift.domain.prescription import KnownMax, percent_of_max, round_load
from runlift.domain.progression import Step
from runlift.domain.targets import climbed, progresses, with_target

# Heavy sessions by how many the week holds: lower body first, the six patterns across the week.
HEAVY_TEMPLATES: dict[int, tuple[tuple[str, ...], ...]] = {
    1: (("squat", "lunge", "hinge", "push", "pull", "carry"),),
    2: (("squat", "hinge", "push", "pull"), ("lunge", "hinge", "push", "pull", "carry")),
    3: (
        ("squat", "hinge", "push", "pull"),
        ("lunge", "hinge", "push", "pull", "carry"),
        ("squat", "lunge", "hinge", "pull", "carry"),
    ),
}
TAPER_TEMPLATE = ("squat", "hinge", "push", "pull")
NOVICE_MAIN_TEMPLATE = ("squat", "lunge", "hinge", "push", "pull")
EASY_BODYWEIGHT_TEMPLATE = ("lunge", "hinge", "plyometric", "core", "twist")
CORE_TEMPLATE = ("core:hold", "core", "twist", "core:hold", "core")
PILATES_SIZE = 6
EASY_DAY_KIT = frozenset({"bands", "mini_bands", "mat"})

# Highest rung each experience level reaches: novices stay on the lower rungs.
LEVEL_CAP = {Experience.NOVICE: 2, Experience.INTERMEDIATE: 4, Experience.ADVANCED: 5}
PLYOMETRIC_COUNT = {Experience.NOVICE: 1, Experience.INTERMEDIATE: 1, Experience.ADVANCED: 2}


@dataclass(frozen=True, slots=True)
class Composition:
    exercises: tuple[Prescription, ...]
    minutes: int


class Composer:
    def __init__(
        self,
        athlete: Athlete,
        library: Library,
        maxes: dict[str, KnownMax],
        targets: Mapping[str, Step] | None = None,
        taper_sets: int | None = None,
    ) -> None:
        self.athlete = athlete
        # The taper's most sets an exercise: the phase-dose rule's own number, which check
        # judges by (the planner passes the rule set's; the catalog row is the default dose).
        self.taper_sets = taper_sets if taper_sets is not None else _default_taper_sets()
        self.library = library
        self.tables = library.tables
        self.maxes = maxes
        self.kit = athlete.kit or library.tables.kits[athlete.units]
        self.owned = athlete.equipment
        self.cap = LEVEL_CAP[athlete.experience]
        self.used: set[str] = set()
        self.targets = targets or {}  # lift id -> its step from the log (domain/targets.py)

    # -- choosing exercises -------------------------------------------------------------
    def _pick(
        self, pattern: str, kind: StrengthKind, taken: set[str], cap: int, owned: frozenset[str]
    ) -> Exercise | None:
        """A tested lift first, then loaded, then the staple lifts, then the highest rung; one
        not used yet this week when there is a choice. `core:hold` asks for a timed hold."""
        pattern, _, want = pattern.partition(":")
        candidates = self.library.reachable(pattern, kind, cap, owned)
        if not candidates and kind is StrengthKind.HEAVY:
            # No loaded or hard rung within reach: the hardest body-weight rung still trains it.
            kind = StrengthKind.BODYWEIGHT
            candidates = self.library.stand_ins(pattern, cap, owned)
        if not candidates:
            return None
        tested = self.maxes
        if kind is not StrengthKind.CORE and any(x.id in tested for x in candidates):
            candidates = tuple(sorted(candidates, key=lambda x: x.id not in tested))
        if want == "hold":
            candidates = tuple(sorted(candidates, key=lambda x: not x.timed))
        for exercise in candidates:
            if exercise.id not in taken and exercise.id not in self.used:
                return exercise
        for exercise in candidates:
            if exercise.id not in taken:
                return exercise
        return None

    def _choose(
        self,
        patterns: tuple[str, ...],
        kind: StrengthKind,
        cap: int,
        owned: frozenset[str] | None = None,
    ) -> list[Exercise]:
        taken: set[str] = set()
        chosen: list[Exercise] = []
        for pattern in patterns:
            exercise = self._pick(pattern, kind, taken, cap, self.owned if owned is None else owned)
            if exercise is not None:
                exercise = self._climb(exercise, kind, taken, owned)
                taken.add(exercise.id)
                chosen.append(exercise)
        return chosen

    def _plyometrics(self) -> list[Exercise]:
        if self.athlete.experience is Experience.NOVICE:
            calf = self.library.exercises.get("calf_raise")
            return [calf] if calf is not None else []
        count = PLYOMETRIC_COUNT[self.athlete.experience]
        reachable = self.library.reachable(
            "plyometric", StrengthKind.PLYOMETRIC, self.cap, self.owned
        )
        ladder = [x for x in reachable if x.level > 1] or list(reachable)  # calf raises: entry step
        return ladder[:count]

    # -- swapping at the gym ------------------------------------------------------------
    def _reach(self, kind: StrengthKind, pattern: str) -> tuple[Exercise, ...]:
        if pattern == "plyometric":
            kind = StrengthKind.PLYOMETRIC
        if kind is StrengthKind.BODYWEIGHT:
            # As when composing: easy-day work stays body weight and bands.
            light = self.owned & EASY_DAY_KIT
            return self.library.reachable(pattern, kind, min(self.cap, 2), light)
        found = self.library.reachable(pattern, kind, self.cap, self.owned)
        if not found and kind is StrengthKind.HEAVY:
            found = self.library.stand_ins(pattern, self.cap, self.owned)
        return found

    def alternatives(self, kind: StrengthKind, item: Prescription) -> tuple[Exercise, ...]:
        """Other rungs of the same pattern that the runner's kit and experience allow, in the
        order the planner would choose them."""
        return tuple(x for x in self._reach(kind, item.pattern) if x.id != item.exercise_id)

    def swapped(
        self, kind: StrengthKind, index: int, item: Prescription, exercise: Exercise
    ) -> Prescription:
        """`exercise` in place of `item`: the session's dose for it, with the same sets; a
        barbell lift keeps the planned lift's ramp-up, or takes a later lift's."""
        dose = self.tables.dose(self._dose_key(kind, index))
        swapped = self._dosed(exercise, dose, kind, item.sets)
        if kind is StrengthKind.HEAVY and self._ramps_up(exercise):
            ramp = item.warm_up_sets or self.tables.barbell_ramp_up.sets(first=False)
            swapped = replace(swapped, warm_up_sets=ramp)
        return swapped

    # -- dosing -------------------------------------------------------------------------
    def _dose_key(self, kind: StrengthKind, index: int) -> str:
        experience = self.athlete.experience.value
        if kind is StrengthKind.HEAVY:
            if self.athlete.phase is Phase.TAPER:
                return "heavy.taper"
            if self.athlete.phase is Phase.PEAK:
                return "heavy.peak"
            return f"heavy_b.{experience}" if index == 1 else f"heavy.{experience}"
        if kind in (StrengthKind.CORE, StrengthKind.PILATES):
            return f"{kind.value}.all"
        return f"{kind.value}.{experience}"

    def _prescribe(
        self, exercise: Exercise, dose: Dose, kind: StrengthKind, sets: int
    ) -> Prescription:
        """The dose for one exercise: a load from a known max, else effort (reps in reserve);
        seconds for holds and carries; explosive reps for jumps."""
        reps: int | None = dose.reps
        seconds: int | None = None
        rest = dose.rest_seconds
        reserve: int | None = dose.reps_in_reserve
        load = percent = top = None
        source = None
        tempo = None
        if exercise.timed:
            reps, seconds, reserve = None, dose.seconds, None
        elif exercise.pattern == "plyometric" and kind is not StrengthKind.BODYWEIGHT:
            plyo = self.tables.dose(f"plyometric.{self.athlete.experience.value}")
            reps, rest, reserve = plyo.reps, plyo.rest_seconds, None
        elif kind is StrengthKind.HEAVY and not exercise.loaded:
            # Body-weight rungs in a heavy session: slow reps that end close to failure.
            hard = self.tables.dose("heavy_unloaded.all")
            reps, rest, reserve = hard.reps, hard.rest_seconds, hard.reps_in_reserve
            tempo = self.tables.unloaded_tempo
        elif (
            kind is StrengthKind.HEAVY
            and exercise.loaded
            and (known := self.maxes.get(exercise.id)) is not None
        ):
            wanted = percent_of_max(dose.reps, dose.reps_in_reserve, self.tables)
            target = known.value * wanted / 100
            ceiling = known.value * self.tables.heavy_percent[1] / 100
            # Of the kit that suits the lift (a bell or a dumbbell), the load nearest the target.
            loads = [
                round_load(target, implement, self.kit, ceiling)
                for option in exercise.equipment
                if option <= self.owned
                for implement in sorted(option & LOAD_IMPLEMENTS)[:1]
            ]
            if loads:
                load = min(loads, key=lambda x: (abs(x - target), x))
                percent, top, source, reserve = wanted, known.value, known.source, None
        return Prescription(
            exercise_id=exercise.id,
            name=exercise.name,
            pattern=exercise.pattern,
            sets=sets,
            reps=reps,
            seconds=seconds,
            load=load,
            unit=self.athlete.units.value,
            percent_1rm=percent,
            reps_in_reserve=reserve,
            rest_seconds=rest,
            implements=exercise.implements,
            unilateral=exercise.unilateral,
            one_rep_max=top,
            one_rep_max_source=source,
            tempo=tempo,
        )

    # -- the log's targets (domain/targets.py) ------------------------------------------
    def _climb(
        self, exercise: Exercise, kind: StrengthKind, taken: set[str], owned: frozenset[str] | None
    ) -> Exercise:
        """The rung the log says to climb to from `exercise`, when the session allows it (its
        kind, the kit it may use, not in it already)."""
        if not self.targets or not progresses(kind, self.athlete):
            return exercise
        rung = climbed(exercise.id, self.targets)
        found = self.library.exercises.get(rung) if rung else None
        if found is None or found.id in taken or kind not in found.kinds:
            return exercise
        if not found.doable_with(self.owned if owned is None else owned):
            return exercise
        self.used.add(exercise.id)  # the rung climbed from counts as used: the week still varies
        return found

    def _dosed(self, exercise: Exercise, dose: Dose, kind: StrengthKind, sets: int) -> Prescription:
        """The session's dose for `exercise`; in a session that builds strength, a lift with
        a target from the log takes that target's reps and load."""
        item = self._prescribe(exercise, dose, kind, sets)
        if not self.targets or not progresses(kind, self.athlete):
            return item
        return with_target(item, self.targets.get(exercise.id))

    def _ramps_up(self, exercise: Exercise) -> bool:
        """A loaded lift done with a barbell (as the runner's kit allows it) ramps up."""
        option = exercise.option_for(self.owned) if exercise.loaded else None
        return option is not None and "barbell" in option

    def _ramp_up(self, exercises: list[Exercise], items: list[Prescription]) -> None:
        """Ramp-up sets for a heavy session's barbell lifts (catalog `[ramp_up.barbell]`): the
        first climbs the whole ladder from the empty bar, later ones its top sets."""
        ramp = self.tables.barbell_ramp_up
        first = True
        for index, exercise in enumerate(exercises):
            if self._ramps_up(exercise):
                items[index] = replace(items[index], warm_up_sets=ramp.sets(first))
                first = False

    # -- timing -------------------------------------------------------------------------
    def estimate_minutes(self, kind: StrengthKind, items: list[Prescription]) -> int:
        return estimate_minutes(self.tables, kind, items)

    def _fit(
        self, kind: StrengthKind, items: list[Prescription], most: int
    ) -> tuple[list[Prescription], int]:
        """Trim sets (last exercise first) until the session fits `most` minutes. A session
        shorter than its kind's floor gets no sets beyond the dose: it is booked at the floor,
        and the spare minutes go to a longer warm-up and mobility (see notes.py)."""
        least = self.tables.session_minutes.get(kind, (0, most))[0]
        minutes = self.estimate_minutes(kind, items)
        while minutes > most and any(x.sets > 1 for x in items):
            index = max(i for i, x in enumerate(items) if x.sets > 1)
            items[index] = _with_sets(items[index], items[index].sets - 1)
            minutes = self.estimate_minutes(kind, items)
        while minutes > most and len(items) > 1:
            items.pop()
            minutes = self.estimate_minutes(kind, items)
        # Report whole five-minute blocks; a short session still books the kind's floor.
        return items, max(least, min(most, 5 * math.ceil(minutes / 5)))

    # -- sessions -----------------------------------------------------------------------
    def compose(
        self,
        kind: StrengthKind,
        *,
        index: int = 0,
        total: int = 1,
        plyometrics: bool = False,
        deload: bool = False,
        main: bool = False,
        minutes: int | None = None,
    ) -> Composition:
        """Exercises and length for one session. `index` of `total` picks the heavy template;
        `main` marks a novice's main (bodyweight) session; `minutes` caps the length."""
        cap = self.cap
        extra: list[Exercise] = []
        if kind is StrengthKind.HEAVY:
            templates = HEAVY_TEMPLATES[min(max(total, 1), 3)]
            patterns = (
                TAPER_TEMPLATE
                if self.athlete.phase is Phase.TAPER
                else templates[index % len(templates)]
            )
            chosen = self._choose(patterns, kind, cap)
            if plyometrics:
                extra = self._plyometrics()
        elif kind is StrengthKind.PLYOMETRIC:
            chosen = self._plyometrics() + self._choose(("plyometric",), kind, cap)
        elif kind is StrengthKind.BODYWEIGHT:
            cap = min(cap, 2)
            if main:
                chosen = self._choose(NOVICE_MAIN_TEMPLATE, kind, cap)
            else:
                # Easy-day work stays body weight and bands: no weights the day before a run.
                light = self.owned & EASY_DAY_KIT
                chosen = self._choose(EASY_BODYWEIGHT_TEMPLATE, kind, cap, light)
            if main and plyometrics:
                # Bodyweight main sessions (novices, recovery) take the entry step only.
                calf = self.library.exercises.get("calf_raise")
                extra = [calf] if calf is not None else []
        elif kind is StrengthKind.CORE:
            chosen = self._choose(CORE_TEMPLATE, kind, min(cap, 3))
        else:
            chosen = self._choose(("core",) * PILATES_SIZE, kind, cap)
        # Plyometrics go first, after the warm-up, while the legs are fresh.
        ordered = [*extra, *chosen]
        dose = self.tables.dose(self._dose_key(kind, index))
        # The phase's dose is the most a session gets (phase-dose).
        sets = dose.sets
        if kind is StrengthKind.HEAVY and self.athlete.phase is Phase.TAPER:
            sets = min(sets, self.taper_sets)
        if self.athlete.lighter and kind is StrengthKind.HEAVY:
            sets = max(1, sets - 1)  # the lighter plan: one set fewer a lift
        if deload:
            sets = max(1, math.ceil(sets / 2))
        items = [self._dosed(x, dose, kind, sets) for x in ordered]
        if kind is StrengthKind.HEAVY:
            self._ramp_up(ordered, items)
        most = self.tables.session_minutes.get(kind, (10, 60))[1] if minutes is None else minutes
        fitted, length = self._fit(kind, items, most)
        self.used.update(x.exercise_id for x in fitted)
        return Composition(tuple(fitted), length)


def _default_taper_sets() -> int:
    from runlift.domain.rules import DEFAULT_RULES
    from runlift.domain.rules.volume import PhaseDose

    return DEFAULT_RULES.find(PhaseDose).taper_sets


def _with_sets(item: Prescription, sets: int) -> Prescription:
    return replace(item, sets=sets)


def _exercise_seconds(tables: Tables, item: Prescription) -> float:
    sides = 2 if item.unilateral else 1
    work: float
    if item.seconds is not None:
        work = item.seconds * sides
    else:
        rep = tables.seconds_per_rep if item.tempo is None else item.tempo.rep_seconds
        work = (item.reps or 0) * rep * sides
    work = item.sets * work + (item.sets - 1) * item.rest_seconds
    if item.warm_up_sets:
        work += tables.barbell_ramp_up.seconds(item.warm_up_sets, tables.seconds_per_rep)
    return work


def estimate_minutes(tables: Tables, kind: StrengthKind, items: Iterable[Prescription]) -> int:
    """A session's length, rounded up to the minute: the kind's warm-up, then each exercise's
    ramp-up sets, its working sets (a slow tempo's reps take longer) and rests, and the move to
    the next exercise."""
    seconds = tables.warm_up_minutes[kind] * 60 + sum(
        _exercise_seconds(tables, x) + tables.change_over_seconds for x in items
    )
    return math.ceil(seconds / 60)
