"""The activity upload page: one FIT, GPX or TCX file (gzipped or not) or an export zip, read by
the same use case as POST /api/v1/athletes/{id}/activities, then what became of each file:
the runs logged with their type and why, duplicates, skipped sports, per-file errors, and the
usual week (kept as the typical week when the box is ticked). The page's script posts the
form itself and shows a progress bar: the upload's bytes, then the files read as the server
reads them (progress_stream); without the script it is a plain form post answered with the
same page."""

from __future__ import annotations

import base64
import binascii
import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runlift.io.activities import ActivityError, Entry, upload_listing
from runlift.io.activities.errors import MB
from runlift.io.planfile import InputError
from runlift.tracking import profile_of
from runlift.web import api_activities
from runlift.web.access import NoAccess, athlete_for
from runlift.web.deps import get_store
from runlift.web.pages import MaybeSession, SignInFirst, _page
from runlift.web.progress_stream import Throttled, stream_job, wants_progress
from runlift.web.security import Session, csrf_matches
from runlift.web.uploads import base_name

router = APIRouter(include_in_schema=False)
log = logging.getLogger(__name__)
ACCEPT = ".fit,.gpx,.tcx,.gz,.zip"
FAILED = (
    '<main><p class="error" role="alert">The import failed on our side and nothing was saved. '
    "Try again; if it fails again, upload the files in smaller batches.</p></main>"
)
SAVED_UNSHOWN = (
    '<main><p class="error" role="alert">Your runs were imported, but the page that lists them '
    'could not be shown. <a href="/athletes/{athlete_id}/week">See your week</a> or '
    '<a href="/athletes/{athlete_id}/progress">your progress</a>; uploading the files again '
    "skips them as duplicates.</p></main>"
)


class TooLarge(Exception):
    """The upload is over the API's limit: said on the page (413), never a 500."""


