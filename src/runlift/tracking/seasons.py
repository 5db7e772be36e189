"""A season to a goal race, week changes, and this week planned against done."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection

from runlift.catalog import load_library, load_season_shape
from runlift.domain.library import Library
from runlift.domain.log import RunDone, StrengthDone
from runlift.domain.model import WEEKDAYS, Day, Race, Week
from runlift.domain.planner import Plan, plan_week
from runlift.domain.season import SeasonPlan, SeasonWeek, lay_out, plan_season, season_week_days
from runlift.io.planfile import InputError
from runlift.io.weekfile import parse_week
from runlift.store import repository as repo
from runlift.tracking import Profile, Store, monday_of, profile, typical_week
from runlift.tracking.profiles import weekday_keys
from runlift.tracking.races import known_races, race_window, races_near

RACE_PACE_MIN_PER_KM = 6.0  # only sizes the race day's run; its type is what the rules read


@dataclass(frozen=True, slots=True)
class SeasonView:
    profile: Profile
    race: Race
    distance_km: float
    season: SeasonPlan


def start_season(
    store: Store,
    name: str | None,
    race_date: date,
    distance_km: float,
    start: date,
    race_name: str | None,
) -> SeasonView:
    if distance_km <= 0:
        raise InputError(
            "--distance", f"{distance_km:g} is not allowed; give the race distance in km"
        )
    if race_date < start:
        raise InputError("--race-date", f"{race_date} is before the season starts ({start})")
    if (race_date - start).days > 366:
        raise InputError("--race-date", "more than a year away; start the season later (--start)")
    with store.transaction() as conn:
        prof = profile(conn, name)
        race_id = repo.add_race(conn, prof.id, race_date, distance_km, True, race_name)
        repo.set_season(conn, prof.id, start, race_id)
    return season_view(store, name)


def _week_input(prof: Profile, week: SeasonWeek, change: Any, race_km: float) -> Week:
    base = _changed_days(prof, week.start, change, load_library())
    race_minutes = max(15, round(race_km * RACE_PACE_MIN_PER_KM))
    return season_week_days(week, dict(enumerate(base.days)), race_minutes, 8 * 60)


def season_view(store: Store, name: str | None, previous: SeasonPlan | None = None) -> SeasonView:
    library = load_library()
    with store.transaction() as conn:
        prof = profile(conn, name, library)
        return season_of(conn, prof, library, previous)


def season_of(
    conn: Connection, prof: Profile, library: Library, previous: SeasonPlan | None = None
) -> SeasonView:
    """The athlete's season as planned now; InputError on field `season` when there is none."""
    try:
        row = repo.get_season(conn, prof.id)
    except repo.NotFound as error:
        raise InputError("season", str(error)) from None
    changes = repo.list_week_changes(conn, prof.id)
    race = Race(row.date, True, row.name)
    weeks = lay_out(row.start, race, row.distance_km, load_season_shape())
    adjusted = []
    for week in weeks:
        change = changes.get(week.start)
        if change is not None:
            week = replace(
                week,
                cutback=week.cutback if change.cutback is None else bool(change.cutback),
                no_gym=bool(change.no_gym),
            )
        adjusted.append(week)
    inputs = [_week_input(prof, w, changes.get(w.start), row.distance_km) for w in adjusted]
    near = known_races(conn, prof.row, *race_window(weeks[0].start, weeks[-1].start))
    season = plan_season(
        prof.athlete, adjusted, inputs, library, (race, *near), previous, targets=prof.steps
    )
    return SeasonView(prof, race, row.distance_km, season)


def planned_week(
    conn: Connection, prof: Profile, monday: date, library: Library
) -> tuple[Plan, str]:
    """The plan for the week from `monday`, and where it comes from: the season when the week
    is in it, otherwise the typical week with whatever was changed for that week. Every plan
    of a stored athlete comes from here (or `season_of`), with the log's targets."""
    return planned_weeks(conn, prof, monday, 1, library)[0]


def planned_weeks(
    conn: Connection, prof: Profile, monday: date, count: int, library: Library
) -> list[tuple[Plan, str]]:
    """`planned_week` for `count` weeks from `monday`, the season planned once."""
    changes = repo.list_week_changes(conn, prof.id)
    view: SeasonView | None = None
    try:
        view = season_of(conn, prof, library)
    except InputError as error:
        if error.field != "season":  # only "no season yet" means: plan the typical week
            raise
    by_start: dict[date, tuple[SeasonWeek, Plan]] = {}
    if view is not None:
        by_start = {
            w.start: (w, p) for w, p in zip(view.season.weeks, view.season.plans, strict=True)
        }
    out = []
    for start in (monday + timedelta(weeks=i) for i in range(count)):
        change = changes.get(start)
        moved = ", as you changed it" if change is not None and change.days else ""
        if view is not None and start in by_start:
            week, plan = by_start[start]
            out.append((plan, f"your season to {view.race.date} ({week.phase.value}){moved}"))
            continue
        week_input = replace(
            _changed_days(prof, start, change, library), races=races_near(conn, prof.row, start)
        )
        plan = plan_week(prof.athlete, week_input, library, targets=prof.steps)
        out.append((plan, f"your typical week{moved}"))
    return out


