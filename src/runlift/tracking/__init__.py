"""Use cases across weeks: athletes, seasons, the log, progress. The only place that joins
the store and the domain (the one-week use cases are in runlift.services)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Engine

from runlift.catalog import load_library
from runlift.domain.library import Library
from runlift.domain.model import Athlete, RepTest, Week
from runlift.io.planfile import InputError, parse_athlete
from runlift.io.weekfile import parse_week
from runlift.store import repository as repo
from runlift.store import schema
from runlift.store.db import make_engine


class Store:
    """An engine brought to the current schema, handing out transactions."""

    def __init__(self, url: str | None = None, engine: Engine | None = None) -> None:
        self.engine = engine or make_engine(url)
        schema.upgrade(self.engine)

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

    @property
    def id(self) -> int:
        return self.row.id

    @property
    def name(self) -> str:
        return self.athlete.name

    def last_test(self) -> date | None:
        return max((m.tested_on for m in self.maxes), default=None)


def _athlete_from(row: repo.AthleteRow, tests: list[repo.MaxRow], library: Library) -> Athlete:
    """The stored fields go through the plan-file parser, so stored and typed athletes are
    judged by the same rules. The latest test per lift wins."""
    latest: dict[str, repo.MaxRow] = {}
    for test in tests:
        latest[test.exercise_id] = test
    fields = {k: v for k, v in row.fields.items() if v is not None}
    fields["one_rep_max"] = {k: m.load for k, m in latest.items() if m.reps == 1}
    fields["rep_tests"] = [
        {"exercise": k, "load": m.load, "reps": m.reps} for k, m in latest.items() if m.reps > 1
    ]
    athlete = parse_athlete(fields, library)
    return replace(athlete, lighter=row.lighter)


def profile(conn: Connection, name: str | None, library: Library | None = None) -> Profile:
    library = library or load_library()
    try:
        row = repo.get_athlete(conn, name)
    except repo.NotFound as error:
        raise InputError("--athlete", str(error)) from None
    tests = repo.list_maxes(conn, row.id)
    return Profile(row, _athlete_from(row, tests, library), tuple(tests))


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
        RepTest(t["exercise"], float(t["load"]), int(t["reps"]))
        for t in data.get("rep_tests") or []
    ]
    return fields, tests, {k: float(v) for k, v in (data.get("one_rep_max") or {}).items()}


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())
