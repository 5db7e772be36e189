"""The import page: upload a running plan (ICS or CSV), see how each event was read, pick a
type for the uncertain ones, then "Plan and save". The file's text travels in the form from
step to step, so nothing is stored before the runner saves."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runlift.domain.model import RunType, format_clock
from runlift.io.planfile import InputError
from runlift.io.planimport import MAX_BYTES, Span
from runlift.io.planimport.service import PlannedImport, plan_import
from runlift.tracking import profile_of
from runlift.web.access import athlete_for
from runlift.web.deps import get_store
from runlift.web.pages import MaybeSession, _checked_form, _page
from runlift.web.pages_week import week_url

router = APIRouter(include_in_schema=False)
CHOICES = [t.value for t in RunType] + ["skip"]


def _weeks(result: PlannedImport) -> list[dict[str, Any]]:
    imported = result.imported
    weeks = []
    for monday, plan, source, has_events in result.plans:
        events = [
            {
                "id": e.id, "line": e.raw.line, "date": f"{e.raw.day:%a %d %b}",
                "title": e.raw.title or "(no title)", "kind": e.kind, "run": e.is_run,
                "start": format_clock(imported.usual_start if e.raw.start is None
                                      else e.raw.start) + ("?" if e.raw.start is None else ""),
                "minutes": e.length.minutes if e.length else None,
                "confidence": e.reading.confidence, "reason": e.reading.reason,
                "confirmed": e.confirmed, "asks": e.asks(imported.words),
            }
            for e in imported.week_events(monday)
        ]  # fmt: skip
        days = [
            {
                "label": f"{d.date:%a %d %b}",
                "runs": [f"{r.type.value} {r.minutes} min" for r in d.runs],
                "strength": [f"{s.kind.value} {format_clock(s.start)}, {s.minutes} min"
                             for s in d.strength],
            }
            for d in plan.week.days
        ]  # fmt: skip
        weeks.append({"monday": monday.isoformat(), "events": events, "days": days,
                      "source": source, "imported": has_events})  # fmt: skip
    return weeks


def _import_page(
    request: Request, session: Any, athlete_id: int, *, result: PlannedImport | None = None,
    content: str = "", name: str = "", form: dict[str, Any] | None = None,
    error: str | None = None, status: int = 200,
) -> Response:  # fmt: skip
    with get_store(request).transaction() as conn:
        prof = profile_of(conn, athlete_for(conn, session.user, athlete_id))
    return _page(
        request, "import.html", session, status, athlete=prof.name, athlete_id=athlete_id,
        weeks=_weeks(result) if result else [], waiting=result.imported.waiting() if result else [],
        assumptions=result.imported.assumptions() if result else [], content=content,
        file_name=name, form=form or {}, error=error, choices=CHOICES,
        max_mb=MAX_BYTES // (1024 * 1024),
    )  # fmt: skip


@router.get("/athletes/{athlete_id}/import", response_class=HTMLResponse)
def import_page(athlete_id: int, request: Request, session: MaybeSession) -> Response:
    if session is None:
        return RedirectResponse("/signin", status_code=303)
    return _import_page(request, session, athlete_id)


async def _content(data: dict[str, Any]) -> tuple[str, str]:
    upload = data.get("file")
    if upload is not None and hasattr(upload, "read") and getattr(upload, "filename", None):
        raw = await upload.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise InputError("file", f"larger than {MAX_BYTES // (1024 * 1024)} MB")
        try:
            return raw.decode("utf-8-sig"), str(upload.filename)[:80]
        except UnicodeDecodeError:
            return raw.decode("cp1252", errors="replace"), str(upload.filename)[:80]
    text = str(data.get("content") or "")
    if not text.strip():
        raise InputError("file", "choose an .ics or .csv file (or paste its text)")
    return text, str(data.get("name") or "plan")[:80]


@router.post("/athletes/{athlete_id}/import")
async def import_form(athlete_id: int, request: Request, session: MaybeSession) -> Response:
    """Preview (with the runner's choices so far), or plan and save."""
    signed, data = await _checked_form(request, session)
    with get_store(request).transaction() as conn:  # not found / not yours: before the file
        athlete_for(conn, signed.user, athlete_id)
    save = data.get("action") == "save"
    content, name = "", ""
    confirms: dict[str, str] = {}
    try:
        content, name = await _content(data)
        confirms = {
            key.removeprefix("confirm_"): str(value)
            for key, value in data.items()
            if key.startswith("confirm_") and value
        }
        with get_store(request).transaction() as conn:
            prof = profile_of(conn, athlete_for(conn, signed.user, athlete_id))
            result = plan_import(conn, prof, content.encode("utf-8"), name, span=Span(),
                                 confirms=confirms, save=save, field="confirm")  # fmt: skip
    except InputError as error:
        preview = None
        if save and content:  # refused to save: show the plan again, with what to confirm
            try:
                with get_store(request).transaction() as conn:
                    prof = profile_of(conn, athlete_for(conn, signed.user, athlete_id))
                    preview = plan_import(
                        conn, prof, content.encode("utf-8"), name, span=Span(),
                        confirms=confirms, save=False, field="confirm",
                    )  # fmt: skip
            except InputError:
                preview = None
        return _import_page(request, signed, athlete_id, result=preview, content=content,
                            name=name, form=data, error=str(error), status=400)  # fmt: skip
    if save:
        first = result.plans[0][0]
        notice = (
            f"Imported {len(result.plans)} week(s) from {name}; strength is planned around them."
        )
        return RedirectResponse(week_url(athlete_id, first, notice), status_code=303)
    return _import_page(request, signed, athlete_id, result=result, content=content, name=name,
                        form=data)  # fmt: skip
