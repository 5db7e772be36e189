"""The `week` (and `races`) part of a plan file, and reading whole files."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from runlift.domain.library import Library
from runlift.domain.model import (
    WEEKDAYS,
    Athlete,
    Day,
    DayType,
    Race,
    Run,
    RunType,
    StrengthKind,
    StrengthSession,
    Week,
)
from runlift.io.planfile import (
    MAX_RUN_MINUTES,
    SECOND_RUN_GAP,
    InputError,
    PlanRequest,
    _choices,
    _enum,
    _kind,
    _mapping,
    _number,
    _only,
    _whole,
    parse_athlete,
    parse_clock,
    parse_date,
)

RUN_FIELDS = ("run", "start", "minutes", "distance_km", "note", "goal")
STRENGTH_FIELDS = ("strength", "start", "minutes")
WEEK_FIELDS = ("start", "days", "cutback", "deload", "next_day")
TOP_FIELDS = ("athlete", "week", "races")


def _run(row: Mapping[str, Any], field: str, default_start: int) -> Run:
    _only(row, RUN_FIELDS, field)
    kind = _enum(row["run"], RunType, f"{field}.run", "run type")
    if "minutes" not in row:
        raise InputError(f"{field}.minutes", "missing; give the run's length in minutes (1-1440)")
    minutes = _whole(row["minutes"], f"{field}.minutes", 1, MAX_RUN_MINUTES)
    given = "start" in row
    start = parse_clock(row["start"], f"{field}.start") if given else default_start
    if start + minutes > MAX_RUN_MINUTES:
        raise InputError(
            f"{field}.minutes",
            f"a run of {minutes} min from {start // 60:02d}:{start % 60:02d} crosses midnight; "
            "split it over two days",
        )
    goal = row.get("goal", False)
    if not isinstance(goal, bool):
        raise InputError(f"{field}.goal", f"{goal!r} is not allowed; use true or false")
    if goal and kind is not RunType.RACE:
        raise InputError(f"{field}.goal", "only a race can be the goal race; use run: race")
    note = row.get("note")
    if note is not None and not isinstance(note, str):
        raise InputError(f"{field}.note", f"expected text, got {_kind(note)}")
    distance = row.get("distance_km")
    return Run(
        type=kind,
        start=start,
        minutes=minutes,
        start_given=given,
        distance_km=None if distance is None else _number(distance, f"{field}.distance_km", low=0),
        note=note,
        goal=goal,
    )


def _strength(
    row: Mapping[str, Any], field: str, default_minutes: Mapping[StrengthKind, int]
) -> StrengthSession:
    _only(row, STRENGTH_FIELDS, field)
    kind = _enum(row["strength"], StrengthKind, f"{field}.strength", "strength kind")
    given_minutes = "minutes" in row
    minutes = (
        _whole(row["minutes"], f"{field}.minutes", 1, 240)
        if given_minutes
        else default_minutes[kind]
    )
    given_start = "start" in row
    start = parse_clock(row["start"], f"{field}.start") if given_start else 18 * 60
    if start + minutes > MAX_RUN_MINUTES:
        raise InputError(f"{field}.minutes", "the session crosses midnight; start it earlier")
    return StrengthSession(
        kind, start, minutes, fixed=True, start_given=given_start, minutes_given=given_minutes
    )


def _day(value: Any, field: str, on: date, athlete: Athlete, library: Library) -> Day:
    if value is None or value == "rest" or value == []:
        return Day(on)
    if not isinstance(value, list):
        raise InputError(
            field, f'expected "rest" or a list of runs and strength items, got {value!r}'
        )
    runs: list[Run] = []
    sessions: list[StrengthSession] = []
    for i, raw in enumerate(value):
        item_field = f"{field}[{i}]"
        row = _mapping(raw, item_field)
        if "run" in row and "strength" in row:
            raise InputError(item_field, "an item is either a run or a strength session, not both")
        if "run" in row:
            untimed = [r for r in runs if not r.start_given]
            default = athlete.usual_run_start if not untimed else untimed[-1].end + SECOND_RUN_GAP
            runs.append(_run(row, item_field, min(default, MAX_RUN_MINUTES - 1)))
        elif "strength" in row:
            sessions.append(_strength(row, item_field, library.tables.default_minutes))
        else:
            raise InputError(item_field, "each item needs `run: TYPE` or `strength: KIND`")
    runs.sort(key=lambda r: r.start)
    return Day(on, tuple(runs), tuple(sessions))


def _bool(data: Mapping[str, Any], key: str, field: str) -> bool | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, bool):
        raise InputError(f"{field}.{key}", f"{value!r} is not allowed; use true or false")
    return value


def _day_keys(
    days: Mapping[Any, Any], start: date | None, today: date
) -> tuple[date, dict[date, tuple[str, Any]]]:
    """Work out the week's first date and the date of every listed day."""
    if not days:
        raise InputError(
            "week.days", 'empty; list the week\'s days (mon..sun or YYYY-MM-DD) with runs or "rest"'
        )
    keyed: list[tuple[str, date | int, Any]] = []
    for key, value in days.items():
        label = str(key)
        if isinstance(key, date):
            keyed.append((label, key, value))
        elif isinstance(key, str) and key.lower() in WEEKDAYS:
            keyed.append((label, WEEKDAYS.index(key.lower()), value))
        else:
            try:
                keyed.append((label, date.fromisoformat(label), value))
            except ValueError:
                raise InputError(
                    f"week.days.{label}",
                    f"unknown day; use {_choices(WEEKDAYS)} or a date YYYY-MM-DD",
                ) from None
    first = keyed[0][1]
    if start is None:
        if isinstance(first, date):
            start = min(d for _, d, _ in keyed if isinstance(d, date))
        else:
            start = today + timedelta(days=(first - today.weekday()) % 7)
    dated: dict[date, tuple[str, Any]] = {}
    for label, key, value in keyed:
        if isinstance(key, date):
            on = key
        else:
            on = start + timedelta(days=(key - start.weekday()) % 7)
        if not 0 <= (on - start).days <= 6:
            raise InputError(
                f"week.days.{label}",
                f"{on.isoformat()} is outside the week that starts {start.isoformat()}",
            )
        if on in dated:
            raise InputError(
                f"week.days.{label}",
                f"lists {on.isoformat()} a second time (also as {dated[on][0]})",
            )
        dated[on] = (label, value)
    return start, dated


