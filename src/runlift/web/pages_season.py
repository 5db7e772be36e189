"""The season page (the phases to the goal race, week by week, with a form to start a season and
per-week changes) and the progress page (e1RM, weekly volume and the running signal, drawn
with uPlot from data embedded in the page, each chart with a table of its numbers)."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Connection

from runlift.catalog import load_library
from runlift.domain.runningcheck import BASELINE_WEEKS, RECENT_WEEKS
from runlift.io.planfile import InputError
from runlift.progressview import progress_json
from runlift.services import local_today
from runlift.tracking import Profile, profile_of
from runlift.tracking.progress import progress_of
from runlift.tracking.season_edit import WeekChange, change_week_on, start_season_on
from runlift.tracking.seasons import season_of
from runlift.web.access import athlete_for
from runlift.web.api_season import season_data
from runlift.web.deps import get_store
from runlift.web.pages import MaybeSession, _checked_form, _page
from runlift.web.security import Session

router = APIRouter(include_in_schema=False)

PHASE_TEXT = {
    "base": "Base: steady running, strength built up",
    "maintenance": "Maintenance: keep what you have",
    "build": "Build: quality runs, heavy lifting beside them",
    "peak": "Peak: the hardest running, strength kept short",
    "taper": "Taper: running eases off, no heavy legs near the race",
    "recovery": "Recovery: core work only at first, then back to easy",
}
COMMON_DISTANCES = (5, 10, 21.1, 42.2)


def _season_context(conn: Connection, prof: Profile, today: date) -> dict[str, Any] | None:
    try:
        view = season_of(conn, prof, load_library())
    except InputError as error:
        if error.field != "season":
            raise
        return None
    data = season_data(conn, view, today)
    total = sum(p["weeks"] for p in data["phases"])
    for span in data["phases"]:
        span["share"] = round(100 * span["weeks"] / total, 2)
        span["about"] = PHASE_TEXT.get(span["phase"], span["phase"])
    data["race"]["date"] = date.fromisoformat(data["race"]["date"])
    for index, week in enumerate(data["weeks"]):
        week["week_start"] = date.fromisoformat(week["week_start"])
        for warning in week["warnings"]:
            warning["date"] = date.fromisoformat(warning["date"])
        week["number"] = index + 1
        week["label"] = f"{week['week_start']:%d %b}"
        week["sessions_text"] = [
            f"{s['date']:%a} {s['kind']}" + (" (deload)" if s["deload"] else "")
            for s in week["sessions"]
        ]
    current = next((w for w in data["weeks"] if w["current"]), None)
    data["today_mark"] = None
    if current is not None:
        data["today_mark"] = round(100 * (current["number"] - 0.5) / total, 2)
    data["current"] = current
    data["race_label"] = f"{data['race']['date']:%a %d %b %Y}"
    return data


def _season_page(
    request: Request,
    session: Session,
    athlete_id: int,
    *,
    form: dict[str, Any] | None = None,
    error: str | None = None,
    notice: str | None = None,
    status: int = 200,
) -> Response:
    today = local_today()
    with get_store(request).transaction() as conn:
        prof = profile_of(conn, athlete_for(conn, session.user, athlete_id))
        season = _season_context(conn, prof, today)
    defaults = {"start": today.isoformat(), "race_date": "", "distance_km": "", "race_name": ""}
    return _page(
        request, "season.html", session, status, athlete=prof.name, athlete_id=athlete_id,
        season=season, form=form or defaults, error=error, notice=notice,
        distances=COMMON_DISTANCES,
    )  # fmt: skip


@router.get("/athletes/{athlete_id}/season", response_class=HTMLResponse)
def season_page(
    athlete_id: int, request: Request, session: MaybeSession, notice: str | None = None
) -> Response:
    if session is None:
        return RedirectResponse("/signin", status_code=303)
    return _season_page(request, session, athlete_id, notice=notice)


def _date_field(data: dict[str, Any], field: str, label: str) -> date:
    value = str(data.get(field) or "").strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(field, f"{label}: {value or 'nothing'} is not a date") from None


@router.post("/athletes/{athlete_id}/season")
async def season_form(athlete_id: int, request: Request, session: MaybeSession) -> Response:
    """Start a season from the form; a refusal shows the page again with the reason."""
    signed, data = await _checked_form(request, session)
    form = {k: str(data.get(k) or "") for k in ("race_date", "distance_km", "race_name", "start")}
    try:
        race_date = _date_field(data, "race_date", "race date")
        start = _date_field(data, "start", "start") if form["start"] else local_today()
        try:
            distance = float(form["distance_km"].replace(",", "."))
        except ValueError:
            raise InputError("distance_km", "give the race distance in km, e.g. 42.2") from None
        with get_store(request).transaction() as conn:
            prof = profile_of(conn, athlete_for(conn, signed.user, athlete_id))
            start_season_on(
                conn, prof, load_library(), race_date=race_date, distance_km=distance,
                start=start, race_name=form["race_name"],
            )  # fmt: skip
    except InputError as error:
        return _season_page(request, signed, athlete_id, form=form, error=str(error), status=400)
    notice = quote("Season planned: every week to the race is below.")
    return RedirectResponse(f"/athletes/{athlete_id}/season?notice={notice}", status_code=303)


def _toggle(data: dict[str, Any], field: str) -> bool | None:
    """A checkbox's new value, or None when it is as the page showed it (nothing to say)."""
    now = data.get(field) == "1"
    return None if now == (data.get(f"was_{field}") == "1") else now


