"""Creating and editing athletes: from a plan file, field by field, with rep tests.

Each use case has a core that works on an open connection and an athlete row (the web app
looks athletes up by id and checks access first) and a command-line wrapper that finds the
athlete by name in a Store."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from runlift.catalog import load_library
from runlift.domain.library import Library
from runlift.io.planfile import InputError
from runlift.io.weekfile import parse_plan, read_plan_data
from runlift.store import repository as repo
from runlift.tracking import Profile, Store, athlete_fields, profile, profile_of
from runlift.tracking.races import check_race_date

EDITABLE = {
    "experience", "phase", "units", "equipment", "heavy_sessions", "formula",
    "usual_run_start", "available", "kit", "name", "race_date",
}  # fmt: skip


def create_athlete(
    conn: Connection,
    data: dict[str, Any],
    today: date,
    owner_id: int | None = None,
    name: str | None = None,
) -> int:
    """A plan file (already read) becomes an athlete: its `athlete` fields, its week as the
    typical week, its maxes and rep tests dated today, its races. Returns the new id; a name
    the owner already uses raises repo.Duplicate."""
    parse_plan(data, load_library(), today)  # judged whole before anything is written
    fields, tests, maxes = athlete_fields(dict(data["athlete"]))
    if name is not None:
        fields["name"] = name
    try:
        athlete_id = repo.add_athlete(conn, fields, weekday_keys(data["week"]["days"]), owner_id)
    except IntegrityError:
        raise repo.Duplicate(f"{fields['name']!r} exists already") from None
    for exercise_id, value in maxes.items():
        repo.add_max(conn, athlete_id, exercise_id, today, value, 1)
    for test in tests:
        repo.add_max(
            conn, athlete_id, test.exercise, today, test.load, test.reps, test.reps_in_reserve
        )
    for race in data.get("races") or []:
        repo.add_race(
            conn,
            athlete_id,
            _date(race["date"]),
            float(race.get("distance_km") or 0),
            bool(race.get("goal")),
            race.get("name"),
        )
    return athlete_id


def create_from_file(store: Store, path: str, today: date, name: str | None = None) -> Profile:
    """A plan file becomes an athlete: its `athlete` fields, its week as the typical week,
    its maxes and rep tests dated today."""
    library = load_library()
    data = read_plan_data(path)
    with store.transaction() as conn:
        try:
            athlete_id = create_athlete(conn, data, today, None, name)
        except repo.Duplicate:
            taken = name or data["athlete"].get("name", "Runner")
            raise InputError("athlete.name", f"{taken!r} exists already; give --name") from None
        return profile_of(conn, repo.get_athlete_by_id(conn, athlete_id)[0], library)


def weekday_keys(days: dict[Any, Any]) -> dict[str, Any]:
    """A week's days keyed mon..sun (plan files may key them by date)."""
    names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    out = {}
    for key, value in days.items():
        text = str(key)
        out[text if text in names else names[_date(key).weekday()]] = value
    return out


def _date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def change_fields(
    conn: Connection,
    row: repo.AthleteRow,
    changes: dict[str, Any],
    owner_id: int | None,
    library: Library,
    today: date,
) -> str:
    """Change some of the athlete's fields; the result must still be a valid athlete.
    `owner_id` is whose names a new name must not clash with; `today` bounds a race date
    (None clears it). Returns the athlete's name."""
    for key in changes:
        if key not in EDITABLE:
            raise InputError(
                key, f"cannot be changed here; change one of {', '.join(sorted(EDITABLE))}"
            )
    if changes.get("race_date") is not None:
        check_race_date(changes["race_date"], today)
    fields = {**row.fields, **{k: v for k, v in changes.items() if k != "race_date"}}
    new_name = changes.get("name")
    if new_name is not None and new_name != row.fields.get("name"):
        try:
            repo.get_athlete(conn, new_name, owner_id)
        except repo.NotFound:
            pass
        else:
            raise InputError("--name", f"{new_name!r} exists already; choose another name")
    if "units" in changes and changes["units"] != row.fields.get("units"):
        has_logs = bool(repo.list_strength(conn, row.id))
        if repo.list_maxes(conn, row.id) or has_logs:
            raise InputError(
                "--units",
                "cannot change once maxes or sessions are stored in the other unit; "
                "export, convert and restore, or create a new athlete",
            )
    from runlift.io.planfile import parse_athlete

    parse_athlete({k: v for k, v in fields.items() if v is not None}, library)
    repo.update_athlete(conn, row.id, **changes)
    return str(fields["name"])


