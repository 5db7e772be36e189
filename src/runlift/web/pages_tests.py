"""Rep tests, the last step of onboarding and a page to come back to: the test protocol for
the runner's experience, the lifts in their plan done with a load, and a box for each result
(load, reps, and the reps left when the set stopped). A result turns into a one-rep max
estimate, so the plan can give loads (a novice's sessions stay by effort)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runlift.catalog import load_library
from runlift.domain.prescription import MAX_TEST_RESERVE
from runlift.io.planfile import InputError
from runlift.protocol import protocol, to_test
from runlift.services import local_today
from runlift.tracking import monday_of, profile_of
from runlift.tracking.profiles import record_test
from runlift.tracking.seasons import planned_week
from runlift.web.access import athlete_for
from runlift.web.deps import get_store
from runlift.web.pages import MaybeSession, _checked_form, _page
from runlift.web.pages_week import week_url

router = APIRouter(include_in_schema=False)


def _tests_page(
    request: Request, session: Any, athlete_id: int, welcome: bool = False,
    error: str | None = None, status: int = 200,
) -> Response:  # fmt: skip
    library = load_library()
    with get_store(request).transaction() as conn:
        prof = profile_of(conn, athlete_for(conn, session.user, athlete_id), library)
        plan, _ = planned_week(conn, prof, monday_of(local_today()), library)
    found = to_test(plan, library)
    return _page(
        request, "tests.html", session, status, athlete=prof.name, athlete_id=athlete_id,
        protocol=protocol(prof.athlete.experience.value), lifts=found["lifts"],
        nothing_to_test=found["nothing_to_test"], by_effort=found["by_effort"],
        welcome=welcome, error=error, units=prof.athlete.units.value,
        today=local_today().isoformat(), max_reserve=MAX_TEST_RESERVE,
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
    saved, novice = [], False
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
            spare_text = str(data.get(f"rir_{lift}") or "").strip()
            if not load_text and not reps_text:
                continue
            if lift not in library:
                raise InputError(lift, "not an exercise runlift knows; reload the page")
            name = library[lift].name
            try:
                load, reps = float(load_text), int(reps_text)
            except ValueError:
                raise InputError(name, "give both the load and the reps as numbers") from None
            try:
                spare = int(spare_text or 0)
            except ValueError:
                raise InputError(
                    f"{name} reps in reserve", "a whole number of reps you had left, or empty"
                ) from None
            results.append((lift, load, reps, spare))
        with get_store(request).transaction() as conn:
            row = athlete_for(conn, signed.user, athlete_id)
            novice = row.fields.get("experience") == "novice"
            for lift, load, reps, spare in results:
                try:
                    record_test(conn, row.id, lift, load, reps, on, library, spare)
                except InputError as error:  # its fields are the CLI's flags: name the lift
                    field = f"{library[lift].name} {error.field.lstrip('-').replace('-', ' ')}"
                    raise InputError(field, error.message) from None
                saved.append(library[lift].name)
    except ValueError as error:  # InputError is one; a bad date is the other
        message = str(error) if isinstance(error, InputError) else "date: not a date"
        return _tests_page(request, signed, athlete_id, error=message, status=400)
    loads = (
        "Your sessions still go by effort while you are a novice; the estimates are kept."
        if novice
        else "Loads now come from them."
    )
    notice = (
        f"Saved {len(saved)} test(s): {', '.join(saved)}. {loads}"
        if saved
        else "No test saved: fill in a load and reps for a lift, or plan by effort for now."
    )
    return RedirectResponse(week_url(athlete_id, local_today(), notice), status_code=303)