@router.post("/athletes/{athlete_id}/season/week")
async def season_week_form(athlete_id: int, request: Request, session: MaybeSession) -> Response:
    """One week's cutback, no-gym and note, from the toggles on the season page."""
    signed, data = await _checked_form(request, session)
    try:
        week = _date_field(data, "week_start", "week")
        note = str(data.get("note") or "").strip()
        change = WeekChange(_toggle(data, "cutback"), _toggle(data, "no_gym"), None, note)
        with get_store(request).transaction() as conn:
            prof = profile_of(conn, athlete_for(conn, signed.user, athlete_id))
            _, replanned = change_week_on(conn, prof, load_library(), week, change)
    except InputError as error:
        return _season_page(request, signed, athlete_id, error=str(error), status=400)
    weeks = ", ".join(f"{d:%d %b}" for d in replanned) or "none"
    notice = quote(f"Saved the week of {week:%d %b}. Weeks planned again: {weeks}.")
    return RedirectResponse(
        f"/athletes/{athlete_id}/season?notice={notice}#w-{week.isoformat()}", status_code=303
    )


# -- progress ---------------------------------------------------------------------------
def progress_data(conn: Connection, prof: Profile, today: date) -> dict[str, Any]:
    """What the progress page draws: the same JSON as `runlift progress --format json` (and
    the lifts and weeks of GET /api/v1/athletes/{id}/progress), with the lifts' names, the
    weeks a reassess warning rests on, and whether the lighter plan is in place."""
    report = progress_of(conn, prof, today)
    warning, trends = report.warning, report.lifts
    data = progress_json(report)
    for row, trend in zip(data["lifts"], trends, strict=True):
        row["name"] = trend.name
        if trend.planned is not None:
            row["next"]["on"] = f"{trend.planned.date:%a %d %b}"
        for point in row["e1rm"]:
            point["value"] = round(point["value"], 1)
        if trend.series:  # said as the running check says its weeks: "02 Nov"
            row["since"] = f"{trend.series[0][0]:%d %b}"
    data["lifts"] = [row for row in data["lifts"] if row["e1rm"]]  # jumps and core: no e1RM
    for row in data["weeks"]:
        for key, places in (("efficiency", 3), ("vdot", 1), ("drift_pct", 1)):
            if row[key] is not None:
                row[key] = round(row[key], places)
        whole = row["critical_pace_s_per_km"]
        row["critical_pace"] = None if whole is None else f"{whole // 60}:{whole % 60:02d}"
    if warning is not None:
        data["warning"]["weeks"] = [d.isoformat() for d in warning.dates]
    data |= {
        "units": prof.athlete.units.value,
        "lighter": prof.row.lighter,
        "weeks_needed": BASELINE_WEEKS + RECENT_WEEKS,
    }
    return data