def set_fields(store: Store, name: str | None, changes: dict[str, Any], today: date) -> Profile:
    """Change some of the athlete's fields; the result must still be a valid athlete."""
    library = load_library()
    for key in changes:  # refused before the athlete is looked up, as always
        if key not in EDITABLE:
            raise InputError(
                key, f"cannot be changed here; change one of {', '.join(sorted(EDITABLE))}"
            )
    if changes.get("race_date") is not None:
        check_race_date(changes["race_date"], today)
    with store.transaction() as conn:
        current = profile(conn, name, library)
        new_name = change_fields(conn, current.row, changes, None, library, today)
        return profile(conn, new_name, library)


def typical_days(data: Any, field: str = "FILE") -> dict[Any, Any]:
    """The days of a plan file's week (`week: days:`, or just `days:`)."""
    days = data.get("days") if isinstance(data, dict) and "days" in data else None
    if days is None and isinstance(data, dict) and isinstance(data.get("week"), dict):
        days = data["week"].get("days")
    if not isinstance(days, dict):
        raise InputError(field, "expected a plan file with `week: days:` (or just `days:`)")
    return days


def replace_typical_week(
    conn: Connection, row: repo.AthleteRow, days: dict[Any, Any], today: date, library: Library
) -> None:
    """The typical running week, judged with the athlete's settings before it is kept."""
    parse_plan(
        {
            "athlete": {k: v for k, v in row.fields.items() if v is not None},
            "week": {"days": days},
        },
        library,
        today,
    )
    repo.update_athlete(conn, row.id, typical_week=weekday_keys(days))


def set_typical_week(store: Store, name: str | None, path: str, today: date) -> Profile:
    library = load_library()
    days = typical_days(read_plan_data(path))
    with store.transaction() as conn:
        current = profile(conn, name, library)
        replace_typical_week(conn, current.row, days, today, library)
        return profile(conn, current.name, library)


def record_test(
    conn: Connection,
    athlete_id: int,
    exercise: str,
    load: float,
    reps: int,
    on: date,
    library: Library,
    reps_in_reserve: int = 0,
) -> int:
    """A one-rep max (reps 1) or a rep test, dated; the latest per lift is the one used. A
    set stopped with reps left keeps them (`reps_in_reserve`), so the estimate counts them."""
    check_test(exercise, load, reps, library, reps_in_reserve)
    return repo.add_max(conn, athlete_id, exercise, on, load, reps, reps_in_reserve)


MAX_TEST_LOAD = 1000  # kg or lb: past any human lift, short of numbers that break the maths


def check_test(
    exercise: str, load: float, reps: int, library: Library, reps_in_reserve: int = 0
) -> None:
    """The one judge of a rep test for the CLI, the API and the web form: what one accepts,
    all accept. The fields are the CLI's flags (the API and the page rename them)."""
    from runlift.io.planfile import _loaded_exercise_id, rep_test_reserve

    _loaded_exercise_id(exercise, "--exercise", library)
    if not 0 < load <= MAX_TEST_LOAD:  # NaN fails both comparisons too
        raise InputError(
            "--load", f"{load:g} is not allowed; use a load above 0 and up to {MAX_TEST_LOAD}"
        )
    if not 1 <= reps <= 20:
        raise InputError("--reps", f"{reps} is not allowed; use a whole number from 1 to 20")
    rep_test_reserve(reps_in_reserve, reps, "--reps-in-reserve")


def add_test(
    store: Store,
    name: str | None,
    exercise: str,
    load: float,
    reps: int,
    on: date,
    reps_in_reserve: int = 0,
) -> Profile:
    """A one-rep max (reps 1) or a rep test, dated: the latest per lift is the one used."""
    library = load_library()
    check_test(exercise, load, reps, library, reps_in_reserve)  # judged before the lookup
    with store.transaction() as conn:
        current = profile(conn, name, library)
        record_test(conn, current.id, exercise, load, reps, on, library, reps_in_reserve)
        return profile(conn, current.name, library)
