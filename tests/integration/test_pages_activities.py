"""The activity upload page, on SQLite and PostgreSQL: a Strava export and a single file are
imported through the same use case as the API and the result shown (counts, the runs typed
with their reason, per-file errors, the usual week, links on); a second upload is all
duplicates; the size limit, a bad field and a file of no known kind are said on the page;
signed out goes to sign in; another runner gets 404."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from runlift.web.app import create_app
from tests.integration.test_web import PLAN, runner

DATA = Path(__file__).resolve().parents[1] / "data" / "activities"


@pytest.fixture
def app(db_url):
    made = create_app(db_url, fast_hashing=True)
    yield made
    made.state.store.engine.dispose()


@pytest.fixture
def owner(app):
    client, csrf = runner(app, "owner@example.com")
    made = client.post("/api/v1/athletes", json=PLAN, headers={"X-CSRF-Token": csrf})
    return client, csrf, made.json()["id"]


def upload(client, csrf, athlete, name, data, **fields):
    return client.post(
        f"/athletes/{athlete}/activities",
        data={"csrf": csrf, **fields},
        files={"file": (name, data, "application/octet-stream")},
    )


def test_the_page_shows_the_form_with_its_token_and_the_week_links_to_it(owner):
    client, csrf, athlete = owner
    page = client.get(f"/athletes/{athlete}/activities")
    assert page.status_code == 200
    html = page.text
    assert f'name="csrf" value="{csrf}"' in html
    assert 'type="file" name="file" accept=".fit,.gpx,.tcx,.gz,.zip"' in html
    assert 'name="max_hr"' in html and 'name="threshold_pace"' in html
    assert "data-import" in html and '<progress max="1" value="0"' in html
    assert "/static/imports.js" in html
    week = client.get(f"/athletes/{athlete}/week")
    assert f'href="/athletes/{athlete}/activities"' in week.text


def test_a_strava_export_is_imported_and_shown_then_is_all_duplicates(owner):
    client, csrf, athlete = owner
    data = (DATA / "strava-export.zip").read_bytes()
    done = upload(client, csrf, athlete, "export.zip", data, max_hr="185")
    assert done.status_code == 200, done.text
    html = done.text
    assert re.search(r"<strong>3</strong> imported, 0 duplicates, 1 skipped, 0 errors", html)
    assert "<strong>intervals</strong>" in html  # the TCX's repeats, with the reason beside
    assert "max heart rate as given" in html
    assert html.count("<tr><td>2026-") == 3  # a row per run: date, type, time, km, pace, HR
    assert "Skipped and duplicates (1)" in html and "cycling, not a run" in html
    assert f'href="/athletes/{athlete}/week"' in html
    assert f'href="/athletes/{athlete}/progress"' in html
    log = client.get(f"/api/v1/athletes/{athlete}/log").json()
    assert "intervals" in str(log)
    again = upload(client, csrf, athlete, "export.zip", data)
    assert re.search(r"<strong>0</strong> imported, 3 duplicates", again.text)


def test_one_fit_file_with_a_threshold_pace_shows_its_run(owner):
    client, csrf, athlete = owner
    done = upload(client, csrf, athlete, "tempo.fit", (DATA / "tempo.fit").read_bytes(),
                  threshold_pace="4:35")  # fmt: skip
    assert done.status_code == 200, done.text
    assert re.search(r"<strong>1</strong> imported", done.text)
    assert "threshold pace as given" in done.text


def test_a_file_that_cannot_be_read_is_listed_with_its_reason(owner):
    client, csrf, athlete = owner
    cut = (DATA / "tempo.fit").read_bytes()[:200]
    done = upload(client, csrf, athlete, "cut.fit", cut)
    assert done.status_code == 200
    assert "Could not be read" in done.text and "<code>cut.fit</code>" in done.text
    assert re.search(r"<strong>0</strong> imported, 0 duplicates, 0 skipped, 1 errors", done.text)


def test_the_size_limit_is_a_message_on_the_page_not_a_500(owner, monkeypatch):
    from runlift.web import api_activities

    monkeypatch.setattr(api_activities, "UPLOAD_LIMIT", 1000)
    client, csrf, athlete = owner
    done = upload(client, csrf, athlete, "big.fit", b"\0" * 5000)  # past the form's own check
    assert done.status_code == 413
    assert "larger than 0 MB" in done.text and 'role="alert"' in done.text
    declared = upload(client, csrf, athlete, "huge.fit", b"\0" * 50_000)  # Content-Length
    assert declared.status_code == 413 and "Upload fewer activities" in declared.text


def test_bad_fields_and_unknown_files_are_said_on_the_page(owner):
    client, csrf, athlete = owner
    gpx = (DATA / "easy-run.gpx").read_bytes()
    bad_pace = upload(client, csrf, athlete, "easy-run.gpx", gpx, threshold_pace="fast")
    assert bad_pace.status_code == 400 and "threshold pace" in bad_pace.text
    assert 'value="fast"' in bad_pace.text  # the form keeps what was typed
    bad_hr = upload(client, csrf, athlete, "easy-run.gpx", gpx, max_hr="300")
    assert bad_hr.status_code == 400 and "max heart rate" in bad_hr.text
    notes = upload(client, csrf, athlete, "notes.txt", b"hello")
    assert notes.status_code == 400 and "notes.txt" in notes.text
    nothing = client.post(f"/athletes/{athlete}/activities", data={"csrf": csrf})
    assert nothing.status_code == 400 and "choose a .fit" in nothing.text


def test_signed_out_goes_to_sign_in_and_another_runner_gets_404(app, owner):
    _, _, athlete = owner
    anonymous = TestClient(app, follow_redirects=False)
    assert anonymous.get(f"/athletes/{athlete}/activities").headers["location"] == "/signin"
    posted = anonymous.post(f"/athletes/{athlete}/activities", data={"csrf": "x"})
    assert posted.status_code == 303 and posted.headers["location"] == "/signin"
    other, other_csrf = runner(app, "other@example.com")
    assert other.get(f"/athletes/{athlete}/activities").status_code == 404
    data = (DATA / "tempo.fit").read_bytes()
    refused = upload(other, other_csrf, athlete, "tempo.fit", data)
    assert refused.status_code == 404
    assert other.get(f"/api/v1/athletes/{athlete}/log").status_code == 404


def test_a_stale_form_token_is_refused(owner):
    client, _, athlete = owner
    done = upload(client, "stale", athlete, "tempo.fit", (DATA / "tempo.fit").read_bytes())
    assert done.status_code == 404 and "out of date" in done.text


def test_a_script_may_send_the_file_as_base64_in_the_form(owner):
    import base64

    client, csrf, athlete = owner
    text = base64.b64encode((DATA / "easy-run.gpx.gz").read_bytes()).decode()
    done = client.post(f"/athletes/{athlete}/activities",
                       data={"csrf": csrf, "content_base64": text, "name": "easy-run.gpx.gz"})  # fmt: skip
    assert done.status_code == 200, done.text
    assert re.search(r"<strong>1</strong> imported", done.text)
    broken = client.post(f"/athletes/{athlete}/activities",
                         data={"csrf": csrf, "content_base64": "%%%", "name": "a.gpx"})  # fmt: skip
    assert broken.status_code == 400 and "not base64" in broken.text


def test_the_box_keeps_the_usual_week_or_says_why_it_cannot(owner):
    client, csrf, athlete = owner
    assert 'type="checkbox" name="set_week"' in client.get(f"/athletes/{athlete}/activities").text
    data = (DATA / "strava-export.zip").read_bytes()
    refused = upload(client, csrf, athlete, "export.zip", data, set_week="on")
    assert refused.status_code == 400 and "no weekday of the log" in refused.text
    assert 'name="set_week" value="on" checked' in refused.text
    assert upload(client, csrf, athlete, "export.zip", data).status_code == 200
    easy = (DATA / "easy-run.gpx").read_bytes()
    done = upload(client, csrf, athlete, "easy.gpx", easy, set_week="on")
    assert done.status_code == 200 and "It is now your typical week." in done.text
    week = client.get(f"/api/v1/athletes/{athlete}").json()["typical_week"]
    assert week["mon"] == [{"run": "easy", "minutes": 40}]


def test_with_the_script_the_import_streams_its_progress_then_the_page(owner):
    import json

    client, csrf, athlete = owner
    data = (DATA / "strava-export.zip").read_bytes()
    answer = client.post(
        f"/athletes/{athlete}/activities",
        data={"csrf": csrf, "max_hr": "185"},
        files={"file": ("export.zip", data, "application/zip")},
        headers={"Accept": "application/x-ndjson"},
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/x-ndjson")
    events = [json.loads(line) for line in answer.text.splitlines()]
    assert events[0] == {"phase": "reading", "done": 0, "of": 4}
    assert {"phase": "saving", "done": 4, "of": 4} in events
    done = events[-1]
    assert done["phase"] == "done" and done["status"] == 200
    assert 'id="import-result"' in done["html"] and "<strong>3</strong> imported" in done["html"]
    dones = [e["done"] for e in events if e["phase"] in ("reading", "saving")]
    assert dones == sorted(dones)


def test_a_streamed_import_that_is_refused_ends_with_the_page_that_says_why(owner):
    import json

    client, csrf, athlete = owner
    answer = client.post(
        f"/athletes/{athlete}/activities",
        data={"csrf": csrf},
        files={"file": ("notes.txt", b"hello", "text/plain")},
        headers={"Accept": "application/x-ndjson"},
    )
    events = [json.loads(line) for line in answer.text.splitlines()]
    done = events[-1]
    assert done["phase"] == "done" and done["status"] == 400
    assert 'role="alert"' in done["html"] or "error" in done["html"]
    assert "notes.txt" in done["html"]


def _streamed(client, csrf, athlete):
    import json

    answer = client.post(
        f"/athletes/{athlete}/activities",
        data={"csrf": csrf},
        files={
            "file": ("export.zip", (DATA / "strava-export.zip").read_bytes(), "application/zip")
        },
        headers={"Accept": "application/x-ndjson"},
    )
    return [json.loads(line) for line in answer.text.splitlines()][-1]


def test_a_failed_streamed_import_says_nothing_was_saved_and_keeps_nothing(owner, monkeypatch):
    import runlift.tracking.activities as use_case

    client, csrf, athlete = owner

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(use_case, "import_activities", broken)
    done = _streamed(client, csrf, athlete)
    assert done["status"] == 500 and "nothing was saved" in done["html"]
    assert client.get(f"/api/v1/athletes/{athlete}/log").json()["runs"] == []


def test_a_streamed_import_whose_page_fails_says_the_runs_were_saved(owner, monkeypatch):
    from runlift.web import pages_activities

    client, csrf, athlete = owner

    def broken(answer):
        raise KeyError("a template bug")

    monkeypatch.setattr(pages_activities, "result_view", broken)
    done = _streamed(client, csrf, athlete)
    assert done["status"] == 500 and "Your runs were imported" in done["html"]
    assert len(client.get(f"/api/v1/athletes/{athlete}/log").json()["runs"]) == 3
