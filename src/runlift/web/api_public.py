"""The one-week tools, no account needed: plan, check, exercises, one-rep max."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query
from pydantic import BaseModel, ConfigDict, Field

from runlift import services
from runlift.catalog import load_library
from runlift.domain.checker import judge
from runlift.domain.library import PATTERNS
from runlift.domain.model import EQUIPMENT, Experience
from runlift.io.planfile import InputError
from runlift.io.weekfile import parse_plan
from runlift.render import library_json, week_json
from runlift.web.errors import json_fields
from runlift.web.fields import EXAMPLE_PLAN, RESERVE_HELP, RESERVE_RANGE, Whole, examples

router = APIRouter(prefix="/api/v1", tags=["week"])
PlanFile = Annotated[
    dict[str, Any],
    Body(description="a plan file (contract.md) as JSON", examples=[EXAMPLE_PLAN]),
]


@router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.post("/plan")
def plan(body: PlanFile, formula: str | None = None) -> dict[str, Any]:
    """Fill the week with strength work (the JSON of `runlift plan --format json`)."""
    request = parse_plan(body, load_library(), services.local_today())
    return services.plan_json(services.plan_request(request, formula))


@router.post("/check")
def check(body: PlanFile) -> dict[str, Any]:
    """Judge the strength work in the week; `ok` is false when a hard rule is broken."""
    library = load_library()
    request = parse_plan(body, library, services.local_today())
    j = judge(request.athlete, request.week, library.tables.session_minutes)
    return {**week_json(request.week, j.reasons, j.violations, j.warnings), "ok": not j.violations}


def _list(value: str | None, allowed: tuple[str, ...], field: str) -> list[str] | None:
    if not value:
        return None
    items = [v.strip() for v in value.split(",") if v.strip()]
    for item in items:
        if item not in allowed:
            raise InputError(field, f"{item!r} is not allowed; use any of {', '.join(allowed)}")
    return items


@router.get("/exercises")
def exercises(
    equipment: Annotated[str | None, Query(description="comma-separated equipment ids")] = None,
    pattern: Annotated[str | None, Query(description="comma-separated patterns")] = None,
) -> list[dict[str, Any]]:
    owned = _list(equipment, EQUIPMENT, "equipment")
    patterns = _list(pattern, PATTERNS, "pattern")
    return [library_json(x) for x in load_library().select(owned, patterns)]


@router.get("/exercises/unlocks")
def unlocks(
    equipment: Annotated[str | None, Query(description="comma-separated equipment ids")] = None,
) -> list[dict[str, Any]]:
    owned = _list(equipment, EQUIPMENT, "equipment") or []
    found = load_library().unlocks(owned)
    return [{"equipment": item, "unlocks": [library_json(x) for x in xs]} for item, xs in found]


class RepTestBody(BaseModel):
    model_config = ConfigDict(strict=True, json_schema_extra=examples({"load": 100, "reps": 5}))
    load: float = Field(ge=0, description="load lifted")
    reps: Whole = Field(ge=1, le=20, description="reps done")
    # Judged by the same check as `runlift estimate-1rm`, so both refuse alike and say why.
    reps_in_reserve: Whole = Field(0, description=RESERVE_HELP, json_schema_extra=RESERVE_RANGE)
    formula: str | None = None


@router.post("/estimate-1rm")
def estimate_1rm(body: RepTestBody) -> dict[str, Any]:
    """`runlift estimate-1rm`: a set with reps in reserve is read off the RPE chart (one
    estimate, `formula` "rpe_chart"); otherwise the named formula, or all seven."""
    with json_fields():
        estimates = services.estimate(body.load, body.reps, body.formula, body.reps_in_reserve)
    return {
        "load": body.load,
        "reps": body.reps,
        "reps_in_reserve": body.reps_in_reserve,
        "rough": estimates[0].rough,
        "estimates": [
            {"formula": e.method, "name": e.label, "one_rep_max": round(e.one_rep_max, 1)}
            for e in estimates
        ],
    }


@router.get("/test-protocol")
def test_protocol(
    experience: Annotated[
        str,
        Query(
            description="lifting experience",
            json_schema_extra={"enum": [e.value for e in Experience]},
        ),
    ],
) -> dict[str, Any]:
    """How to find a one-rep max safely at this lifting experience (`runlift test-protocol
    --experience`). An athlete's own lifts to test: GET /api/v1/athletes/{id}/test-protocol."""
    from runlift.web.api_profile import protocol

    if experience not in {e.value for e in Experience}:
        allowed = ", ".join(e.value for e in Experience)
        raise InputError("experience", f"{experience!r} is not allowed; use one of {allowed}")
    return protocol(experience)
