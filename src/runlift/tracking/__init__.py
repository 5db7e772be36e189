"""Use cases across weeks: athletes, seasons, the log, progress. The only place that joins
the store and the domain (the one-week use cases are in runlift.services)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from runlift.catalog import load_library
from runlift.domain.library import Library
from runlift.domain.log import StrengthDone
from runlift.domain.model import Athlete, RepTest, Week
from runlift.domain.progression import Step, estimated_max
from runlift.domain.targets import log_steps
from runlift.io.planfile import InputError, parse_athlete
from runlift.io.weekfile import parse_week
from runlift.store import repository as repo
from runlift.store import schema
from runlift.store.db import make_engine


class Store:
    """An engine brought to the current schema, handing out transactions."""

    def __init__(self, url: str | None = None, engine: Engine | None = None) -> None:
        try:
            self.engine = engine or make_engine(url)
            schema.ensure_current(self.engine)
        except (SQLAlchemyError, ImportError, OSError, ValueError) as error:
            reason = str(getattr(error, "orig", None) or error).splitlines()[0][:160]
            raise InputError(
                "--db",
                f"cannot open the database ({reason}); "
                "use sqlite:///PATH or postgresql://USER@HOST/DB",
            ) from None

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One all-or-nothing unit of work: an error anywhere writes nothing."""
        with self.engine.begin() as conn:
            yield conn


@dataclass(frozen=True, slots=True)
class Profile:
    row: repo.AthleteRow
    athlete: Athlete
    maxes: tuple[repo.MaxRow, ...]
    # Each logged lift's step from its log (domain/targets.py). Every plan of a stored athlete
    # takes these as its targets, so the week, the gym card, the exports and `progress` agree.
    steps: Mapping[str, Step] = field(default_factory=dict)

    @property
    def id(self) -> int:
        return self.row.id

    @property
    def name(self) -> str:
        return self.athlete.name

    def last_test(self) -> date | None:
        return max((m.tested_on for m in self.maxes), default=None)


HARD_SET_RESERVE = 4  # a set with more left in the tank says little about the max
LOG_WINDOW_DAYS = 42


def logged_maxes(sessions: list[StrengthDone], library: Library) -> dict[str, tuple[date, float]]:
    """Per loaded lift, the best one-rep max that hard sets logged with their effort imply
    over the six weeks up to the lift's latest session. Sets without an effort logged, or
    with more than 4 reps in reserve, are left out: a light day must not lower the max."""
    estimates: dict[str, list[tuple[date, float]]] = {}
    for session in sessions:
        if session.skipped:
            continue
        for done in session.exercises:
            lift = library.exercises.get(done.exercise_id)
            if lift is None or not lift.loaded:
                continue
            hard = [
                s
                for s in done.sets
                if s.load and s.spare is not None and s.spare <= HARD_SET_RESERVE
            ]
            value = estimated_max(hard, library.tables)
            if value is not None:
                estimates.setdefault(done.exercise_id, []).append((session.date, value))
    found: dict[str, tuple[date, float]] = {}
    for lift_id, values in estimates.items():
        latest = max(on for on, _ in values)
        recent = [v for on, v in values if (latest - on).days <= LOG_WINDOW_DAYS]
        found[lift_id] = (latest, max(recent))
    return found


def _athlete_from(
    row: repo.AthleteRow,
    tests: list[repo.MaxRow],
    logged: dict[str, tuple[date, float]],
    library: Library,
) -> Athlete:
    """The stored fields go through the plan-file parser, so stored and typed athletes are
    judged by the same rules. Per lift, the newest of a test and the log wins: loads follow
    what the runner actually lifts."""
    latest: dict[str, repo.MaxRow] = {}
    for test in tests:
        latest[test.exercise_id] = test
    fields = {k: v for k, v in row.fields.items() if v is not None}
    maxes = {k: m.load for k, m in latest.items() if m.is_max}
    fields["rep_tests"] = [
        {"exercise": k, "load": m.load, "reps": m.reps, "reps_in_reserve": m.reps_in_reserve}
        for k, m in latest.items()
        if not m.is_max and not (k in logged and logged[k][0] > m.tested_on)
    ]
    sources = []
    for lift, (on, value) in logged.items():
        if lift not in latest or on > latest[lift].tested_on:
            maxes[lift] = value
            sources.append((lift, f"from your log of {on.isoformat()}"))
    fields["one_rep_max"] = maxes
    athlete = parse_athlete(fields, library)
    return replace(athlete, lighter=row.lighter, max_sources=tuple(sorted(sources)))


def profile(conn: Connection, name: str | None, library: Library | None = None) -> Profile:
    try:
        row = repo.get_athlete(conn, name)
    except repo.NotFound as error:
        raise InputError("--athlete", str(error)) from None
    return profile_of(conn, row, library)


def profile_of(conn: Connection, row: repo.AthleteRow, library: Library | None = None) -> Profile:
    """The profile of an athlete row already looked up (and access-checked) by the caller:
    the athlete with the maxes the log implies, and each logged lift's step from its log."""
    library = library or load_library()
    tests = repo.list_maxes(conn, row.id)
    sessions = repo.list_strength(conn, row.id)
    athlete = _athlete_from(row, tests, logged_maxes(sessions, library), library)
    return Profile(row, athlete, tuple(tests), log_steps(athlete, sessions, library))


def typical_week(prof: Profile, monday: date, library: Library | None = None) -> Week:
    """The runner's typical week dated from `monday`."""
    library = library or load_library()
    data = {"start": monday.isoformat(), "days": prof.row.typical_week or {"mon": "rest"}}
    return parse_week(data, None, prof.athlete, library, monday)


def athlete_fields(data: dict[str, Any]) -> tuple[dict[str, Any], list[RepTest], dict[str, float]]:
    """A plan file's `athlete` mapping split into stored columns, rep tests and maxes."""
    fields = {k: v for k, v in data.items() if k not in ("one_rep_max", "rep_tests")}
    fields.setdefault("name", "Runner")
    fields.setdefault("units", "kg")
    fields.setdefault("equipment", [])
    fields.setdefault("formula", "epley")
    fields.setdefault("usual_run_start", "07:00")
    tests = [
        RepTest(t["exercise"], float(t["load"]), int(t["reps"]), int(t.get("reps_in_reserve", 0)))
        for t in data.get("rep_tests") or []
    ]
    return fields, tests, {k: float(v) for k, v in (data.get("one_rep_max") or {}).items()}


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())
