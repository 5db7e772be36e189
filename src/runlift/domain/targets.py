"""Each lift's target from the log, and that target in the planned sessions (guidelines §3-4).

`log_steps` replays the log of every lift through `progression.next_step`, oldest session
first. The planner takes the result (`plan_week(..., targets=...)`) and `with_target` puts it
into each session that builds strength, so the week, the gym card, the exports and
`runlift progress` prescribe the same reps and load. The week keeps its own sets: the phase,
a deload, the lighter plan and the time available decide how many.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from runlift.domain.library import LOAD_IMPLEMENTS, Library, Tables
from runlift.domain.log import ExerciseDone, StrengthDone
from runlift.domain.model import Athlete, Experience, Prescription, StrengthKind
from runlift.domain.progression import Step, Target, next_step

NO_TARGETS = frozenset({"plyometric", "core", "twist"})  # dosed by quality, not chased for reps
TOP_OF_RANGE = 10  # guidelines §3: heavy sets of 4-10 reps


def rep_range(athlete: Athlete, tables: Tables) -> tuple[int, int]:
    """Double progression's range: the reps of the week's first heavy session to those of the
    second (at least one more, at most 10)."""
    experience = athlete.experience.value
    low = tables.dose(f"heavy.{experience}").reps
    high = min(TOP_OF_RANGE, max(low + 1, tables.dose(f"heavy_b.{experience}").reps))
    return low, high


def work_sets(done: ExerciseDone) -> ExerciseDone:
    """The sets at the session's heaviest load: warm-up sets do not count against a target."""
    loads = [s.load for s in done.sets if s.load is not None]
    if not loads:
        return done
    top = max(loads)
    return ExerciseDone(done.exercise_id, tuple(s for s in done.sets if s.load == top))


def has_target(lift: str, library: Library) -> bool:
    """Jumps, core work and timed holds are dosed by quality: they get no target."""
    exercise = library.exercises.get(lift)
    return exercise is not None and not exercise.timed and exercise.pattern not in NO_TARGETS


def replay(
    lift: str, history: Sequence[ExerciseDone], athlete: Athlete, library: Library
) -> Step | None:
    """Where the target of `lift` stands after its sessions (oldest first). A session at a
    load other than the target's (or of the lift after a climb away from it) sets a new
    target from what was done; after each session the ones since the target last moved
    decide the next step."""
    if not has_target(lift, library):
        return None
    tables = library.tables
    kit = athlete.kit or tables.kits[athlete.units]
    owned = athlete.equipment
    option = library[lift].option_for(owned) or frozenset()
    implement = next(iter(sorted(option & LOAD_IMPLEMENTS)), None)
    low, high = rep_range(athlete, tables)
    novice = athlete.experience is Experience.NOVICE
    target: Target | None = None
    since: list[ExerciseDone] = []
    step = None
    for done in history:
        work = work_sets(done)
        if not work.sets:
            continue
        load = work.sets[0].load
        if target is None or load != target.load or target.exercise_id != lift:
            reps = max(low, min(high, min(s.reps for s in work.sets)))
            target, since = Target(lift, len(work.sets), reps, load, low, high), []
        since.append(work)
        step = next_step(
            target,
            since[-2:],
            implement,
            kit,
            tables,
            library,
            climb=novice and load is None,
            owned=owned,
        )
        if step.target != target:
            target, since = step.target, []
    return step


def lift_history(lift: str, sessions: Sequence[StrengthDone]) -> list[ExerciseDone]:
    """The lift as done in the sessions that took place, oldest first."""
    return [x for s in sessions if not s.skipped for x in s.exercises if x.exercise_id == lift]


def log_steps(
    athlete: Athlete, sessions: Sequence[StrengthDone], library: Library
) -> dict[str, Step]:
    """Every logged lift's step after its replay. A rung climbed to and not logged yet gets
    the climb's target under its own id too, so the planner doses it."""
    steps: dict[str, Step] = {}
    for lift in sorted({x.exercise_id for s in sessions for x in s.exercises}):
        step = replay(lift, lift_history(lift, sessions), athlete, library)
        if step is not None:
            steps[lift] = step
    for step in list(steps.values()):
        steps.setdefault(step.target.exercise_id, step)
    return steps


# -- the target in a planned session ------------------------------------------------------
def progresses(kind: StrengthKind, athlete: Athlete) -> bool:
    """The sessions a target applies in: heavy ones, and a novice's body-weight sessions
    (their main ones). Easy-day body-weight work keeps its lighter dose."""
    novice = athlete.experience is Experience.NOVICE
    return kind is StrengthKind.HEAVY or (kind is StrengthKind.BODYWEIGHT and novice)


def climbed(exercise_id: str, steps: Mapping[str, Step]) -> str | None:
    """The rung the log says to climb to from `exercise_id`, if it says so."""
    step = steps.get(exercise_id)
    if step is None or step.target.exercise_id == exercise_id:
        return None
    return step.target.exercise_id


def with_target(item: Prescription, step: Step | None) -> Prescription:
    """`item` at its lift's target: the target's reps and load (none: body weight, or by
    effort), aiming for its reps in reserve; the %1RM that load is of a known max. The sets
    stay the session's."""
    if step is None or step.target.exercise_id != item.exercise_id or item.reps is None:
        return item
    target = step.target
    known = item.one_rep_max if target.load is not None else None
    percent = round(target.load / known * 100, 1) if target.load and known else None
    return replace(
        item,
        reps=target.reps,
        load=target.load,
        percent_1rm=percent,
        reps_in_reserve=target.reps_in_reserve,
        one_rep_max=known,
        one_rep_max_source=item.one_rep_max_source if known else None,
        progression=step.action,
    )
