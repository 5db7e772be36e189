"""The next prescription from what was logged (guidelines §4, progression).

Double progression within the rep range: add reps until the top of the range has been beaten
twice with reps to spare, then add load (the ACSM step: 2-10 %, the smallest step the kit
makes) and go back to the bottom of the range. Two misses in a row step the load back; a set
of 20 reps means the load was far too light, and the load starts again from the max that set
implies. Novices climb their ladder instead of adding load.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from runlift.domain.library import Library, Tables
from runlift.domain.log import ExerciseDone, SetDone
from runlift.domain.model import Kit
from runlift.domain.prescription import MAX_TEST_REPS, percent_of_max

MIN_STEP = 0.02
MAX_STEP = 0.10
BACK_OFF = 0.05
FAR_TOO_LIGHT = 20
RESET_RESERVE = 2  # the reps in reserve a reset load aims for, as every target does
RETEST_WEEKS = (6, 8)


@dataclass(frozen=True, slots=True)
class Target:
    """What the runner is working at for one exercise."""

    exercise_id: str
    sets: int
    reps: int
    load: float | None
    low: int = 4  # the rep range for double progression
    high: int = 10
    reps_in_reserve: int = 2  # the effort the sets aim for


@dataclass(frozen=True, slots=True)
class Step:
    target: Target
    action: str  # hold | add reps | add load | step back | far too light | climb
    reason: str


def achievable(implement: str, kit: Kit) -> list[float]:
    """Every load the implement can make with this kit (barbell and cable up to 400)."""
    if implement == "dumbbells":
        return sorted(kit.dumbbells)
    if implement == "kettlebell":
        return sorted(kit.kettlebells)
    if implement == "barbell":
        step = 2 * min(kit.plates)
        return [round(kit.barbell + i * step, 2) for i in range(int(400 / step))]
    step = kit.cable_step
    return [round(i * step, 2) for i in range(1, int(400 / step))]


def load_up(load: float, implement: str, kit: Kit) -> float:
    """The smallest load at least 2 % heavier; the next one the kit makes if that is more."""
    loads = [x for x in achievable(implement, kit) if x >= load * (1 + MIN_STEP) - 1e-9]
    if not loads:
        return load
    within = [x for x in loads if x <= load * (1 + MAX_STEP) + 1e-9]
    return within[0] if within else loads[0]


def load_down(load: float, implement: str, kit: Kit) -> float:
    """About 5 % lighter: the heaviest load the kit makes at or under that."""
    loads = [x for x in achievable(implement, kit) if x <= load * (1 - BACK_OFF) + 1e-9]
    return loads[-1] if loads else min(achievable(implement, kit))


def estimate_from(done: SetDone) -> float:
    """The one-rep max a loaded set implies, by Epley, counting at most 20 reps: past 20 a
    set says nothing more about the max (guidelines §4)."""
    assert done.load is not None
    return done.load * (1 + min(done.reps, MAX_TEST_REPS) / 30)


def reset_load(done: SetDone, reps: int, implement: str, kit: Kit, tables: Tables) -> float:
    """A new load after a set that was far too light: the max that set implies (Epley), times
    the RPE chart's %1RM for `reps` with 2 in reserve. Of the loads the kit makes inside the
    heavy band (75-85 % of that max), the one nearest that; with none in the band, the
    heaviest under it; with nothing heavier than the old load under the band's top, the old
    load."""
    assert done.load is not None
    e1rm = estimate_from(done)
    low, high = tables.heavy_percent
    wanted = e1rm * min(max(percent_of_max(reps, RESET_RESERVE, tables), low), high) / 100
    top = e1rm * high / 100 + 1e-9
    heavier = [x for x in achievable(implement, kit) if done.load + 1e-9 < x <= top]
    band = [x for x in heavier if x >= e1rm * low / 100 - 1e-9]
    if band:
        return min(band, key=lambda x: (abs(x - wanted), x))
    return max(heavier, default=done.load)


def _outcome(target: Target, done: ExerciseDone) -> str:
    """beat: every set at least one rep past the target with reps to spare; hit; or miss."""
    sets = done.sets
    # Fewer sets than the target (a deload, a short day) is not a miss: the reps decide.
    if not sets or any(s.reps < target.reps for s in sets):
        return "miss"
    spare = [s.spare for s in sets]
    if all(s.reps >= target.reps + 1 for s in sets) and all(x is None or x >= 1 for x in spare):
        return "beat"
    # The reps asked for, but clearly easier than meant (2+ more in reserve): beaten too.
    if all(x is not None and x >= target.reps_in_reserve + 2 for x in spare):
        return "beat"
    return "hit"


def estimated_max(sets: Sequence[SetDone], tables: Tables) -> float | None:
    """The best one-rep max the sets imply: the RPE chart when the effort was logged, Epley
    otherwise; sets past 10 reps say too little to count."""
    best = None
    for s in sets:
        if s.load is None or s.reps > 10 or s.reps < 1:
            continue
        spare = s.spare
        if spare is not None:
            value = s.load * 100 / percent_of_max(s.reps, spare, tables)
        else:
            value = s.load * (1 + s.reps / 30) if s.reps > 1 else s.load
        best = value if best is None else max(best, value)
    return None if best is None else round(best, 1)


def next_step(
    target: Target,
    history: Sequence[ExerciseDone],
    implement: str | None,
    kit: Kit,
    tables: Tables,
    library: Library | None = None,
    climb: bool = False,
    owned: frozenset[str] = frozenset(),
) -> Step:
    """What to lift next time, from the sessions logged at `target` (oldest first)."""
    if not history:
        return Step(target, "hold", "Nothing logged at this target yet.")
    last = history[-1]
    heavy_set = max(last.sets, key=lambda s: s.reps, default=None)
    if heavy_set is not None and heavy_set.reps >= FAR_TOO_LIGHT and implement and heavy_set.load:
        said = f"{heavy_set.reps} reps in a set: the load was far too light"
        load = reset_load(heavy_set, target.low, implement, kit, tables)
        if load <= heavy_set.load:
            return Step(target, "far too light", f"{said}, and your kit has nothing heavier.")
        new = Target(target.exercise_id, target.sets, target.low, load, target.low, target.high)
        return Step(new, "far too light", f"{said}: a load from the max it implies.")
    recent = [_outcome(target, done) for done in history[-2:]]
    if recent == ["miss", "miss"]:
        if implement and target.load:
            load = load_down(target.load, implement, kit)
            new = Target(target.exercise_id, target.sets, target.low, load, target.low, target.high)
            return Step(new, "step back", "Missed the target twice running: step back and rebuild.")
        reps = max(target.low, target.reps - 2)
        new = Target(target.exercise_id, target.sets, reps, None, target.low, target.high)
        return Step(new, "step back", "Missed the target twice running: fewer reps for now.")
    if recent != ["beat", "beat"]:
        return Step(target, "hold", "Keep going: progress comes after beating the target twice.")
    if climb and library is not None:
        rung = _next_rung(target.exercise_id, library, owned)
        if rung is not None:
            new = Target(rung, target.sets, target.low, None, target.low, target.high)
            return Step(new, "climb", f"Beaten twice with reps to spare: move up to {rung}.")
    if target.reps < target.high:
        new = Target(
            target.exercise_id, target.sets, target.reps + 1, target.load, target.low, target.high
        )
        return Step(new, "add reps", "Beaten twice with reps to spare: one more rep a set.")
    if implement and target.load:
        load = load_up(target.load, implement, kit)
        new = Target(target.exercise_id, target.sets, target.low, load, target.low, target.high)
        return Step(
            new,
            "add load",
            "Top of the rep range beaten twice: add load, back to the bottom of the range.",
        )
    return Step(target, "hold", "Top of the range with body weight: time for a harder rung.")


def _next_rung(exercise_id: str, library: Library, owned: frozenset[str]) -> str | None:
    """The next rung up that the runner's equipment allows."""
    exercise = library.exercises.get(exercise_id)
    if exercise is None:
        return None
    for rung in exercise.progresses_to:
        candidate = library.exercises.get(rung)
        if candidate is not None and candidate.doable_with(owned):
            return rung
    return None


def retest_due(last_test: date | None, today: date) -> str | None:
    """A reminder to retest one-rep maxes every 6-8 weeks."""
    if last_test is None:
        return "No one-rep max test logged yet: see `runlift test-protocol`."
    weeks = (today - last_test).days / 7
    soon, due = RETEST_WEEKS
    if weeks >= due:
        return f"Your last max test was {math.floor(weeks)} weeks ago: time to retest."
    if weeks >= soon:
        return (
            f"Your last max test was {math.floor(weeks)} weeks ago: "
            "plan a retest in the next two weeks."
        )
    return None
