"""Importing a running plan: the sample exports read into events and weeks, and the API and
the page on SQLite and PostgreSQL (preview writes nothing, save keeps the weeks, unknown
events are never dropped unseen, too large a file is a 413)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from runlift.io.planfile import InputError
from runlift.io.planimport import Span, import_plan, load_run_words, read_events
from runlift.web.app import create_app
from tests.integration.test_web import PLAN, runner

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"
LONDON = ZoneInfo("Europe/London")


def imported(name: str, span: Span | None = None, zone=LONDON, confirms=None):
    fmt, raw = read_events((PLANS / name).read_bytes(), name, span, zone)
    return import_plan(name, fmt, raw, load_run_words(), 7 * 60, confirms)


def kinds(result) -> list[tuple[str, str | None]]:
    return [(e.raw.day.isoformat(), e.kind) for e in result.events]


# -- the sample files ----------------------------------------------------------------------
def test_reads_a_coaching_platform_calendar():
    result = imported("trainingpeaks-like.ics")
    assert kinds(result) == [
        ("2026-12-08", "intervals"), ("2026-12-09", "easy"), ("2026-12-10", "tempo"),
        ("2026-12-11", "rest"), ("2026-12-12", "race"), ("2026-12-13", "long"),
        ("2026-12-14", "cross"), ("2026-12-15", "hills"), ("2026-12-17", None),
        ("2026-12-20", "progression"),
    ]  # fmt: skip
    by_id = {e.id: e for e in result.events}
    assert (by_id["e1"].raw.start, by_id["e1"].length.minutes) == (390, 60)  # DTEND
    assert by_id["e3"].length.minutes == 55  # DURATION; 06:30Z is 06:30 in London
    assert by_id["e2"].raw.start is None and by_id["e2"].length.source == "text"  # all-day
    assert by_id["e6"].length.source == "distance"  # LR 18: 18 km at the easy pace
    assert [e.id for e in result.waiting()] == ["e9"]
    week = result.days(date(2026, 12, 7))
    assert week["mon"] == "rest" and week["fri"] == "rest"  # the rest day is left out
    assert week["wed"] == [{"run": "easy", "minutes": 45, "note": "Easy 45'"}]  # no start
    assert week["tue"][0]["start"] == "06:30"
    assert any("easy pace of 6:00 min/km" in note for note in result.assumptions())


def test_times_with_a_zone_move_to_the_runners_clock():
    result = imported("trainingpeaks-like.ics", zone=ZoneInfo("America/New_York"))
    tempo = next(e for e in result.events if e.kind == "tempo")
    assert tempo.raw.start == 90  # 06:30 UTC is 01:30 in New York


def test_repeats_are_expanded_with_their_exceptions_and_moved_occurrences():
    result = imported("runapp-repeats.ics", zone=LONDON)
    assert kinds(result) == [
        ("2026-12-07", "easy"),
        ("2026-12-13", "long"),
        ("2026-12-14", "easy"),
        ("2026-12-16", "easy"),
        ("2026-12-19", "shakeout"),
    ]  # fmt: skip  (9 Dec is an EXDATE; the 20 Dec long run moved to a Saturday shakeout)


def test_a_repeat_without_end_needs_a_last_day():
    with pytest.raises(InputError, match=r"line 4: RRULE: repeats without end"):
        imported("endless-repeat.ics")
    result = imported("endless-repeat.ics", Span(date(2026, 12, 1), date(2026, 12, 31)))
    assert [e.raw.day.day for e in result.events] == [8, 15, 22, 29]


def test_reads_a_final_surge_like_csv():
    result = imported("final-surge-like.csv")
    assert kinds(result) == [
        ("2026-12-07", "rest"), ("2026-12-08", "intervals"), ("2026-12-09", "easy"),
        ("2026-12-10", "threshold"), ("2026-12-11", "strength"), ("2026-12-12", "recovery"),
        ("2026-12-13", "long"), ("2026-12-15", "fartlek"), ("2026-12-17", "tempo"),
        ("2026-12-19", "race"), ("2026-12-20", None),
    ]  # fmt: skip
    minutes = {e.id: e.length.minutes for e in result.events if e.length}
    assert minutes["e2"] == 65 and minutes["e4"] == 60  # 1:05:00 and 00:60:00
    assert minutes["e7"] == round(14 * 1.609344 * 6)  # 14 mi at the easy pace


def test_reads_a_garmin_connect_like_csv():
    result = imported("garmin-connect-like.csv")
    assert kinds(result) == [
        ("2026-12-07", "easy"), ("2026-12-08", "intervals"), ("2026-12-09", "cross"),
        ("2026-12-10", "strength"), ("2026-12-11", "tempo"), ("2026-12-13", "long"),
        ("2026-12-14", "recovery"),
    ]  # fmt: skip
    long_run = next(e for e in result.events if e.kind == "long")
    assert (long_run.raw.start, long_run.length.minutes) == (480, 135)


def test_confirmations_resolve_unknown_events():
    result = imported("trainingpeaks-like.ics", confirms={"e9": "fartlek", "e7": "skip"})
    assert not result.waiting()
    assert result.days(date(2026, 12, 14))["thu"][0]["run"] == "fartlek"
    with pytest.raises(InputError, match="no event 'e42'"):
        imported("trainingpeaks-like.ics", confirms={"e42": "easy"})


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("bad-date.ics", "bad-date.ics: line 5: DTSTART"),
        ("bad-time.csv", "bad-time.csv: line 3, column 'Start Time': '25:99' is not a time"),
    ],
)
def test_a_bad_file_names_the_line_and_field(name, message):
    with pytest.raises(InputError) as caught:
        imported(name)
    assert str(caught.value).startswith(message)


def test_an_ambiguous_slashed_date_is_refused():
    data = b"Date,Title\n03/04/2026,Easy 40'\n"
    with pytest.raises(InputError, match="day first or month first"):
        read_events(data, "plan.csv")


# -- the API and the page, on both engines --------------------------------------------------
@pytest.fixture
def owner(db_url):
    app = create_app(db_url, fast_hashing=True)
    client, csrf = runner(app, "importer@example.com")
    made = client.post("/api/v1/athletes", json=PLAN, headers={"X-CSRF-Token": csrf})
    assert made.status_code == 201, made.text
    yield client, csrf, made.json()["id"]
    app.state.store.engine.dispose()


def post_plan(client, csrf, athlete, name, **params):
    data = (PLANS / name).read_bytes()
    return client.post(
        f"/api/v1/athletes/{athlete}/plan-import",
        params={"tz": "Europe/London", **params},
        files={"file": (name, data, "text/calendar")},
        headers={"X-CSRF-Token": csrf},
    )


def strength_on(client, athlete, day: str) -> list[str]:
    week = client.get(f"/api/v1/athletes/{athlete}/week", params={"on": day}).json()
    return [f"{d['date']}:{r['run']}" for d in week["days"] for r in d["runs"]]


def test_the_api_previews_without_writing_and_saves_when_asked(owner):
    client, csrf, athlete = owner
    before = strength_on(client, athlete, "2026-12-08")
    preview = post_plan(client, csrf, athlete, "trainingpeaks-like.ics")
    assert preview.status_code == 200, preview.text
    body = preview.json()
    assert body["saved"] is False and [w["week_start"] for w in body["weeks"]] == [
        "2026-12-07", "2026-12-14"]  # fmt: skip
    assert [e["id"] for e in body["needs_confirmation"]] == ["e9"]
    assert body["weeks"][0]["plan"]["days"][1]["runs"][0]["run"] == "intervals"
    assert strength_on(client, athlete, "2026-12-08") == before  # nothing written
    refused = post_plan(client, csrf, athlete, "trainingpeaks-like.ics", save="true")
    assert refused.status_code == 400 and refused.json()["field"] == "confirm"
    assert "e9" in refused.json()["error"]
    saved = post_plan(client, csrf, athlete, "trainingpeaks-like.ics", save="true",
                      confirm=["e9=fartlek", "e7=skip"])  # fmt: skip
    assert saved.status_code == 200, saved.text
    assert saved.json()["saved"] is True
    runs = strength_on(client, athlete, "2026-12-15")
    assert "2026-12-17:fartlek" in runs and "2026-12-15:hills" in runs
    week = client.get(f"/api/v1/athletes/{athlete}/week", params={"on": "2026-12-15"}).json()
    assert "as you changed it" in week["source"]


def test_the_api_takes_raw_and_json_bodies_and_refuses_bad_ones(owner):
    client, csrf, athlete = owner
    headers = {"X-CSRF-Token": csrf}
    url = f"/api/v1/athletes/{athlete}/plan-import"
    csv_text = (PLANS / "final-surge-like.csv").read_text()
    raw = client.post(url, content=csv_text, headers={**headers, "Content-Type": "text/csv"})
    assert raw.status_code == 200 and raw.json()["source"]["format"] == "csv"
    as_json = client.post(url, json={"content": csv_text, "name": "fs.csv"}, headers=headers)
    assert as_json.json()["source"]["name"] == "fs.csv"
    bad = client.post(url, content=(PLANS / "bad-time.csv").read_bytes(), headers=headers)
    assert bad.status_code == 400 and "line 3" in bad.json()["error"]
    huge = client.post(url, content=b"x" * (2 * 1024 * 1024 + 10), headers=headers)
    assert huge.status_code == 413 and "2 MB" in huge.json()["error"]
    no_csrf = client.post(url, content=csv_text)
    assert no_csrf.status_code == 403
    wrong_zone = client.post(url, params={"tz": "Mars/Base"}, content=csv_text, headers=headers)
    assert wrong_zone.status_code == 400 and wrong_zone.json()["field"] == "tz"


def test_the_page_previews_confirms_and_saves(owner):
    client, csrf, athlete = owner
    page = client.get(f"/athletes/{athlete}/import")
    assert page.status_code == 200 and 'name="csrf"' in page.text
    data = (PLANS / "trainingpeaks-like.ics").read_bytes()
    preview = client.post(
        f"/athletes/{athlete}/import",
        data={"csrf": csrf, "action": "preview"},
        files={"file": ("tp.ics", data, "text/calendar")},
    )
    assert preview.status_code == 200, preview.text
    assert 'name="confirm_e9"' in preview.text and "Plan and save" in preview.text
    content = re.search(r'<textarea name="content" hidden>(.*?)</textarea>', preview.text, re.S)
    assert content is not None
    refused = client.post(
        f"/athletes/{athlete}/import",
        data={"csrf": csrf, "action": "save", "content": data.decode(), "name": "tp.ics"},
    )
    assert refused.status_code == 400 and "e9" in refused.text
    saved = client.post(
        f"/athletes/{athlete}/import",
        data={"csrf": csrf, "action": "save", "content": data.decode(), "name": "tp.ics",
              "confirm_e9": "easy", "confirm_e7": "skip"},
        follow_redirects=False,
    )  # fmt: skip
    assert saved.status_code == 303 and "/week?on=2026-12-07" in saved.headers["location"]
    assert "2026-12-17:easy" in strength_on(client, athlete, "2026-12-17")


def test_a_saved_import_whose_transaction_fails_afterwards_keeps_nothing(db_url):
    # On SQLite a savepoint opened before any write would start its own transaction, and
    # saving (RELEASE) would commit the weeks at once, outside the caller's transaction.
    from runlift.io.planimport.service import plan_import
    from runlift.store import repository as repo
    from runlift.tracking import Store, profile
    from runlift.tracking.profiles import create_from_file

    store = Store(db_url)
    try:
        name = create_from_file(store, "examples/build-intermediate.yaml", date(2026, 11, 25)).name
        data = (PLANS / "final-surge-like.csv").read_bytes()
        with pytest.raises(RuntimeError), store.transaction() as conn:
            prof = profile(conn, name)
            done = plan_import(
                conn, prof, data, "plan.csv", zone=LONDON, confirms={"e11": "skip"}, save=True
            )
            assert done.saved and repo.list_week_changes(conn, prof.id)
            raise RuntimeError("the request failed after the import")
        with store.transaction() as conn:
            assert repo.list_week_changes(conn, profile(conn, name).id) == {}
    finally:
        store.engine.dispose()