def _spans(weeks: list[dict[str, Any]], *signals: tuple[str, str, str]) -> list[str]:
    """For each signal with a value: its first value (and week) to its last, in words."""
    out = []
    for key, first_fmt, last_fmt in signals:
        seen = [(w["week_start"], w[key]) for w in weeks if w[key] is not None and w[key] != ""]
        if seen:
            out.append(
                f"{first_fmt.format(seen[0][1])} ({seen[0][0]}) to {last_fmt.format(seen[-1][1])}"
            )
    return out


def _summaries(data: dict[str, Any]) -> dict[str, str]:
    """One sentence per chart, for screen readers and as the chart's caption."""
    unit = data["units"]
    lifts = []
    for lift in data["lifts"]:
        first, last = lift["e1rm"][0], lift["e1rm"][-1]
        lifts.append(
            f"{lift['name']} {first['value']:g} {unit} on {first['date']}"
            + (f" to {last['value']:g} {unit} on {last['date']}" if len(lift["e1rm"]) > 1 else "")
        )
    weeks = data["weeks"]
    km = [w["run_km"] for w in weeks]
    load = [w["strength_load"] for w in weeks]
    running = _spans(
        weeks,
        ("efficiency", "pace per heartbeat {:.3f}", "{:.3f}"),
        ("vdot", "VDOT {:.1f}", "{:.1f}"),
    )
    stream = _spans(
        weeks,
        ("critical_pace", "critical speed {}/km", "{}/km"),
        ("drift_pct", "drift {:.1f} %", "{:.1f} %"),
    )
    return {
        "e1rm": "Estimated one-rep max: " + "; ".join(lifts) + "." if lifts else "",
        "volume": (
            f"{len(weeks)} weeks: running {min(km):g} to {max(km):g} km a week, strength load "
            f"{min(load):,} to {max(load):,} a week."
            if weeks
            else ""
        ),
        "running": "Running form: " + "; ".join(running) + "." if running else "",
        "stream": "From your watch files: " + "; ".join(stream) + "." if stream else "",
    }


LIGHTER_ROUTE = "/api/v1/athletes/{athlete_id}/progress/lighter"


def _lighter_action(request: Request, athlete_id: int) -> str | None:
    """The URL that takes the lighter plan, when the app serves it (its OpenAPI document is
    built once and kept)."""
    if "post" in request.app.openapi().get("paths", {}).get(LIGHTER_ROUTE, {}):
        return LIGHTER_ROUTE.format(athlete_id=athlete_id)
    return None


@router.get("/athletes/{athlete_id}/progress", response_class=HTMLResponse)
def progress_page(athlete_id: int, request: Request, session: MaybeSession) -> Response:
    if session is None:
        return RedirectResponse("/signin", status_code=303)
    today = local_today()
    with get_store(request).transaction() as conn:
        prof = profile_of(conn, athlete_for(conn, session.user, athlete_id))
        data = progress_data(conn, prof, today)
    weeks = data["weeks"]
    has_running = any(w["efficiency"] is not None or w["vdot"] is not None for w in weeks)
    has_stream = any(w["critical_pace"] or w["drift_pct"] is not None for w in weeks)
    return _page(
        request, "progress.html", session, athlete=prof.name, athlete_id=athlete_id, data=data,
        summary=_summaries(data), has_running=has_running, has_stream=has_stream,
        lighter_action=_lighter_action(request, athlete_id),
        week_url=f"/athletes/{athlete_id}/week",
    )  # fmt: skip
