"""The races a stored athlete's weeks are told of (`Week.races`), and the race date a
recovery phase gives.

The planner keeps the 7 days after a goal race to gentle core work and keeps loaded work out
of the days before a race; both reach across the week boundary, and across the season
boundary when a new season starts right after a race. So every week hears of the races near
it, whichever of the store's places holds them: a season's goal race (and the goal race of a
season replaced after it was run), a plan file's `races:`, the race date given for a recovery
phase, and races logged as results or as runs. A recovery week with no race near it is
planned core only, and the plan asks when the race was (`runlift athlete set --race-date`,
`race_date` in the API, "When was your race?" on the pages).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import Connection

from runlift.domain.model import Race
from runlift.domain.planner import Plan
from runlift.domain.rules import DEFAULT_RULES
from runlift.domain.rules.calendar import RaceBuffer, recovering_from_an_unknown_race
from runlift.io.planfile import InputError
from runlift.store import repository as repo

RECOVERY_RACE_WEEKS = 8
"""How far back the race of a recovery phase may lie. The longest recovery a season plans is
two weeks (after a marathon); eight leave room for a slow way back. A date further back is a
slip of the keyboard or the wrong phase, and a race that old no longer shapes the week."""

LOOK_AHEAD_DAYS = DEFAULT_RULES.find(RaceBuffer).goal_days  # next week's race reaches back


def check_race_date(day: date, today: date, field: str = "--race-date") -> date:
    """The day of the race a recovery phase recovers from: one that has been run (with a
    day's grace for time zones, as for anything logged) and at most 8 weeks back."""
    earliest = today - timedelta(weeks=RECOVERY_RACE_WEEKS)
    if day > today + timedelta(days=1):
        raise InputError(
            field, f"{day} is in the future; give the day of the race you are recovering from"
        )
    if day < earliest:
        raise InputError(
            field,
            f"{day} is more than {RECOVERY_RACE_WEEKS} weeks ago; give a race day from "
            f"{earliest} on, or choose another phase than recovery",
        )
    return day


def one_per_day(races: Iterable[Race]) -> tuple[Race, ...]:
    """The races by date, one a day: a goal race over another, a name over none (a logged
    result is often the goal race itself, and may carry its name)."""
    by_day: dict[date, Race] = {}
    for race in sorted(races, key=lambda r: (r.date, not r.goal, r.name is None)):
        seen = by_day.get(race.date)
        by_day[race.date] = (
            race if seen is None else Race(race.date, seen.goal, seen.name or race.name)
        )
    return tuple(by_day.values())


def known_races(
    conn: Connection, row: repo.AthleteRow, first: date, last: date
) -> tuple[Race, ...]:
    """Every race the store knows of the athlete from `first` to `last`, one a day."""
    found = repo.races_between(conn, row.id, first, last)
    if row.race_date is not None and first <= row.race_date <= last:
        found.append(Race(row.race_date, True))
    return one_per_day(found)


def race_window(first_monday: date, last_monday: date) -> tuple[date, date]:
    """The days whose races the weeks from `first_monday` to `last_monday` are told of: back
    as far as a recovery phase's race may lie, ahead as far as a goal race's buffer reaches."""
    return (
        first_monday - timedelta(weeks=RECOVERY_RACE_WEEKS),
        last_monday + timedelta(days=6 + LOOK_AHEAD_DAYS),
    )


def races_near(conn: Connection, row: repo.AthleteRow, monday: date) -> tuple[Race, ...]:
    """The races the week from `monday` is told of."""
    return known_races(conn, row, *race_window(monday, monday))


def asks_race_date(plan: Plan) -> bool:
    """Whether the planner kept a recovery week to gentle core for want of a race date (its
    `phase-dose` warning asks for it): the rule's own test. The edges then say how to give it."""
    return recovering_from_an_unknown_race(plan.athlete, plan.week)
