"""The export routes over real connections, on SQLite and PostgreSQL: a planned session as
FIT (decoded by fitdecode and compared with the week the API plans), ICS, CSV and JSON; the
plan of several weeks; bad input; and that downloading changes nothing."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import fitdecode
import icalendar
import pytest
import yaml
from fastapi.testclient import TestClient

from runlift.services import local_today
from runlift.store.backup import export_all
from runlift.tracking import monday_of
from runlift.web.app import create_app

ROOT = Path(__file__).resolve().parents[2]
PLAN = json.loads(json.dumps(
    yaml.safe_load((ROOT / "examples" / "build-intermediate.yaml").read_text()), default=str
))  # fmt: skip
NEXT_MONDAY = monday_of(local_today()) + timedelta(days=7)
NEXT_TUESDAY = NEXT_MONDAY + timedelta(days=1)  # the example week's first heavy session


@pytest.fixture
def app(db_url):
    return create_app(db_url, fast_hashing=True)


def owner(app, name: str = "Alex") -> tuple[TestClient, int]:
    client = TestClient(app)
    signed = client.post(
        "/api/v1/signup", json={"email": "o@example.com", "password": "long enough pw"}
    )
    assert signed.status_code == 201, signed.text
    client.headers["X-CSRF-Token"] = signed.json()["csrf"]
    plan = {**PLAN, "athlete": {**PLAN["athlete"], "name": name}}
    made = client.post("/api/v1/athletes", json=plan)
    assert made.status_code == 201, made.text
    return client, made.json()["id"]


def planned(client: TestClient, athlete: int, on) -> dict:
    week = client.get(f"/api/v1/athletes/{athlete}/week", params={"on": on.isoformat()}).json()
    day = next(d for d in week["days"] if d["date"] == on.isoformat())
    return next(s for s in day["strength"] if s["kind"] == "heavy")


def test_the_fit_file_holds_the_planned_session_set_by_set(app):
    client, athlete = owner(app)
    url = f"/api/v1/athletes/{athlete}/sessions/{NEXT_TUESDAY}/heavy.fit"
    answer = client.get(url)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/vnd.ant.fit"
    assert answer.headers["content-disposition"] == (
        f'attachment; filename="runlift-{NEXT_TUESDAY}-heavy.fit"'
    )
    with fitdecode.FitReader(io.BytesIO(answer.content), check_crc=fitdecode.CrcCheck.ENABLED) as r:
        messages = [f for f in r if isinstance(f, fitdecode.FitDataMessage)]
    workout = next(m for m in messages if m.name == "workout")
    assert workout.get_value("sub_sport") == "strength_training"
    steps = [m for m in messages if m.name == "workout_step"]
    active = [s for s in steps if s.get_value("intensity") == "active"]
    session = planned(client, athlete, NEXT_TUESDAY)
    expected = [x for x in session["exercises"] for _ in range(x["sets"])]
    assert len(active) == len(expected)
    for step, exercise in zip(active, expected, strict=True):
        assert step.get_value("wkt_step_name") == exercise["name"]
        if "reps" in exercise:
            assert step.get_value("duration_reps") == exercise["reps"]
        else:
            assert step.get_value("duration_time") == exercise["seconds"]
        assert step.get_value("exercise_weight") == exercise["load"]
    rests = [s for s in steps if s.get_value("intensity") == "rest"]
    assert len(rests) == len(expected) - 1
    assert {s.get_value("duration_time") for s in rests} == {
        x["rest_seconds"] for x in session["exercises"]
    }


def test_the_session_as_json_csv_and_ics(app):
    client, athlete = owner(app)
    base = f"/api/v1/athletes/{athlete}/sessions/{NEXT_TUESDAY}/heavy"
    session = planned(client, athlete, NEXT_TUESDAY)
    as_json = client.get(base + ".json")
    assert as_json.headers["content-type"] == "application/json"
    assert "attachment" in as_json.headers["content-disposition"]
    body = as_json.json()
    assert body["athlete"] == "Alex" and body["date"] == NEXT_TUESDAY.isoformat()
    assert body["exercises"] == session["exercises"]
    assert body["why"]
    as_csv = client.get(base + ".csv")
    assert as_csv.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert [r["exercise_id"] for r in rows] == [x["id"] for x in session["exercises"]]
    assert rows[0]["sets"] == str(session["exercises"][0]["sets"])
    as_ics = client.get(base + ".ics")
    assert as_ics.headers["content-type"] == "text/calendar; charset=utf-8"
    events = icalendar.Calendar.from_ical(as_ics.text).walk("VEVENT")
    assert len(events) == 1
    assert events[0].decoded("dtstart").date() == NEXT_TUESDAY
    assert session["exercises"][0]["name"] in str(events[0]["description"])


def test_the_plan_of_two_weeks_in_each_format(app):
    client, athlete = owner(app)
    base = f"/api/v1/athletes/{athlete}/plan"
    params = {"weeks": 2, "on": NEXT_TUESDAY.isoformat()}
    sessions = []
    for week in range(2):
        on = NEXT_MONDAY + timedelta(weeks=week)
        plan = client.get(f"/api/v1/athletes/{athlete}/week", params={"on": on.isoformat()}).json()
        sessions += [(d["date"], s) for d in plan["days"] for s in d["strength"]]
    body = client.get(base + ".json", params=params).json()
    assert body["from"] == NEXT_MONDAY.isoformat() and body["weeks"] == 2
    assert [(s["date"], s["kind"]) for s in body["sessions"]] == [
        (d, s["kind"]) for d, s in sessions
    ]
    rows = list(csv.DictReader(io.StringIO(client.get(base + ".csv", params=params).text)))
    assert len(rows) == sum(len(s["exercises"]) for _, s in sessions)
    answer = client.get(base + ".ics", params=params)
    assert answer.headers["content-disposition"] == (
        f'attachment; filename="runlift-plan-{NEXT_MONDAY}-2w.ics"'
    )
    assert len(icalendar.Calendar.from_ical(answer.text).walk("VEVENT")) == len(sessions)


def test_a_name_a_spreadsheet_would_run_is_quoted_in_the_csv(app):
    client, athlete = owner(app, name="=HYPERLINK(1)")
    text = client.get(f"/api/v1/athletes/{athlete}/plan.csv").text
    rows = list(csv.reader(io.StringIO(text)))[1:]
    assert rows and all(r[0] == "'=HYPERLINK(1)" for r in rows)


@pytest.mark.parametrize(
    ("tail", "params", "status", "field"),
    [
        (f"/sessions/{NEXT_TUESDAY}/squats.fit", None, 400, "kind"),
        (f"/sessions/{NEXT_MONDAY}/heavy.fit", None, 404, None),  # a rest day
        (f"/sessions/{NEXT_TUESDAY}/pilates.ics", None, 404, None),
        ("/sessions/2026-02-30/heavy.csv", None, 422, "path.date"),
        ("/plan.json", {"weeks": 0}, 422, "query.weeks"),
        ("/plan.csv", {"weeks": 13}, 422, "query.weeks"),
        ("/plan.ics", {"on": "tuesday"}, 422, "query.on"),
    ],
)
def test_bad_requests_are_refused_with_the_field(app, tail, params, status, field):
    client, athlete = owner(app)
    answer = client.get(f"/api/v1/athletes/{athlete}{tail}", params=params)
    assert answer.status_code == status, answer.text
    assert answer.json()["field"] == field
    assert answer.json()["error"]


def test_downloading_changes_nothing(app):
    client, athlete = owner(app)
    with app.state.store.transaction() as conn:
        before = export_all(conn)
    for ext in ("fit", "ics", "csv", "json"):
        assert client.get(
            f"/api/v1/athletes/{athlete}/sessions/{NEXT_TUESDAY}/heavy.{ext}"
        ).is_success
    for ext in ("ics", "csv", "json"):
        assert client.get(f"/api/v1/athletes/{athlete}/plan.{ext}").is_success
    with app.state.store.transaction() as conn:
        assert export_all(conn) == before


def test_the_gym_card_and_the_week_link_to_the_downloads(app):
    import re

    client, athlete = owner(app)
    card = client.get(
        f"/athletes/{athlete}/session", params={"date": NEXT_TUESDAY.isoformat(), "kind": "heavy"}
    )
    assert "Download for your watch (.fit)" in card.text
    links = re.findall(r'href="(/api/v1/athletes/[^"]+\.(?:fit|ics))"', card.text)
    assert [link.rsplit(".", 1)[1] for link in links] == ["fit", "ics"]
    for link in links:
        assert client.get(link).status_code == 200
    week = client.get(f"/athletes/{athlete}/week", params={"on": NEXT_TUESDAY.isoformat()})
    assert f'/sessions/{NEXT_TUESDAY}/heavy.fit"' in week.text
    cards = client.get(f"/athletes/{athlete}/week/cards", params={"on": NEXT_TUESDAY.isoformat()})
    plan_link = re.search(r'href="(/api/v1/athletes/[^"]+/plan\.ics[^"]*)"', cards.text)
    assert plan_link and client.get(plan_link.group(1).replace("&amp;", "&")).status_code == 200
