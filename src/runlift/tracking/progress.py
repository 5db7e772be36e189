"""`runlift progress`: e1RM per lift, the next prescription, the running trend, the reassess
warning with its lighter plan, and the retest reminder."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection

from runlift.catalog import load_library
from runlift.domain.library import LOAD_IMPLEMENTS
from runlift.domain.log import ExerciseDone, StrengthDone
from runlift.domain.monitoring import Reassess, WeekSignals, reassess, weekly_signals
from runlift.domain.progression import Step, Target, estimated_max, next_step, retest_due
from runlift.store import activityrepo
from runlift.store import repository as repo
from runlift.tracking import Profile, Store, profile

BARS = "▁▂▃▄▅▆▇█"
NO_TARGETS = frozenset({"plyometric", "core", "twist"})


def sparkline(values: Sequence[float | None]) -> str:
    """Eight-level bars; a gap where a week has no value."""
    present = [v for v in values if v is not None]
    if not present:
        return ""
    low, high = min(present), max(present)
    span = (high - low) or 1.0
    return "".join(
        " " if v is None else BARS[min(7, int((v - low) / span * 7.999))] for v in values
    )


@dataclass(frozen=True, slots=True)
class LiftTrend:
    exercise_id: str
    name: str
    series: list[tuple[date, float]]  # e1RM by session
    step: Step | None


@dataclass(frozen=True, slots=True)
class Progress:
    profile: Profile
    lifts: list[LiftTrend]
    weeks: list[WeekSignals]
    warning: Reassess | None
    retest: str | None


def work_sets(done: ExerciseDone) -> ExerciseDone:
    """The sets at the session's heaviest load: warm-up sets do not count against a target."""
    loads = [s.load for s in done.sets if s.load is not None]
    if not loads:
        return done
    top = max(loads)
    return ExerciseDone(done.exercise_id, tuple(s for s in done.sets if s.load == top))


def _history(lift: str, sessions: list[StrengthDone]) -> list[tuple[date, ExerciseDone]]:
    return [
        (s.date, x) for s in sessions if not s.skipped for x in s.exercises if x.exercise_id == lift
    ]


def lift_trends(prof: Profile, sessions: list[StrengthDone]) -> list[LiftTrend]:
    library = load_library()
    tables = library.tables
    kit = prof.athlete.kit or tables.kits[prof.athlete.units]
    experience = prof.athlete.experience.value
    low = tables.dose(f"heavy.{experience}").reps
    high = min(10, max(low + 1, tables.dose(f"heavy_b.{experience}").reps))
    owned = prof.athlete.equipment
    novice = prof.athlete.experience.value == "novice"
    lifts = sorted({x.exercise_id for s in sessions for x in s.exercises})
    trends = []
    for lift in lifts:
        history = _history(lift, sessions)
        series = [
            (on, e) for on, done in history if (e := estimated_max(done.sets, tables)) is not None
        ]
        exercise = library.exercises.get(lift)
        name = exercise.name if exercise else lift
        option = exercise.option_for(owned) if exercise else None
        implement = next(iter(sorted((option or frozenset()) & LOAD_IMPLEMENTS)), None)
        trends_only = exercise is None or exercise.timed or exercise.pattern in NO_TARGETS
        if trends_only:  # jumps, core and holds are dosed by quality, not chased for reps
            trends.append(LiftTrend(lift, name, series, None))
            continue
        # Replay the log: the target moves as the runner beats, holds or misses it.
        target: Target | None = None
        since: list[ExerciseDone] = []
        step = None
        for _, done in history:
            work = work_sets(done)
            if not work.sets:
                continue
            load = work.sets[0].load
            if target is None or load != target.load:
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
        trends.append(LiftTrend(lift, name, series, step))
    return trends


def progress_of(conn: Connection, prof: Profile, today: date) -> Progress:
    """The progress report from the log: one core for the CLI, the API and the web page."""
    sessions = repo.list_strength(conn, prof.id)
    weeks = weekly_signals(
        repo.list_runs(conn, prof.id),
        sessions,
        repo.list_results(conn, prof.id),
        activityrepo.run_streams(conn, prof.id),
    )
    warning = reassess(weeks, prof.athlete.heavy_sessions or 2) if not prof.row.lighter else None
    return Progress(
        prof, lift_trends(prof, sessions), weeks, warning, retest_due(prof.last_test(), today)
    )


def progress(store: Store, name: str | None, today: date) -> Progress:
    with store.transaction() as conn:
        return progress_of(conn, profile(conn, name), today)


def accept_lighter(store: Store, name: str | None, accept: bool = True) -> Profile:
    """The lighter plan in one step (or back to normal): no third heavy session, one set
    fewer a lift; the planner already favours room before quality days."""
    with store.transaction() as conn:
        prof = profile(conn, name)
        changes: dict[str, Any] = {"lighter": accept}
        if accept and (prof.athlete.heavy_sessions or 0) > 2:
            changes["heavy_sessions"] = 2
        repo.update_athlete(conn, prof.id, **changes)
        return profile(conn, prof.name)