def parse_week(
    value: Any, races_value: Any, athlete: Athlete, library: Library, today: date
) -> Week:
    data = _mapping(value, "week")
    _only(data, WEEK_FIELDS, "week")
    if "days" not in data:
        raise InputError(
            "week.days", 'missing; list the week\'s days (mon..sun) with runs or "rest"'
        )
    days = _mapping(data["days"], "week.days")
    start = parse_date(data["start"], "week.start") if "start" in data else None
    start, dated = _day_keys(days, start, today)
    built = []
    for offset in range(7):
        on = start + timedelta(days=offset)
        label, raw = dated.get(on, (WEEKDAYS[on.weekday()], None))
        built.append(_day(raw, f"week.days.{label}", on, athlete, library))
    next_day = data.get("next_day")
    return Week(
        start=start,
        days=tuple(built),
        cutback=bool(_bool(data, "cutback", "week")),
        deload=_bool(data, "deload", "week"),
        next_day_type=None
        if next_day is None
        else _enum(next_day, DayType, "week.next_day", "day type"),
        races=_races(races_value),
    )


def _races(value: Any) -> tuple[Race, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise InputError("races", f"expected a list of races, got {_kind(value)}")
    races = []
    for i, raw in enumerate(value):
        field = f"races[{i}]"
        row = _mapping(raw, field)
        _only(row, ("date", "goal", "name", "distance_km"), field)
        if "date" not in row:
            raise InputError(f"{field}.date", "missing; give the race date as YYYY-MM-DD")
        goal = _bool(row, "goal", field)
        name = row.get("name")
        races.append(
            Race(
                parse_date(row["date"], f"{field}.date"),
                bool(goal),
                None if name is None else str(name),
            )
        )
    return tuple(races)


def parse_plan(data: Any, library: Library, today: date) -> PlanRequest:
    """A whole plan file (already decoded from YAML or JSON) into athlete and week."""
    top = _mapping(data, "plan file")
    _only(top, TOP_FIELDS, "")
    for key in ("athlete", "week"):
        if key not in top:
            raise InputError(key, "missing; a plan file needs `athlete:` and `week:`")
    athlete = parse_athlete(top["athlete"], library)
    week = parse_week(top["week"], top.get("races"), athlete, library, today)
    return PlanRequest(athlete, week)


def decode(text: str, name: str) -> Any:
    """JSON or YAML text into plain data; the error names the file and the line."""
    if name.endswith(".json"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(name, f"not valid JSON (line {error.lineno}: {error.msg})") from None
    import yaml

    from runlift.io.yamlload import load_yaml

    try:
        return load_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(error, "problem", None) or "cannot be parsed"
        raise InputError(name, f"not valid YAML{where}: {problem}") from None


def read_plan_data(path: str) -> Any:
    """The decoded contents of a plan file (YAML or JSON), or an InputError naming FILE."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(
            "FILE", f"{path} does not exist; give the path of a YAML or JSON plan file"
        ) from None
    except IsADirectoryError:
        raise InputError(
            "FILE", f"{path} is a folder; give the path of a YAML or JSON plan file"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(
            "FILE",
            f"{path} cannot be read ({error.__class__.__name__}); give a readable UTF-8 plan file",
        ) from None
    return decode(text, path)


def read_plan_file(path: str, library: Library, today: date) -> PlanRequest:
    return parse_plan(read_plan_data(path), library, today)
