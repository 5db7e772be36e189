"""Use cases: the one place that joins files, the catalogue and the domain."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from runlift.catalog import load_library
from runlift.domain.checker import Judgement, judge
from runlift.domain.library import Library
from runlift.domain.notes import SAFETY
from runlift.domain.planner import Plan, plan_week
from runlift.domain.prescription import Estimate, EstimateError, estimate_from_set
from runlift.io.planfile import InputError, PlanRequest
from runlift.io.weekfile import parse_plan, read_plan_file
from runlift.render import week_json


def local_today() -> date:
    """Today in the runner's local time zone (the only clock read, at the edge)."""
    return datetime.now(UTC).astimezone().date()


def check_formula(formula: str | None, library: Library) -> str | None:
    if formula is not None and formula not in library.tables.formulas:
        allowed = ", ".join(library.tables.formulas)
        raise InputError("--formula", f"{formula!r} is not a formula; use one of {allowed}")
    return formula


def plan_request(request: PlanRequest, formula: str | None = None) -> Plan:
    library = load_library()
    return plan_week(
        request.athlete, request.week, library, formula=check_formula(formula, library)
    )


def plan_file(path: str, formula: str | None = None, today: date | None = None) -> Plan:
    library = load_library()
    check_formula(formula, library)
    request = read_plan_file(path, library, today or local_today())
    try:
        return plan_week(request.athlete, request.week, library, formula=formula)
    except EstimateError as error:
        raise InputError(error.field, str(error).split(": ", 1)[1]) from None


def plan_json(plan: Plan) -> dict[str, Any]:
    return week_json(plan.week, plan.reasons, plan.violations, plan.warnings, plan.notes)


@dataclass(frozen=True, slots=True)
class Checked:
    request: PlanRequest
    judgement: Judgement


def check_file(path: str, today: date | None = None) -> Checked:
    library = load_library()
    request = read_plan_file(path, library, today or local_today())
    judgement = judge(request.athlete, request.week, library.tables.session_minutes)
    return Checked(request, judgement)


def check_json(checked: Checked) -> dict[str, Any]:
    j = checked.judgement
    return week_json(checked.request.week, j.reasons, j.violations, j.warnings, (SAFETY,))


def plan_batch_line(line: str, number: int, formula: str | None, today: date) -> dict[str, Any]:
    """One line of a --batch file: its plan as JSON, or `{"error": ...}` naming the field."""
    library = load_library()
    if not line.strip():
        return {"error": f"line {number}: empty; expected a plan file as one JSON object"}
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        return {"error": f"line {number}: not valid JSON ({error.msg} at column {error.colno})"}
    try:
        request = parse_plan(data, library, today)
        return plan_json(plan_week(request.athlete, request.week, library, formula=formula))
    except (InputError, EstimateError) as error:
        return {"error": f"line {number}: {error}"}


def estimate(
    load: float, reps: int, formula: str | None, reps_in_reserve: int = 0
) -> list[Estimate]:
    """One estimate with the named formula (Epley by default), or all seven for `all`. A set
    with reps in reserve is read off the RPE chart, one answer whatever the formula (the
    formula counts only past the chart's end); the CLI and the API both call this."""
    library = load_library()
    tables = library.tables
    if formula == "all":
        chosen = list(tables.formulas.values())
    else:
        chosen = [tables.formulas[check_formula(formula, library) or tables.default_formula]]
    if load < 0:
        raise InputError("--load", f"{load:g} is negative; use a load of 0 or more")
    try:
        found = [
            estimate_from_set(
                load,
                reps,
                f,
                tables,
                reps_in_reserve=reps_in_reserve,
                field="--reps",
                reserve_field="--reps-in-reserve",
            )
            for f in chosen
        ]
    except EstimateError as error:
        raise InputError(error.field, str(error).split(": ", 1)[1]) from None
    return found[:1] if found[0].chart else found
