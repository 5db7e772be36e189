"""Creating and editing athletes: from a plan file, field by field, with rep tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError

from runlift.catalog import load_library
from runlift.io.planfile import InputError
from runlift.io.weekfile import parse_plan, read_plan_data
from runlift.store import repository as repo
from runlift.tracking import Profile, Store, athlete_fields, profile

EDITABLE = {
    "experience", "phase", "units", "equipment", "heavy_sessions", "formula",
    "usual_run_start", "available", "kit", "name",
}  # fmt: skip


def create_from_file(store: Store, path: str, today: date, name: str | None = None) -> Profile:
    """A plan file becomes an athlete: its `athlete` fields, its week as the typical week,
    its maxes and rep tests dated today."""
    library = load_library()
    data = read_plan_data(path)
    parse_plan(data, library, today)  # judged whole before anything is written
    fields, tests, maxes = athlete_fields(dict(data["athlete"]))
    if name is not None:
        fields["name"] = name
    typical = weekday_keys(data["week"]["days"])
    with store.transaction() as conn:
        try:
            athlete_id = repo.add_athlete(conn, fields, typical)
        except (IntegrityError, repo.Duplicate):
            raise InputError(
                "athlete.name", f"{fields['name']!r} exists already; give --name"
            ) from None
        for exercise_id, value in maxes.items():
            repo.add_max(conn, athlete_id, exercise_id, today, value, 1)
        for test in tests:
            repo.add_max(conn, athlete_id, test.exercise, today, test.load, test.reps)
        for race in data.get("races") or []:
            repo.add_race(
                conn,
                athlete_id,
                _date(race["date"]),
                float(race.get("distance_km") or 0),
                bool(race.get("goal")),
                race.get("name"),
            )
        return profile(conn, fields["name"], library)


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


def set_fields(store: Store, name: str | None, changes: dict[str, Any]) -> Profile:
    """Change some of the athlete's fields; the result must still be a valid athlete."""
    library = load_library()
    for key in changes:
        if key not in EDITABLE:
            raise InputError(
                key, f"cannot be changed here; change one of {', '.join(sorted(EDITABLE))}"
            )
    with store.transaction() as conn:
        current = profile(conn, name, library)
        fields = {**current.row.fields, **changes}
        new_name = changes.get("name")
        if new_name is not None and new_name != current.name:
            try:
                repo.get_athlete(conn, new_name)
            except repo.NotFound:
                pass
            else:
                raise InputError("--name", f"{new_name!r} exists already; choose another name")
        if "units" in changes and changes["units"] != current.row.fields.get("units"):
            has_logs = bool(repo.list_strength(conn, current.id))
            if current.maxes or has_logs:
                raise InputError(
                    "--units",
                    "cannot change once maxes or sessions are stored in the other unit; "
                    "export, convert and restore, or create a new athlete",
                )
        from runlift.io.planfile import parse_athlete

        parse_athlete({k: v for k, v in fields.items() if v is not None}, library)
        repo.update_athlete(conn, current.id, **changes)
        return profile(conn, fields["name"], library)


def set_typical_week(store: Store, name: str | None, path: str, today: date) -> Profile:
    library = load_library()
    data = read_plan_data(path)
    days = data.get("days") if isinstance(data, dict) and "days" in data else None
    if days is None and isinstance(data, dict) and isinstance(data.get("week"), dict):
        days = data["week"].get("days")
    if not isinstance(days, dict):
        raise InputError("FILE", "expected a plan file with `week: days:` (or just `days:`)")
    with store.transaction() as conn:
        current = profile(conn, name, library)
        parse_plan(
            {
                "athlete": {k: v for k, v in current.row.fields.items() if v is not None},
                "week": {"days": days},
            },
            library,
            today,
        )
        repo.update_athlete(conn, current.id, typical_week=weekday_keys(days))
        return profile(conn, current.name, library)


def add_test(
    store: Store, name: str | None, exercise: str, load: float, reps: int, on: date
) -> Profile:
    """A one-rep max (reps 1) or a rep test, dated: the latest per lift is the one used."""
    library = load_library()
    from runlift.io.planfile import _loaded_exercise_id

    _loaded_exercise_id(exercise, "--exercise", library)
    if load <= 0:
        raise InputError("--load", f"{load:g} is not allowed; use a load above 0")
    if not 1 <= reps <= 20:
        raise InputError("--reps", f"{reps} is not allowed; use a whole number from 1 to 20")
    with store.transaction() as conn:
        current = profile(conn, name, library)
        repo.add_max(conn, current.id, exercise, on, load, reps)
        return profile(conn, current.name, library)
