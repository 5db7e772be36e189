"""Starting a season and changing one of its weeks on an open connection, for an athlete the
caller has already looked up (the web finds athletes by id; the command line by name, through
runlift.tracking.seasons). Both refuse bad input with InputError naming the API's field."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection

from runlift.domain.library import Library
from runlift.io.planfile import InputError
from runlift.store import repository as repo
from runlift.tracking import Profile, monday_of
from runlift.tracking.seasons import SeasonView, checked_days, season_of

EARLIEST, LATEST = date(1950, 1, 1), date(2200, 12, 31)
MAX_DISTANCE_KM = 500.0  # the longest stage-less ultras are well inside this
MAX_SEASON_DAYS = 366
MAX_NOTE = 500
MAX_RACE_NAME = 100


def _in_range(field: str, day: date) -> date:
    if not EARLIEST <= day <= LATEST:
        raise InputError(field, f"{day} is out of range; use a date from {EARLIEST} to {LATEST}")
    return day


def start_season_on(
    conn: Connection,
    prof: Profile,
    library: Library,
    *,
    race_date: date,
    distance_km: float,
    start: date,
    race_name: str | None,
) -> SeasonView:
    """Lay out a new season to a goal race (it replaces any season the athlete had)."""
    _in_range("race_date", race_date)
    _in_range("start", start)
    if not 0 < distance_km <= MAX_DISTANCE_KM:  # NaN fails both comparisons too
        raise InputError(
            "distance_km", f"{distance_km:g} is not allowed; give the race distance in km"
        )
    if race_date < start:
        raise InputError("race_date", f"{race_date} is before the season starts ({start})")
    if (race_date - start).days > MAX_SEASON_DAYS:
        raise InputError("race_date", "more than a year after the start; start the season later")
    name = (race_name or "").strip() or None
    if name is not None and len(name) > MAX_RACE_NAME:
        raise InputError("race_name", f"at most {MAX_RACE_NAME} characters")
    race_id = repo.add_race(conn, prof.id, race_date, distance_km, True, name)
    repo.set_season(conn, prof.id, start, race_id)
    return season_of(conn, prof, library)


@dataclass(frozen=True, slots=True)
class WeekChange:
    """What to change of one week; None keeps what was said before (or the season's plan)."""

    cutback: bool | None = None
    no_gym: bool | None = None
    days: dict[str, Any] | None = None
    note: str | None = None


def change_week_on(
    conn: Connection, prof: Profile, library: Library, week: date, change: WeekChange
) -> tuple[SeasonView, list[date]]:
    """Record a change to the season week holding `week`. Returns the season as planned now
    and the weeks planned again (the changed week, and the one before when it is affected)."""
    before = season_of(conn, prof, library)
    starts = [w.start for w in before.season.weeks]
    monday = monday_of(_in_range("week_start", week))
    if monday not in starts:
        last = starts[-1] + timedelta(days=6)
        raise InputError("week_start", f"{week} is not in the season ({starts[0]} to {last})")
    if change.note is not None and len(change.note) > MAX_NOTE:
        raise InputError("note", f"at most {MAX_NOTE} characters")
    days = change.days
    if days is not None:
        try:
            days = checked_days(prof, monday, days)
        except InputError as error:  # named as the command line and plan files name them
            field = error.field.removeprefix("--").removeprefix("week.")
            raise InputError(field, error.message) from None
    cutback, no_gym, note = change.cutback, change.no_gym, change.note
    earlier = repo.list_week_changes(conn, prof.id).get(monday)
    if earlier is not None:  # a change adds to what was said of the week before
        days = days if days is not None else earlier.days
        cutback = cutback if cutback is not None else earlier.cutback
        no_gym = bool(earlier.no_gym) if no_gym is None else no_gym
        note = note if note is not None else earlier.note
    repo.set_week_change(  # an empty note clears the one before
        conn, prof.id, monday, days=days, cutback=cutback, no_gym=bool(no_gym), note=note or None
    )
    after = season_of(conn, prof, library, previous=before.season)
    replanned = [
        week.start
        for week, old, new in zip(
            after.season.weeks, before.season.plans, after.season.plans, strict=True
        )
        if old is not new
    ]
    return after, replanned
