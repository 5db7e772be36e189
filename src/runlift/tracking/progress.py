"""`runlift progress`: e1RM per lift, the next prescription, the running trend, the reassess
warning with its lighter plan, and the retest reminder."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection

from runlift.catalog import load_library
from runlift.domain.log import StrengthDone
from runlift.domain.model import Prescription, StrengthKind
from runlift.domain.monitoring import WeekSignals, weekly_signals
from runlift.domain.planner import Plan
from runlift.domain.progression import Step, estimated_max, retest_due
from runlift.domain.runningcheck import Reassess, RunningCheck, check_running
from runlift.store import activityrepo
from runlift.store import repository as repo
from runlift.tracking import Profile, Store, monday_of, profile
from runlift.tracking.seasons import planned_weeks

BARS = "▁▂▃▄▅▆▇█"
LOOK_AHEAD_WEEKS = 4  # how far "Next time" looks for the lift's next planned session


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
class Upcoming:
    """The next planned session of a lift, and what it prescribes there."""

    date: date
    kind: StrengthKind
    item: Prescription


@dataclass(frozen=True, slots=True)
class LiftTrend:
    exercise_id: str
    name: str
    series: list[tuple[date, float]]  # e1RM by session
    step: Step | None
    planned: Upcoming | None = None  # None: not planned in the next LOOK_AHEAD_WEEKS weeks


@dataclass(frozen=True, slots=True)
class Progress:
    profile: Profile
    lifts: list[LiftTrend]
    weeks: list[WeekSignals]
    warning: Reassess | None  # None while the lighter plan is in place
    retest: str | None
    running: RunningCheck  # the whole answer, the warning among its kinds


def lift_trends(
    prof: Profile,
    sessions: list[StrengthDone],
    plans: Sequence[Plan] = (),
    today: date | None = None,
) -> list[LiftTrend]:
    """Per logged lift, its e1RM by session and its step from the log (the profile's, the
    same the planner takes), with the first session of `plans` after the lift's last one
    (and not before `today`) that prescribes it."""
    library = load_library()
    trends = []
    for lift in sorted({x.exercise_id for s in sessions for x in s.exercises}):
        dated = [
            (s.date, x)
            for s in sessions
            if not s.skipped
            for x in s.exercises
            if x.exercise_id == lift
        ]
        series = [
            (on, e)
            for on, done in dated
            if (e := estimated_max(done.sets, library.tables)) is not None
        ]
        exercise = library.exercises.get(lift)
        step = prof.steps.get(lift)
        after = max([on + timedelta(days=1) for on, _ in dated] + [today or date.min])
        planned = None if step is None else next_planned(step, plans, after)
        trends.append(LiftTrend(lift, exercise.name if exercise else lift, series, step, planned))
    return trends


def next_planned(step: Step, plans: Sequence[Plan], after: date) -> Upcoming | None:
    """The first session from `after` on whose dose of the step's lift is the step's target."""
    for plan in plans:
        for day in plan.week.days:
            if day.date < after:
                continue
            for session in sorted(day.strength, key=lambda s: s.start):
                for item in session.exercises:
                    if item.exercise_id == step.target.exercise_id and item.progression:
                        return Upcoming(day.date, session.kind, item)
    return None


def progress_of(conn: Connection, prof: Profile, today: date) -> Progress:
    """The progress report from the log: one core for the CLI, the API and the web page.
    "Next time" is the lift's next planned session in the coming weeks, as planned."""
    sessions = repo.list_strength(conn, prof.id)
    library = load_library()
    plans = [p for p, _ in planned_weeks(conn, prof, monday_of(today), LOOK_AHEAD_WEEKS, library)]
    weeks = weekly_signals(
        repo.list_runs(conn, prof.id),
        sessions,
        repo.list_results(conn, prof.id),
        activityrepo.run_streams(conn, prof.id),
    )
    running = check_running(weeks, prof.athlete.heavy_sessions or 2)
    warning = running.warning if not prof.row.lighter else None
    trends = lift_trends(prof, sessions, plans, today)
    return Progress(prof, trends, weeks, warning, retest_due(prof.last_test(), today), running)


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
