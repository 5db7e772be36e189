"""The gym card (each exercise's dose and cues, a rest timer, a box per set, a swap for what the
kit allows) and the week's session cards to print."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runlift.catalog import load_library
from runlift.domain.log import ExerciseDone, SetDone, StrengthDone
from runlift.domain.model import StrengthKind, format_clock
from runlift.io.planfile import InputError
from runlift.render import exercise_json
from runlift.store import repository as repo
from runlift.tracking import monday_of, profile_of
from runlift.tracking.gym import CardItem, gym_card
from runlift.tracking.seasons import planned_week
from runlift.web.access import NoAccess, athlete_for
from runlift.web.deps import get_store
from runlift.web.pages import TEMPLATES, MaybeSession, _checked_form, _page
from runlift.web.pages_week import week_url

EARLIEST, LATEST = date(1950, 1, 1), date(2200, 12, 31)

router = APIRouter(include_in_schema=False)


def _date(value: str, field: str = "date") -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(field, "not a date (YYYY-MM-DD)") from None


def card_row(entry: CardItem) -> dict[str, Any]:
    row = exercise_json(entry.item)
    row |= {
        "cues": entry.cues, "planned_id": entry.planned_id, "swapped_from": entry.swapped_from,
        "alternatives": [{"id": x.id, "name": x.name} for x in entry.alternatives],
    }  # fmt: skip
    return row


@router.get("/athletes/{athlete_id}/session", response_class=HTMLResponse)
def session_page(
    athlete_id: int, request: Request, session: MaybeSession, date: str, kind: str
) -> Response:
    if session is None:
        return RedirectResponse("/signin", status_code=303)
    on = _date(date)
    swaps = {}
    for pair in request.query_params.getlist("swap"):  # planned:chosen, for pages without JS
        planned, _, chosen = pair.partition(":")
        swaps[planned] = chosen
    with get_store(request).transaction() as conn:
        prof = profile_of(conn, athlete_for(conn, session.user, athlete_id))
        card = gym_card(conn, prof, on, kind, swaps)
    return _page(
        request, "session.html", session, athlete_id=athlete_id, date=on.isoformat(),
        label=f"{card.day.date:%a %d %b}", session_kind=card.session.kind.value,
        start=format_clock(card.session.start), minutes=card.session.minutes,
        exercises=[card_row(x) for x in card.items],
    )  # fmt: skip


@router.get("/athletes/{athlete_id}/session/swap", response_class=HTMLResponse)
def swap_partial(
    athlete_id: int,
    request: Request,
    session: MaybeSession,
    date: str,
    kind: str,
    planned: str,
    to: str,
) -> Response:
    """An htmx partial: one exercise of the card replaced by another the kit allows, dosed
    for this session (swapping back to the planned one is allowed too)."""
    if session is None:
        return HTMLResponse("<p class='error'>Sign in first.</p>", status_code=401)
    on = _date(date)
    with get_store(request).transaction() as conn:
        prof = profile_of(conn, athlete_for(conn, session.user, athlete_id))
        card = gym_card(conn, prof, on, kind, {planned: to})
    entry = next((x for x in card.items if x.planned_id == planned), None)
    if entry is None:
        raise InputError("planned", f"{planned!r} is not on this session's card")
    context = {"x": card_row(entry), "athlete_id": athlete_id, "date": on.isoformat(),
               "session_kind": card.session.kind.value}  # fmt: skip
    return TEMPLATES.TemplateResponse(request, "_exercise.html", context)


@router.post("/athletes/{athlete_id}/session")
async def session_form(athlete_id: int, request: Request, session: MaybeSession) -> Response:
    """The sets ticked as done become a strength entry in the log."""
    signed, data = await _checked_form(request, session)
    try:
        on = date.fromisoformat(str(data.get("date")))
        kind = StrengthKind(str(data.get("kind")))
    except ValueError:
        raise NoAccess("the form is out of date; reload the page") from None
    if not EARLIEST <= on <= LATEST:
        raise InputError("date", f"{on} is out of range; use a date from {EARLIEST} to {LATEST}")
    sets: dict[str, list[SetDone]] = {}
    for key, value in data.items():
        parts = key.split("_", 2)
        if len(parts) != 3 or parts[0] != "done" or value != "1":
            continue
        _, index, exercise_id = parts
        try:
            reps = int(str(data.get(f"reps_{index}_{exercise_id}") or "0"))
            raw_load = str(data.get(f"load_{index}_{exercise_id}") or "").strip()
            load = float(raw_load) if raw_load else None
        except ValueError:
            reps, load = 0, None
        if 1 <= reps <= 100 and (load is None or 0 < load <= 1000):
            sets.setdefault(exercise_id, []).append(SetDone(reps, load))
    library = load_library()
    exercises = tuple(ExerciseDone(x, tuple(s)) for x, s in sets.items() if x in library)
    with get_store(request).transaction() as conn:
        row = athlete_for(conn, signed.user, athlete_id)
        if exercises:
            repo.add_strength(conn, row.id, StrengthDone(on, kind, exercises))
    done = sum(len(x.sets) for x in exercises)
    notice = f"Saved {done} set(s) from {on}." if done else "Nothing ticked, nothing saved."
    return RedirectResponse(week_url(athlete_id, on, notice), status_code=303)


@router.get("/athletes/{athlete_id}/week/cards", response_class=HTMLResponse)
def print_cards(
    athlete_id: int, request: Request, session: MaybeSession, on: str | None = None
) -> Response:
    """Every session of the week on a card to print: dose, rest, cues, and boxes to write the
    loads in. One card per printed page half; no navigation in print."""
    if session is None:
        return RedirectResponse("/signin", status_code=303)
    from runlift.services import local_today

    monday = monday_of(_date(on, "on") if on else local_today())
    library = load_library()
    with get_store(request).transaction() as conn:
        prof = profile_of(conn, athlete_for(conn, session.user, athlete_id), library)
        plan, source = planned_week(conn, prof, monday, library)
    cards = []
    for day in plan.week.days:
        for s in day.strength:
            rows = []
            for item in s.exercises:
                row = exercise_json(item)
                row["cues"] = library[item.exercise_id].cues[:2]
                rows.append(row)
            cards.append({
                "label": f"{day.date:%A %d %B}", "kind": s.kind.value,
                "start": format_clock(s.start), "minutes": s.minutes, "exercises": rows,
                "runs": [f"{r.type.value} {format_clock(r.start)}" for r in day.runs],
            })  # fmt: skip
    return _page(
        request, "cards.html", session, athlete=prof.name, athlete_id=athlete_id, cards=cards,
        week_start=f"{monday:%d %b %Y}", monday=monday.isoformat(), source=source,
        next=(monday + timedelta(days=7)).isoformat(),
    )  # fmt: skip