def _changed_days(prof: Profile, monday: date, change: Any, library: Library) -> Week:
    """The typical week from `monday` with the days a week change replaced."""
    base = typical_week(prof, monday, library)
    if change is None or not change.days:
        return base
    overrides = parse_week(
        {"start": monday.isoformat(), "days": change.days}, None, prof.athlete, library, monday
    )
    keys = weekday_keys(change.days)
    days = tuple(
        over if WEEKDAYS[over.date.weekday()] in keys else typical
        for typical, over in zip(base.days, overrides.days, strict=True)
    )
    return replace(base, days=days)


def change_week(
    store: Store,
    name: str | None,
    week_start: date,
    *,
    cutback: bool | None,
    no_gym: bool | None,
    days: dict[str, Any] | None,
    note: str | None,
) -> tuple[SeasonView, list[int]]:
    """Record a change to one week; returns the new season and the weeks that were replanned."""
    before = season_view(store, name)
    starts = [w.start for w in before.season.weeks]
    monday = monday_of(week_start)
    if monday not in starts:
        raise InputError(
            "WEEK",
            f"{week_start} is not in the season ({starts[0]} to {starts[-1] + timedelta(days=6)})",
        )
    if days is not None:
        days = checked_days(before.profile, monday, days)
    with store.transaction() as conn:
        prof = profile(conn, name)
        earlier = repo.list_week_changes(conn, prof.id).get(monday)
        if earlier is not None:  # a change adds to what was said of the week before
            days = days if days is not None else earlier.days
            cutback = cutback if cutback is not None else earlier.cutback
            no_gym = bool(earlier.no_gym) if no_gym is None else no_gym
            note = note if note is not None else earlier.note
        repo.set_week_change(
            conn, prof.id, monday, days=days, cutback=cutback, no_gym=bool(no_gym), note=note
        )
    after = season_view(store, name, previous=before.season)
    replanned = [
        i
        for i, (a, b) in enumerate(zip(before.season.plans, after.season.plans, strict=True))
        if a is not b
    ]
    return after, replanned


def checked_days(prof: Profile, monday: date, days: dict[Any, Any]) -> dict[str, Any]:
    """The changed days keyed mon..sun, judged whole before anything is stored."""
    if not isinstance(days, dict) or not days:
        raise InputError("--days", "expected a week's days (mon..sun or dates in that week)")
    keyed: dict[str, Any] = {}
    for key, value in days.items():
        if isinstance(key, date) or (isinstance(key, str) and key[:1].isdigit()):
            try:
                on = key if isinstance(key, date) else date.fromisoformat(key)
            except ValueError:
                raise InputError(f"--days.{key}", "not a day; use mon..sun or YYYY-MM-DD") from None
            if not 0 <= (on - monday).days <= 6:
                raise InputError(f"--days.{key}", f"{on} is outside the week of {monday}")
            keyed[WEEKDAYS[on.weekday()]] = value
        else:
            keyed[str(key)] = value
    parse_week(
        {"start": monday.isoformat(), "days": keyed}, None, prof.athlete, load_library(), monday
    )
    return keyed


@dataclass(frozen=True, slots=True)
class WeekView:
    profile: Profile
    plan: Plan
    strength: list[StrengthDone]
    runs: list[RunDone]
    phase_source: str


def week_view(store: Store, name: str | None, on: date) -> WeekView:
    """The week holding `on`: planned (from the season when there is one) against done."""
    library = load_library()
    monday = monday_of(on)
    end = monday + timedelta(days=7)
    with store.transaction() as conn:
        prof = profile(conn, name, library)
        plan, source = planned_week(conn, prof, monday, library)
        lifts = [s for s in repo.list_strength(conn, prof.id, monday) if s.date < end]
        runs = [r for r in repo.list_runs(conn, prof.id, monday) if r.date < end]
    return WeekView(prof, plan, lifts, runs, source)


def days_of(plan: Plan) -> tuple[Day, ...]:
    return plan.week.days