def _pace(seconds: Any) -> str:
    if seconds is None:
        return "-"
    whole = round(float(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def _clock(minutes: Any) -> str:
    if minutes is None:
        return "-"
    whole = round(float(minutes) * 60)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def result_view(answer: dict[str, Any]) -> dict[str, Any]:
    """The import's JSON answer (report_json) arranged for the page."""
    runs, others, errors = [], [], []
    for f in answer["files"]:
        a = f["activity"] or {}
        name = f["file"].replace("\\", "/").rsplit("/", 1)[-1]
        if f["status"] == "imported":
            runs.append({
                "file": name, "date": a.get("date") or "-", "type": a.get("type") or "-",
                "why": f["reason"], "time": _clock(a.get("minutes")),
                "km": "-" if a.get("distance_km") is None else f"{a['distance_km']:.2f}",
                "pace": _pace(a.get("pace_s_per_km")), "hr": a.get("avg_hr") or "-",
            })  # fmt: skip
        elif f["status"] == "error":
            errors.append({"file": f["file"], "reason": f["reason"]})
        else:
            others.append({"file": name, "status": f["status"], "reason": f["reason"]})
    runs.sort(key=lambda r: r["date"])
    counts = {k: answer[k] for k in ("imported", "duplicates", "skipped", "errors")}
    return {"counts": counts, "ignored": answer["ignored_files"], "runs": runs,
            "others": others, "errors": errors, "usual_week": answer["usual_week"],
            "judged_by": answer["thresholds"]["from"],
            "week_kept": answer["typical_week_set"]}  # fmt: skip


def _activities_page(
    request: Request, session: Session, athlete_id: int, *, result: dict[str, Any] | None = None,
    form: dict[str, Any] | None = None, error: str | None = None, status: int = 200,
) -> Response:  # fmt: skip
    with get_store(request).transaction() as conn:
        prof = profile_of(conn, athlete_for(conn, session.user, athlete_id))
    return _page(
        request, "activities.html", session, status, athlete=prof.name, athlete_id=athlete_id,
        result=result, form=form or {}, error=error, accept=ACCEPT,
        max_mb=api_activities.UPLOAD_LIMIT // MB,
    )  # fmt: skip


@router.get("/athletes/{athlete_id}/activities", response_class=HTMLResponse)
def activities_page(athlete_id: int, request: Request, session: MaybeSession) -> Response:
    if session is None:
        return RedirectResponse("/signin", status_code=303)
    return _activities_page(request, session, athlete_id)


def _number(data: dict[str, Any], key: str, label: str, low: int, high: int) -> int | None:
    raw = str(data.get(key) or "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise InputError(label, f"{raw!r}: give a whole number from {low} to {high}")
    return int(raw)


def pace_of(data: dict[str, Any]) -> int | None:
    """The threshold pace field, `4:35` a km, as seconds a km."""
    raw = str(data.get("threshold_pace") or "").strip()
    if not raw:
        return None
    minutes, _, seconds = raw.partition(":")
    if minutes.isdigit() and seconds.isdigit() and len(seconds) == 2 and int(seconds) < 60:
        total = int(minutes) * 60 + int(seconds)
        if 120 <= total <= 900:
            return total
    raise InputError("threshold pace", f"{raw!r}: write minutes:seconds a km, 2:00 to 15:00")


async def _upload(data: dict[str, Any]) -> tuple[bytes, str]:
    """The chosen file (or, for scripts, `content_base64` with `name`), within the limit."""
    limit = api_activities.UPLOAD_LIMIT
    upload = data.get("file")
    if upload is not None and hasattr(upload, "read") and getattr(upload, "filename", None):
        raw = await upload.read(limit + 1)
        name = str(upload.filename)
    elif data.get("content_base64"):
        try:
            raw = base64.b64decode(str(data["content_base64"]), validate=True)
        except (ValueError, binascii.Error):
            raise InputError("file", "content_base64 is not base64") from None
        name = str(data.get("name") or "")
    else:
        raise InputError("file", "choose a .fit, .gpx or .tcx file (.gz too) or an export .zip")
    if len(raw) > limit:
        raise TooLarge()
    name = base_name(name)
    if not name:
        raise InputError("file", "the file has no name; say what it is (run.fit, export.zip)")
    return raw, name


@router.post("/athletes/{athlete_id}/activities")
async def activities_form(athlete_id: int, request: Request, session: MaybeSession) -> Response:
    """Import the upload and show what became of each file."""
    from runlift.services import local_today
    from runlift.tracking.activities import import_activities, report_json

    if session is None:
        raise SignInFirst("sign in first")
    with get_store(request).transaction() as conn:  # not found / not yours: before the file
        athlete_for(conn, session.user, athlete_id)
    limit = api_activities.UPLOAD_LIMIT
    too_large = (f"That upload is larger than {limit // MB} MB. Upload fewer activities at "
                 "once: split the export, or upload its activity files in batches.")  # fmt: skip
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit * 4 // 3 + 64 * 1024:
        return _activities_page(request, session, athlete_id, error=too_large, status=413)
    form = await request.form(max_part_size=limit * 4 // 3 + 1024)
    data: dict[str, Any] = {key: form.get(key) for key in form}
    if not csrf_matches(session, str(data.get("csrf", ""))):
        raise NoAccess("the form is out of date; reload the page and try again")
    shown = {k: str(data.get(k) or "") for k in ("max_hr", "threshold_pace")}
    set_week = str(data.get("set_week") or "").strip().lower() in {"on", "true", "1", "yes"}
    shown["set_week"] = "on" if set_week else ""
    try:
        max_hr = _number(data, "max_hr", "max heart rate", 100, 240)
        pace = pace_of(data)
        content, name = await _upload(data)
    except TooLarge:
        return _activities_page(
            request, session, athlete_id, form=shown, error=too_large, status=413
        )
    except InputError as error:
        return _activities_page(
            request, session, athlete_id, form=shown, error=str(error), status=400
        )
    store = get_store(request)
    limits = api_activities.LIMITS

    def work(report: Throttled | None = None) -> dict[str, Any]:
        with upload_listing(content, name, limits) as found, store.transaction() as conn:
            row = athlete_for(conn, session.user, athlete_id)
            total = len(found.entries)
            done = [0]

            def step(_: Entry) -> None:
                done[0] += 1
                if report is not None:
                    last = done[0] == total
                    phase = "saving" if last else "reading"
                    report({"phase": phase, "done": done[0], "of": total}, final=last)

            if report is not None:
                report({"phase": "reading", "done": 0, "of": total}, final=True)
            answer = import_activities(
                conn, row.id, found, limits, local_today(), None,
                None if max_hr is None else float(max_hr), None if pace is None else float(pace),
                step, "Keep the usual week as my typical week" if set_week else None,
            )  # fmt: skip
            return report_json(answer)

    def shown_page(outcome: dict[str, Any] | BaseException) -> Response:
        if isinstance(outcome, ActivityError | InputError):  # no activity file; no usual week
            return _activities_page(
                request, session, athlete_id, form=shown, error=str(outcome), status=400
            )
        if isinstance(outcome, BaseException):
            raise outcome
        return _activities_page(
            request, session, athlete_id, result=result_view(outcome), form=shown
        )

    if wants_progress(request.headers.get("accept")):

        async def finish(outcome: Any) -> tuple[int, str]:
            known = isinstance(outcome, ActivityError | InputError)
            if isinstance(outcome, BaseException) and not known:
                # The job's transaction rolled back: nothing of the import was kept.
                log.error("activity import failed", exc_info=outcome)
                return 500, FAILED
            try:
                page = await run_in_threadpool(shown_page, outcome)
            except Exception:
                # The import was committed; only showing its result failed.
                log.exception("showing an activity import failed")
                return 500, SAVED_UNSHOWN.format(athlete_id=athlete_id)
            return page.status_code, bytes(page.body).decode()

        return stream_job(work, finish)
    try:
        answer = await run_in_threadpool(work)
    except (ActivityError, InputError) as error:
        return shown_page(error)
    return shown_page(answer)
