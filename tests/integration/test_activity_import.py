"""Importing activity files into the store and through the API, on SQLite and PostgreSQL:
runs become logged runs typed by intensity, a second import is skipped, a truncated FIT among
good files is one error while the rest import, and nothing of a failed file is saved."""

from __future__ import annotations

import base64
import gzip
import io
import json
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from runlift.domain.activity import typical_week
from runlift.domain.model import RunType
from runlift.io.activities import DEFAULT_LIMITS, listing, upload_listing
from runlift.io.planfile import InputError
from runlift.store import repository as repo
from runlift.store.backup import export_all, restore_all
from runlift.store.revisions import revision_of
from runlift.store.tables import activities, run_logs
from runlift.tracking import Store
from runlift.tracking.activities import import_activities, report_json
from runlift.tracking.profiles import create_from_file
from runlift.tracking.usual_week import usual_days
from runlift.web.app import create_app
from tests.data.activities.make_files import gpx
from tests.integration.test_web import PLAN, runner

DATA = Path(__file__).resolve().parents[1] / "data" / "activities"
TODAY = date(2026, 11, 25)


def _import(store, athlete_id, paths, **options):
    with listing([str(p) for p in paths]) as found, store.transaction() as conn:
        return import_activities(conn, athlete_id, found, DEFAULT_LIMITS, TODAY, UTC, **options)


def _counts(store, athlete_id):
    with store.transaction() as conn:
        runs = conn.execute(select(func.count()).select_from(run_logs)).scalar_one()
        files = conn.execute(select(func.count()).select_from(activities)).scalar_one()
        return runs, files


def test_runs_are_logged_typed_and_other_sports_listed(stored):
    store, athlete_id = stored
    report = _import(store, athlete_id, [DATA], max_hr=185.0)
    status = {
        o.name.rsplit("/", 1)[-1]: (o.status, (o.summary or {}).get("type"))
        for o in report.outcomes
    }
    assert status["intervals.tcx"] == ("imported", "intervals")
    assert status["tempo.fit"] == ("imported", "threshold")
    assert status["easy-run.gpx"] == ("imported", "easy")
    assert status["ride.gpx"][0] == "skipped" and status["1004.gpx"][0] == "skipped"
    with store.transaction() as conn:
        runs = repo.list_runs(conn, athlete_id)
    assert len(runs) == 7 and {r.date for r in runs} >= {date(2026, 11, 3), date(2026, 11, 11)}
    tempo = next(r for r in runs if r.date == date(2026, 11, 12))
    assert (tempo.minutes, tempo.distance_km, tempo.avg_hr) == (45.0, 8.8, 159)
    assert [d.type.value if d.type else None for d in report.usual_week][1] == "intervals"


def test_a_second_import_skips_every_run_as_a_duplicate(stored):
    store, athlete_id = stored
    _import(store, athlete_id, [DATA])
    again = _import(store, athlete_id, [DATA])
    assert again.count("imported") == 0 and again.count("duplicate") == 7
    assert _counts(store, athlete_id) == (7, 7)


def test_a_truncated_fit_among_good_files_is_one_error_and_the_rest_import(stored, tmp_path):
    store, athlete_id = stored
    (tmp_path / "cut.fit").write_bytes((DATA / "tempo.fit").read_bytes()[:1500])
    (tmp_path / "good.gpx").write_bytes((DATA / "easy-run.gpx").read_bytes())
    (tmp_path / "also.tcx").write_bytes((DATA / "intervals.tcx").read_bytes())
    report = _import(store, athlete_id, [tmp_path])
    errors = [o for o in report.outcomes if o.status == "error"]
    assert [o.name.rsplit("/", 1)[-1] for o in errors] == ["cut.fit"]
    assert errors[0].reason.startswith("not a readable FIT file")
    assert report.count("imported") == 2 and _counts(store, athlete_id) == (2, 2)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(minutes=st.integers(5, 200), offset=st.integers(0, 10_000_000), hr=st.integers(90, 190))
