"""Plan files (contract.md, "Input: a plan file") into domain values.

Every problem raises `InputError` naming the field and what is allowed, so the CLI can print
one clear line. YAML and JSON share the schema.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from runlift.domain.library import Library
from runlift.domain.model import (
    DEFAULT_WINDOW,
    EQUIPMENT,
    WEEKDAYS,
    Athlete,
    Experience,
    Kit,
    Phase,
    RepTest,
    Units,
    Week,
    Window,
)
from runlift.domain.prescription import MAX_TEST_REPS, MAX_TEST_RESERVE, reserve_problem

CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
WINDOW = re.compile(r"^\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2}|24:00)\s*$")
MAX_RUN_MINUTES = 24 * 60
SECOND_RUN_GAP = 8 * 60  # a second run without a time goes this long after the first ends


class InputError(ValueError):
    """Bad input: `field` names where, the message says what is allowed."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class PlanRequest:
    athlete: Athlete
    week: Week


def _choices(values: Any) -> str:
    return ", ".join(str(v) for v in values)


def _enum(value: Any, enum: type[Any], field: str, what: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        allowed = _choices(e.value for e in enum)
        raise InputError(field, f"{value!r} is not a {what}; use one of {allowed}") from None


def _mapping(value: Any, field: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InputError(field, f"expected a mapping of keys to values, got {_kind(value)}")
    return value


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {
        str: "text",
        int: "a number",
        float: "a number",
        list: "a list",
        bool: "true/false",
    }.get(type(value), type(value).__name__)


def _only(data: Mapping[str, Any], allowed: tuple[str, ...], field: str) -> None:
    for key in data:
        if key not in allowed:
            raise InputError(
                f"{field}.{key}" if field else str(key),
                f"unknown field; allowed here: {_choices(allowed)}",
            )


def _number(
    value: Any, field: str, *, low: float | None = None, high: float | None = None
) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(field, f"{value!r} is not a number")
    if low is not None and value < low:
        raise InputError(field, f"{value:g} is too small; use a number of {low:g} or more")
    if high is not None and value > high:
        raise InputError(field, f"{value:g} is too large; use a number up to {high:g}")
    return float(value)


def _whole(value: Any, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(
            field, f"{value!r} is not allowed; use a whole number from {low} to {high}"
        )
    if not low <= value <= high:
        raise InputError(field, f"{value} is not allowed; use a whole number from {low} to {high}")
    return value


def parse_clock(value: Any, field: str) -> int:
    """`"06:30"` -> 390; the error names `field` and the HH:MM form."""
    match = CLOCK.match(value) if isinstance(value, str) else None
    if not match:
        raise InputError(field, f'{value!r} is not a time; use HH:MM, 24-hour (e.g. "06:30")')
    return int(match.group(1)) * 60 + int(match.group(2))


def _window(value: Any, field: str) -> Window:
    match = WINDOW.match(value) if isinstance(value, str) else None
    if not match:
        raise InputError(
            field, f'{value!r} is not a time window; use "HH:MM-HH:MM" (e.g. "17:00-20:00")'
        )
    start = parse_clock(match.group(1), field)
    end = 24 * 60 if match.group(2) == "24:00" else parse_clock(match.group(2), field)
    if end <= start:
        raise InputError(
            field, f'{value!r} ends before it starts; use "HH:MM-HH:MM" within one day'
        )
    return Window(start, end)


ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""A date as the command line and the API take it (`date.fromisoformat` alone also takes
20261129 and 2026-W48-7)."""


def parse_date(value: Any, field: str) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise InputError(field, f"{value!r} is not a date; use YYYY-MM-DD")


# -- athlete ------------------------------------------------------------------------------
ATHLETE_FIELDS = (
    "name", "experience", "phase", "units", "equipment", "heavy_sessions", "one_rep_max",
    "rep_tests", "available", "kit", "formula", "usual_run_start",
)  # fmt: skip
KIT_FIELDS = ("dumbbells", "kettlebells", "plates", "barbell", "cable_step")


def _equipment(value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    if not isinstance(value, list):
        raise InputError(
            "athlete.equipment", f"expected a list of equipment ids, got {_kind(value)}"
        )
    owned = set()
    for i, item in enumerate(value):
        if item in ("bodyweight", "body_weight"):
            continue
        if item not in EQUIPMENT:
            raise InputError(
                f"athlete.equipment[{i}]",
                f"{item!r} is not an equipment id; use any of {_choices(EQUIPMENT)}",
            )
        owned.add(item)
    return frozenset(owned)


def _exercise_id(value: Any, field: str, library: Library) -> str:
    if not isinstance(value, str) or value not in library:
        raise InputError(field, f"{value!r} is not an exercise id; `runlift exercises` lists them")
    return value


def _loaded_exercise_id(value: Any, field: str, library: Library) -> str:
    """A max or a rep test needs a lift dosed by load, not a body-weight or band exercise."""
    exercise_id = _exercise_id(value, field, library)
    if not library[exercise_id].loaded:
        loaded = [x.id for x in library.by_pattern[library[exercise_id].pattern] if x.loaded]
        hint = (
            f" (loaded {library[exercise_id].pattern} lifts: {', '.join(loaded[:4])})"
            if loaded
            else ""
        )
        raise InputError(
            field, f"{exercise_id!r} is not lifted with a load, so it has no one-rep max{hint}"
        )
    return exercise_id


def _rep_tests(value: Any, library: Library) -> tuple[RepTest, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise InputError("athlete.rep_tests", f"expected a list of tests, got {_kind(value)}")
    tests = []
    for i, raw in enumerate(value):
        field = f"athlete.rep_tests[{i}]"
        row = _mapping(raw, field)
        _only(row, ("exercise", "load", "reps", "reps_in_reserve"), field)
        for key in ("exercise", "load", "reps"):
            if key not in row:
                raise InputError(
                    f"{field}.{key}", "missing; a rep test needs exercise, load and reps"
                )
        exercise = _loaded_exercise_id(row["exercise"], f"{field}.exercise", library)
        load = _number(row["load"], f"{field}.load", low=0)
        reps = row["reps"]
        if isinstance(reps, int) and not isinstance(reps, bool) and reps > MAX_TEST_REPS:
            raise InputError(
                f"{field}.reps",
                f"{reps} reps is too light a test to estimate from; use 1 to 20 (3-6 is best)",
            )
        reps = _whole(reps, f"{field}.reps", 1, MAX_TEST_REPS)
        spare = rep_test_reserve(row.get("reps_in_reserve", 0), reps, f"{field}.reps_in_reserve")
        tests.append(RepTest(exercise, load, reps, spare))
    return tuple(tests)


def rep_test_reserve(value: Any, reps: int, field: str) -> int:
    """A rep test's reps in reserve (0-5, and reps + reserve at most 20), or InputError."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(
            field, f"{value!r} is not allowed; use a whole number from 0 to {MAX_TEST_RESERVE}"
        )
    problem = reserve_problem(reps, value)
    if problem is not None:
        raise InputError(field, problem)
    return value


def _available(value: Any) -> tuple[tuple[Window, ...], ...]:
    windows: list[tuple[Window, ...]] = [(DEFAULT_WINDOW,) for _ in WEEKDAYS]
    if value is None:
        return tuple(windows)
    data = _mapping(value, "athlete.available")
    for key, spans in data.items():
        field = f"athlete.available.{key}"
        if key not in WEEKDAYS:
            raise InputError(field, f"unknown day; use {_choices(WEEKDAYS)}")
        if spans is None:
            spans = []
        if isinstance(spans, str):
            spans = [spans]
        if not isinstance(spans, list):
            raise InputError(field, 'expected a list of "HH:MM-HH:MM" windows ([] for none)')
        parsed = sorted(
            (_window(s, f"{field}[{i}]") for i, s in enumerate(spans)), key=lambda w: w.start
        )
        windows[WEEKDAYS.index(key)] = tuple(parsed)
    return tuple(windows)


def _loads(value: Any, field: str) -> tuple[float, ...]:
    if not isinstance(value, list) or not value:
        raise InputError(field, "expected a non-empty list of loads")
    return tuple(sorted(_number(x, f"{field}[{i}]", low=0.01) for i, x in enumerate(value)))


def _kit(value: Any, units: Units, library: Library) -> Kit | None:
    if value is None:
        return None
    data = _mapping(value, "athlete.kit")
    _only(data, KIT_FIELDS, "athlete.kit")
    base = library.tables.kits[units]
    field = "athlete.kit"
    return Kit(
        dumbbells=_loads(data["dumbbells"], f"{field}.dumbbells")
        if "dumbbells" in data
        else base.dumbbells,
        kettlebells=_loads(data["kettlebells"], f"{field}.kettlebells")
        if "kettlebells" in data
        else base.kettlebells,
        plates=_loads(data["plates"], f"{field}.plates") if "plates" in data else base.plates,
        barbell=_number(data["barbell"], f"{field}.barbell", low=0)
        if "barbell" in data
        else base.barbell,
        cable_step=_number(data["cable_step"], f"{field}.cable_step", low=0.01)
        if "cable_step" in data
        else base.cable_step,
    )


def parse_athlete(value: Any, library: Library) -> Athlete:
    data = _mapping(value, "athlete")
    _only(data, ATHLETE_FIELDS, "athlete")
    for key in ("experience", "phase"):
        if key not in data:
            raise InputError(f"athlete.{key}", "missing; " + (
                "use one of novice, intermediate, advanced" if key == "experience"
                else f"use one of {_choices(p.value for p in Phase)}"))  # fmt: skip
    units = _enum(data.get("units", "kg"), Units, "athlete.units", "unit")
    heavy = data.get("heavy_sessions")
    maxes = data.get("one_rep_max") or {}
    maxes = _mapping(maxes, "athlete.one_rep_max")
    formula = data.get("formula", library.tables.default_formula)
    if formula not in library.tables.formulas:
        raise InputError(
            "athlete.formula",
            f"{formula!r} is not a formula; use one of {_choices(library.tables.formulas)}",
        )
    name = data.get("name", "Runner")
    if not isinstance(name, str) or not name.strip() or len(name) > 100:
        raise InputError("athlete.name", "expected a name of 1-100 characters")
    return Athlete(
        name=name,
        experience=_enum(
            data["experience"], Experience, "athlete.experience", "lifting experience"
        ),
        phase=_enum(data["phase"], Phase, "athlete.phase", "phase"),
        units=units,
        equipment=_equipment(data.get("equipment")),
        heavy_sessions=None if heavy is None else _whole(heavy, "athlete.heavy_sessions", 0, 3),
        one_rep_max=tuple(
            (
                _loaded_exercise_id(key, f"athlete.one_rep_max.{key}", library),
                _number(v, f"athlete.one_rep_max.{key}", low=0.01),
            )
            for key, v in sorted(maxes.items())
        ),
        rep_tests=_rep_tests(data.get("rep_tests"), library),
        available=_available(data.get("available")),
        kit=_kit(data.get("kit"), units, library),
        formula=formula,
        usual_run_start=parse_clock(data["usual_run_start"], "athlete.usual_run_start")
        if "usual_run_start" in data
        else 7 * 60,
    )
