"""Rep tests, the last step of onboarding and a page to come back to: the test protocol for
the runner's experience, the lifts in their plan that still go by effort, and a box for each
result. A result turns into a one-rep max estimate, so the plan can give loads."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runlift.catalog import load_library, load_protocols
from runlift.domain.model import StrengthKind
from runlift.domain.planner import Plan
from runlift.io.planfile import InputError
from runlift.services import local_today
from runlift.tracking import monday_of, profile_of
from runlift.tracking.profiles import record_test
from runlift.tracking.seasons import planned_week
from runlift.web.access import athlete_for
from runlift.web.deps import get_store
from runlift.web.pages import MaybeSession, _checked_form, _page
from runlift.web.pages_week import week_url

router = APIRouter(include_in_schema=False)


def lifts_in(plan: Plan) -> list[dict[str, Any]]:
    """The loaded lifts of the week's heavy sessions, each once, with the max in use."""
    library = load_library()
    rows: dict[str, dict[str, Any]] = {}
    for day in plan.week.days:
        for session in day.strength:
            if session.kind is not StrengthKind.HEAVY:
                continue
            for item in session.exercises:
                lift = library[item.exercise_id]
                if not lift.loaded or lift.timed or lift.id in rows:
                    continue
                known = plan.maxes.get(lift.id)
                rows[lift.id] = {
                    "id": lift.id, "name": lift.name, "load": item.load,
                    "max": None if known is None else round(known.value, 1),
                    "source": None if known is None else known.source,
                }  # fmt: skip
    return sorted(rows.values(), key=lambda r: (r["max"] is not None, r["name"]))


def _tests_page(
    request: Request, session: Any, athlete_id: int, welcome: bool = False,
    error: str | None = None, status: int = 200,
) -> Response:  # fmt: skip
    library = load_library()
    with get_store(request).transaction() as conn:
        prof = profile_of(conn, athlete_for(conn, session.user, athlete_id), library)
        plan, _ = planned_week(conn, prof, monday_of(local_today()), library)
    protocol = load_protocols()[prof.athlete.experience.value]
    return _page(
        request, "tests.html", session, status, athlete=prof.name, athlete_id=athlete_id,
        protocol=protocol, lifts=lifts_in(plan), welcome=welcome, error=error,
        units=prof.athlete.units.value, today=local_today().isoformat(),
    )  # fmt: skip


@router.get("/athletes/{athlete_id}/tests", response_class=HTMLResponse)
def tests_page(
    athlete_id: int, request: Request, session: MaybeSession, welcome: bool = False
) -> Response:
    if session is None:
        return RedirectResponse("/signin", status_code=303)
    return _tests_page(request, session, athlete_id, welcome)


@router.post("/athletes/{athlete_id}/tests")
async def tests_form(athlete_id: int, request: Request, session: MaybeSession) -> Response:
    """Every lift with both a load and reps filled in becomes a dated rep test."""
    from datetime import date

    signed, data = await _checked_form(request, session)
    library = load_library()
    saved = []
    try:
        on = date.fromisoformat(str(data.get("date") or local_today().isoformat()))
        if on > local_today():
            raise InputError("date", "a test cannot be in the future")
        results = []
        for key in data:
            if not key.startswith("load_"):
                continue
            lift = key.removeprefix("load_")
            load_text = str(data.get(key) or "").strip()
            reps_text = str(data.get(f"reps_{lift}") or "").strip()
            if not load_text and not reps_text:
                continue
            if lift not in library:
                raise InputError(lift, "not an exercise runlift knows; reload the page")
            name = library[lift].name
            try:
                load, reps = float(load_text), int(reps_text)
            except ValueError:
                raise InputError(name, "give both the load and the reps as numbers") from None
            results.append((lift, load, reps))
        with get_store(request).transaction() as conn:
            row = athlete_for(conn, signed.user, athlete_id)
            for lift, load, reps in results:
                try:
                    record_test(conn, row.id, lift, load, reps, on, library)
                except InputError as error:  # its fields are the CLI's flags: name the lift
                    field = f"{library[lift].name} {error.field.lstrip('-')}"
                    raise InputError(field, error.message) from None
                saved.append(library[lift].name)
    except ValueError as error:  # InputError is one; a bad date is the other
        message = str(error) if isinstance(error, InputError) else "date: not a date"
        return _tests_page(request, signed, athlete_id, error=message, status=400)
    notice = (
        f"Saved {len(saved)} test(s): {', '.join(saved)}. Loads now come from them."
        if saved
        else "No test saved: fill in a load and reps for a lift, or plan by effort for now."
    )
    return RedirectResponse(week_url(athlete_id, local_today(), notice), status_code=303)