def test_the_same_file_imported_twice_is_one_activity(tmp_path_factory, minutes, offset, hr):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('db') / 'r.db'}")
    athlete_id = create_from_file(store, "examples/build-intermediate.yaml", TODAY).id
    start = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(seconds=offset)
    folder = tmp_path_factory.mktemp("files")
    (folder / "run.gpx").write_bytes(gpx(start, [(minutes * 60, 330, hr)], "running", "Run"))
    first = _import(store, athlete_id, [folder])
    second = _import(store, athlete_id, [folder])
    assert (first.count("imported"), second.count("duplicate")) == (1, 1)
    assert _counts(store, athlete_id) == (1, 1)
    store.engine.dispose()


# -- the API ----------------------------------------------------------------------------


@pytest.fixture
def owner(db_url):
    app = create_app(db_url, fast_hashing=True)
    client, csrf = runner(app, "activities@example.com")
    made = client.post("/api/v1/athletes", json=PLAN, headers={"X-CSRF-Token": csrf})
    return client, csrf, made.json()["id"]


def _post(client, csrf, athlete, **kwargs):
    return client.post(f"/api/v1/athletes/{athlete}/activities", headers={"X-CSRF-Token": csrf},
                       **kwargs)  # fmt: skip


def test_uploads_a_strava_export_then_skips_it_as_duplicates(owner):
    client, csrf, athlete = owner
    data = (DATA / "strava-export.zip").read_bytes()
    done = _post(client, csrf, athlete, files={"file": ("export.zip", data, "application/zip")})
    assert done.status_code == 200, done.text
    body = done.json()
    assert (body["imported"], body["skipped"], body["errors"]) == (3, 1, 0)
    again = _post(client, csrf, athlete, content=data, params={"name": "export.zip"})
    assert again.json()["duplicates"] == 3
    log = client.get(f"/api/v1/athletes/{athlete}/log").json()
    assert "intervals" in str(log)


def test_a_json_upload_of_a_gzipped_gpx_imports(owner):
    client, csrf, athlete = owner
    text = base64.b64encode((DATA / "easy-run.gpx.gz").read_bytes()).decode()
    done = _post(client, csrf, athlete, json={"content_base64": text, "name": "run.gpx.gz"})
    assert done.status_code == 200 and done.json()["imported"] == 1


def test_an_upload_that_is_no_activity_is_one_400_naming_it(owner):
    client, csrf, athlete = owner
    done = _post(client, csrf, athlete, content=b"hello", params={"name": "notes.txt"})
    assert done.status_code == 400
    assert (
        done.json()["error"]
        == "file: notes.txt: not a .fit, .gpx, .tcx (optionally .gz) or .zip file"
    )


def test_an_entity_bomb_upload_is_a_per_file_error_and_saves_nothing(owner):
    client, csrf, athlete = owner
    bomb = b'<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "aaaa">]><gpx>&a;</gpx>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("bomb.gpx", bomb)
        archive.writestr("run.gpx.gz", gzip.compress((DATA / "easy-run.gpx").read_bytes()))
    done = _post(client, csrf, athlete, content=out.getvalue(), params={"name": "a.zip"})
    files = {f["file"]: f for f in done.json()["files"]}
    assert files["a.zip:bomb.gpx"]["reason"] == "XML with a DTD or entities is refused"
    assert done.json()["imported"] == 1


def test_too_large_an_upload_is_a_413(owner, monkeypatch):
    from runlift.web import api_activities

    monkeypatch.setattr(api_activities, "UPLOAD_LIMIT", 1000)
    client, csrf, athlete = owner
    done = _post(client, csrf, athlete, content=b"\0" * 5000, params={"name": "big.fit"})
    assert done.status_code == 413 and "larger than" in done.text


def test_upload_listing_refuses_a_file_of_no_known_kind():
    with pytest.raises(ValueError, match=r"notes\.txt"), upload_listing(b"x", "notes.txt"):
        pass


# -- keeping the usual week (--set-week) ------------------------------------------------


