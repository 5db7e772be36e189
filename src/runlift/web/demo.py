"""The demo runner `make run` starts with (`runlift serve --demo`): an account with a runner
six weeks into a season to a half marathon, with those weeks logged as planned, so every page
has something to show. There is no fixed password: each start sets a new random one and
prints it, so a demo database left running somewhere cannot be opened by a known default."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import Connection, select, update

from runlift.catalog import load_library
from runlift.domain.log import ExerciseDone, RaceResult, RunDone, SetDone, StrengthDone
from runlift.domain.model import Day, RunType
from runlift.io.yamlload import load_yaml
from runlift.store import repository as repo
from runlift.store.tables import athletes, users
from runlift.tracking import Store, athlete_fields, monday_of, profile_of
from runlift.tracking.seasons import planned_week
from runlift.web.security import sign_up

DEMO_EMAIL = "demo@runlift.local"
HISTORY_WEEKS = 6
WEEKS_TO_RACE = 10
RACE_KM = 21.1
# Minutes per km and average heart rate by kind of run, a little better each week.
PACES = {"easy": (5.9, 142), "long": (5.8, 146), "quality": (4.7, 165)}


@dataclass(frozen=True, slots=True)
class Demo:
    email: str
    password: str
    athlete_id: int


def demo_plan() -> dict[str, Any]:
    text = resources.files("runlift.web").joinpath("demo.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = load_yaml(text)
    return data


def seed_demo(store: Store, ph: PasswordHasher, today: date) -> Demo:
    """The demo account with a new random password; made, with its history, on first use."""
    password = secrets.token_urlsafe(12)
    with store.transaction() as conn:
        user_id = conn.execute(select(users.c.id).where(users.c.email == DEMO_EMAIL)).scalar()
        if user_id is not None:
            conn.execute(
                update(users).where(users.c.id == user_id).values(password_hash=ph.hash(password))
            )
            found = conn.execute(
                select(athletes.c.id).where(athletes.c.owner_id == user_id).order_by(athletes.c.id)
            ).scalar()
            if found is not None:
                return Demo(DEMO_EMAIL, password, int(found))
        else:
            user_id = sign_up(conn, DEMO_EMAIL, password, ph).id
        athlete_id = _make_runner(conn, int(user_id), today)
    return Demo(DEMO_EMAIL, password, athlete_id)


def _make_runner(conn: Connection, user_id: int, today: date) -> int:
    data = demo_plan()
    fields, tests, _ = athlete_fields(dict(data["athlete"]))
    athlete_id = repo.add_athlete(conn, fields, data["week"]["days"], user_id)
    start = monday_of(today) - timedelta(weeks=HISTORY_WEEKS)
    for test in tests:
        repo.add_max(
            conn,
            athlete_id,
            test.exercise,
            start - timedelta(days=3),
            test.load,
            test.reps,
            test.reps_in_reserve,
        )
    race_day = monday_of(today) + timedelta(weeks=WEEKS_TO_RACE, days=6)
    race_id = repo.add_race(conn, athlete_id, race_day, RACE_KM, True, "City half marathon")
    repo.set_season(conn, athlete_id, start, race_id)
    trial = start + timedelta(days=12)  # a 5 km parkrun, the second Saturday
    repo.add_result(conn, athlete_id, RaceResult(trial, 5.0, 23 * 60 + 40, True, "parkrun"))
    library = load_library()
    row, _ = repo.get_athlete_by_id(conn, athlete_id)
    for week in range(HISTORY_WEEKS + 1):  # the past weeks and this one up to yesterday
        monday = start + timedelta(weeks=week)
        # The profile again each week: what was logged moves the next week's loads.
        plan, _ = planned_week(conn, profile_of(conn, row, library), monday, library)
        for day in plan.week.days:
            if day.date >= today:
                break
            _log_day(conn, athlete_id, day, week)
    return athlete_id


def _log_day(conn: Connection, athlete_id: int, day: Day, week: int) -> None:
    for run in day.runs:
        if day.date.weekday() == 5 and run.type is RunType.EASY and week == 1:
            continue  # the parkrun replaced it
        kind = "long" if run.minutes >= 90 else ("quality" if run.is_quality else "easy")
        pace, heart = PACES[kind]
        pace -= 0.03 * week
        heart -= week // 2
        distance = round(run.minutes / pace, 1)
        rpe = 7.5 if kind == "quality" else (6.0 if kind == "long" else 3.5)
        done = RunDone(day.date, run.type, run.minutes, distance, heart, rpe)
        repo.add_run(conn, athlete_id, done)
    for session in day.strength:
        exercises = tuple(
            ExerciseDone(
                item.exercise_id,
                tuple(
                    SetDone(
                        _reps_done(item.reps or item.seconds or 1, item.load, week),
                        item.load,
                        2 if item.load else None,
                    )
                    for _ in range(item.sets)
                ),
            )
            for item in session.exercises
        )
        repo.add_strength(
            conn, athlete_id, StrengthDone(day.date, session.kind, exercises, session.minutes)
        )


def _reps_done(planned: int, load: float | None, week: int) -> int:
    """Loaded sets go a rep past the plan from the third week on, two reserve still in the
    tank: the getting stronger that moves the next loads up."""
    return planned + 1 if load is not None and week >= 2 else planned
