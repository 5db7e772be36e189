"""Onboarding by form: the goal race starts a season, then the rep tests step shows the
protocol for the runner's experience and turns results into maxes. SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from runlift.services import local_today
from runlift.web.app import create_app


@pytest.fixture
def client(db_url):
    app = create_app(db_url, fast_hashing=True)
    client = TestClient(app)
    client.post("/signup", data={"email": "new@example.com", "password": "long enough pw"})
    return client


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def _form(client: TestClient, **extra: str) -> dict[str, str]:
    form = {
        "csrf": _csrf(client.get("/onboarding").text), "name": "Kim",
        "experience": "intermediate", "phase": "base", "units": "kg",
        "run_tue": "intervals", "minutes_tue": "50", "run_thu": "tempo", "minutes_thu": "45",
        "run_sun": "long", "minutes_sun": "90",
    }  # fmt: skip
    return form | extra


def test_set_up_with_a_goal_race_plans_a_season_then_asks_for_rep_tests(client):
    race = (local_today() + timedelta(weeks=12)).isoformat()
    form = _form(client, race_date=race, race_km="21.1", race_name="Spring half")
    answer = client.post("/onboarding", data=form | {"equipment": ["dumbbells", "kettlebell"]})
    assert answer.status_code == 200
    assert str(answer.url).endswith("/tests?welcome=true")
    assert "Intermediate: a 3-5 rep test" in answer.text
    athlete = int(re.search(r"/athletes/(\d+)/tests", str(answer.url)).group(1))
    season = client.get(f"/api/v1/athletes/{athlete}/season")
    assert season.status_code == 200 and season.json()["race"]["date"] == race
    lifts = re.findall(r'name="load_([a-z_0-9]+)"', answer.text)
    assert lifts, "the loaded lifts of the plan are offered for testing"
    saved = client.post(
        f"/athletes/{athlete}/tests",
        data={"csrf": _csrf(answer.text), f"load_{lifts[0]}": "20", f"reps_{lifts[0]}": "5"},
    )
    assert "Saved 1 test(s)" in saved.text
    tests = client.get(f"/api/v1/athletes/{athlete}").json()["tests"]
    assert [(t["exercise"], t["load"], t["reps"]) for t in tests] == [(lifts[0], 20, 5)]


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"race_date": "2020-01-01", "race_km": "10"}, "goal race date"),
        ({"race_date": "soon", "race_km": "10"}, "goal race date"),
        ({"race_date": "2099-01-01", "race_km": "far"}, "goal race distance"),
    ],
)
def test_a_bad_goal_race_names_the_field_and_saves_nothing(client, extra, field):
    answer = client.post("/onboarding", data=_form(client, **extra))
    assert answer.status_code == 400
    assert field in answer.text
    assert client.get("/api/v1/athletes").json() == []


def test_a_bad_test_result_names_the_lift_and_saves_nothing(client):
    page = client.post("/onboarding", data=_form(client) | {"equipment": ["dumbbells"]})
    athlete = int(re.search(r"/athletes/(\d+)/tests", str(page.url)).group(1))
    lifts = re.findall(r'name="load_([a-z_0-9]+)"', page.text)
    assert lifts
    data = {"csrf": _csrf(page.text), f"load_{lifts[0]}": "20", f"reps_{lifts[0]}": "40"}
    refused = client.post(f"/athletes/{athlete}/tests", data=data)
    assert refused.status_code == 400
    assert "reps: 40 is not allowed" in refused.text
    assert client.get(f"/api/v1/athletes/{athlete}").json()["tests"] == []


def test_in_recovery_the_form_asks_when_the_race_was_and_keeps_it(client):
    page = client.get("/onboarding").text
    assert "When was your race?" in page and 'name="raced_on"' in page
    raced = (local_today() - timedelta(days=2)).isoformat()
    answer = client.post("/onboarding", data=_form(client, phase="recovery", raced_on=raced))
    assert answer.status_code == 200, answer.text
    athlete = client.get("/api/v1/athletes").json()[0]["id"]
    assert client.get(f"/api/v1/athletes/{athlete}").json()["race_date"] == raced
    week = client.get(f"/athletes/{athlete}/week").text
    assert "When was your race?" not in week


def test_the_race_day_is_ignored_outside_recovery(client):
    raced = (local_today() - timedelta(days=2)).isoformat()
    assert client.post("/onboarding", data=_form(client, raced_on=raced)).status_code == 200
    athlete = client.get("/api/v1/athletes").json()[0]["id"]
    assert client.get(f"/api/v1/athletes/{athlete}").json()["race_date"] is None


@pytest.mark.parametrize("raced_on", ["2020-01-01", "soon", "2099-01-01"])
def test_a_bad_race_day_names_the_question_and_saves_nothing(client, raced_on):
    answer = client.post("/onboarding", data=_form(client, phase="recovery", raced_on=raced_on))
    assert answer.status_code == 400
    assert "when was your race" in answer.text
    assert client.get("/api/v1/athletes").json() == []


def test_a_recovery_week_without_a_race_asks_for_it_and_takes_the_answer(client):
    client.post("/onboarding", data=_form(client, phase="recovery"))
    athlete = client.get("/api/v1/athletes").json()[0]["id"]
    week = client.get(f"/athletes/{athlete}/week").text
    assert "When was your race?" in week and f'action="/athletes/{athlete}/race-date"' in week
    assert "<b>phase-dose</b>" in week.split("<h2>Warnings</h2>")[1]  # the planner says why
    assert 'id="notes-title"' in week and "Stop if something hurts" in week  # the plan's notes
    too_old = (local_today() - timedelta(weeks=20)).isoformat()
    refused = client.post(
        f"/athletes/{athlete}/race-date", data={"csrf": _csrf(week), "race_date": too_old}
    )
    assert f"Not saved: {too_old} is more than 8 weeks ago" in refused.text
    assert "When was your race?" in refused.text
    raced = local_today() - timedelta(days=1)
    saved = client.post(
        f"/athletes/{athlete}/race-date",
        data={"csrf": _csrf(week), "race_date": raced.isoformat()},
    )
    assert f"your race was on {raced:%a %d %b %Y}" in saved.text
    assert "When was your race?" not in saved.text
    assert client.get(f"/api/v1/athletes/{athlete}").json()["race_date"] == raced.isoformat()


def test_the_form_keeps_the_reps_left_and_refuses_what_the_cli_refuses(client):
    page = client.post("/onboarding", data=_form(client) | {"equipment": ["dumbbells"]})
    athlete = int(re.search(r"/athletes/(\d+)/tests", str(page.url)).group(1))
    lift = re.findall(r'name="load_([a-z_0-9]+)"', page.text)[0]
    assert f'name="rir_{lift}" min="0" max="5"' in page.text and "Reps left" in page.text
    base = {"csrf": _csrf(page.text), f"load_{lift}": "20", f"reps_{lift}": "10"}
    refused = client.post(f"/athletes/{athlete}/tests", data=base | {f"rir_{lift}": "6"})
    assert refused.status_code == 400
    assert "reps in reserve: 6 is not allowed; use a whole number from 0 to 5" in refused.text
    assert client.get(f"/api/v1/athletes/{athlete}").json()["tests"] == []
    saved = client.post(f"/athletes/{athlete}/tests", data=base | {f"rir_{lift}": "2"})
    assert "Saved 1 test(s)" in saved.text
    [test] = client.get(f"/api/v1/athletes/{athlete}").json()["tests"]
    assert (test["load"], test["reps"], test["reps_in_reserve"]) == (20, 10, 2)


def test_a_body_weight_kit_is_told_there_is_nothing_loaded_to_test(client):
    page = client.post("/onboarding", data=_form(client, experience="novice"))
    assert page.status_code == 200 and "/tests" in str(page.url)
    assert "There is nothing loaded to test in this plan" in page.text
    assert "Every loaded lift" not in page.text and 'name="load_' not in page.text