def _typical_and_revision(store, athlete_id):
    with store.transaction() as conn:
        _owner, token = revision_of(conn, athlete_id)
        return repo.get_athlete_by_id(conn, athlete_id)[0].typical_week, token


def test_set_week_keeps_the_usual_week_and_raises_the_revision(stored):
    store, athlete_id = stored
    before, revision = _typical_and_revision(store, athlete_id)
    report = _import(store, athlete_id, [DATA], max_hr=185.0, set_week="--set-week")
    assert report.week_kept and report_json(report)["typical_week_set"] is True
    week, now = _typical_and_revision(store, athlete_id)
    assert week == {
        "mon": [{"run": "easy", "minutes": 40}], "tue": [{"run": "intervals", "minutes": 48}],
        "wed": "rest", "thu": [{"run": "threshold", "minutes": 45}],
        "fri": "rest", "sat": "rest", "sun": "rest",
    }  # fmt: skip
    assert week != before and now != revision


def test_set_week_without_a_run_day_refuses_and_keeps_nothing(stored):
    store, athlete_id = stored
    before, revision = _typical_and_revision(store, athlete_id)
    with pytest.raises(InputError, match=r"^--set-week: no weekday .* all rest"):
        _import(store, athlete_id, [DATA / "strava-export.zip"], set_week="--set-week")
    assert _typical_and_revision(store, athlete_id) == (before, revision)
    assert _counts(store, athlete_id) == (0, 0)  # the whole import is undone


def test_the_usual_week_keeps_the_fixed_strength_sessions():
    usual = typical_week([(date(2026, 11, d), RunType.EASY, 30.4) for d in (3, 10)],
                         date(2026, 11, 10))  # fmt: skip
    gym = {"strength": "heavy", "start": "18:00"}
    days = usual_days(usual, {"tue": [{"run": "hills", "minutes": 60}, gym], "wed": [gym]})
    assert days["tue"] == [{"run": "easy", "minutes": 30}, gym]
    assert days["wed"] == [gym] and days["mon"] == "rest"


def test_the_api_keeps_the_usual_week_with_set_week(owner):
    client, csrf, athlete = owner
    data = (DATA / "strava-export.zip").read_bytes()
    params = {"name": "export.zip", "set_week": "true"}
    refused = _post(client, csrf, athlete, content=data, params=params)
    assert refused.status_code == 400
    assert refused.json()["error"].startswith("set_week: no weekday")
    assert client.get(f"/api/v1/athletes/{athlete}/log").json()["runs"] == []
    kept = _post(client, csrf, athlete, content=data, params={"name": "export.zip"})
    assert kept.json()["imported"] == 3 and kept.json()["typical_week_set"] is False
    easy = (DATA / "easy-run.gpx").read_bytes()  # a Monday, a week after the export's
    done = _post(client, csrf, athlete, content=easy, params={"name": "e.gpx", "set_week": True})
    assert done.status_code == 200 and done.json()["typical_week_set"] is True
    week = client.get(f"/api/v1/athletes/{athlete}").json()["typical_week"]
    assert week["mon"] == [{"run": "easy", "minutes": 40}] and week["tue"] == "rest"


# -- export and restore ---------------------------------------------------------------


def test_an_import_survives_export_and_restore_as_duplicates(stored, tmp_path):
    store, athlete_id = stored
    _import(store, athlete_id, [DATA])
    with store.transaction() as conn:
        document = json.loads(json.dumps(export_all(conn)))
    assert len(document["tables"]["activities"]) == 7
    with store.transaction() as conn:
        restore_all(conn, document, replace=True)
    with store.transaction() as conn:
        assert export_all(conn) == document
    again = _import(store, athlete_id, [DATA])
    assert again.count("imported") == 0 and again.count("duplicate") == 7
    assert _counts(store, athlete_id) == (7, 7)
    new = tmp_path / "new.gpx"  # ids go on after the restored rows, on either engine
    new.write_bytes(gpx(datetime(2026, 11, 20, 7, tzinfo=UTC), [(1800, 360, 140)], "running", "R"))
    assert _import(store, athlete_id, [new]).count("imported") == 1
