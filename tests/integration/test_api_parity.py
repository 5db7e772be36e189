"""The JSON API does what the command line does (issue: "everything the CLI does"): change an
athlete's settings, replace the typical week, record a rep test, log a race, list and edit
the log, take or undo the lighter plan, the test protocol. On SQLite and PostgreSQL.

Each route is tried by the owner and by an invited coach, with a bad value (one 4xx naming
the field, nothing changed) and without the CSRF header (403)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

from runlift.web.app import create_app

ROOT = Path(__file__).resolve().parents[2]
PLAN = json.loads(
    json.dumps(
        yaml.safe_load((ROOT / "examples" / "build-intermediate.yaml").read_text()), default=str
    )
)


class Runner:
    """A signed-in client that sends its CSRF token with every change."""

    def __init__(self, app, email: str) -> None:
        self.client = TestClient(app)
        answer = self.client.post(
            "/api/v1/signup", json={"email": email, "password": "long enough pw"}
        )
        assert answer.status_code == 201, answer.text
        self.csrf = answer.json()["csrf"]

    def send(self, method: str, path: str, body=None, csrf: bool = True, **kw):
        headers = {"X-CSRF-Token": self.csrf} if csrf else {}
        return self.client.request(method, path, json=body, headers=headers, **kw)

    def get(self, path: str, **kw):
        return self.client.get(path, **kw)


@pytest.fixture
def setup(db_url):
    """An owner with the example athlete, and a coach the owner invited."""
    app = create_app(db_url, fast_hashing=True)
    owner, coach = Runner(app, "owner@example.com"), Runner(app, "coach@example.com")
    created = owner.send("POST", "/api/v1/athletes", PLAN)
    assert created.status_code == 201, created.text
    athlete = created.json()["id"]
    invited = owner.send(
        "POST", f"/api/v1/athletes/{athlete}/coaches", {"email": "coach@example.com"}
    )
    assert invited.status_code == 201
    return app, owner, coach, f"/api/v1/athletes/{athlete}"


def refused(answer, status: int, field: str | None) -> None:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert set(body) == {"error", "field"}
    if field is not None:
        assert body["field"] == field and field in body["error"]


def test_changing_settings_like_athlete_set(setup):
    _, owner, coach, base = setup
    changed = owner.send("PATCH", base, {"phase": "peak", "heavy_sessions": 1})
    assert changed.status_code == 200, changed.text
    assert changed.json()["phase"] == "peak" and changed.json()["heavy_sessions"] == 1
    assert owner.get(base).json()["phase"] == "peak"
    # a coach may change settings while invited; follow_phase clears the override
    by_coach = coach.send("PATCH", base, {"follow_phase": True, "equipment": ["dumbbells"]})
    assert by_coach.status_code == 200, by_coach.text
    assert by_coach.json()["heavy_sessions"] is None
    assert by_coach.json()["equipment"] == ["dumbbells"]
    more = {"formula": "brzycki", "usual_run_start": "06:15", "kit": {"dumbbells": [5, 10, 15]}}
    assert owner.send("PATCH", base, more).json()["kit"] == {"dumbbells": [5, 10, 15]}
    windows = {"available": {"mon": ["18:00-20:00"], "sun": []}}
    assert owner.send("PATCH", base, windows).json()["available"] == windows["available"]
    assert owner.send("PATCH", base, {"name": "Alex R"}).json()["name"] == "Alex R"


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"phase": "bulking"}, 400, "phase"),
        ({"experience": "expert"}, 400, "experience"),
        ({"equipment": ["anvil"]}, 400, "equipment[0]"),
        ({"usual_run_start": "25:00"}, 400, "usual_run_start"),
        ({"available": {"funday": []}}, 400, "available.funday"),
        ({"kit": {"anvils": [1]}}, 400, "kit.anvils"),
        ({"units": "lb"}, 400, "units"),  # maxes are stored in kg already
        ({"phase": None}, 400, "phase"),
        ({"heavy_sessions": 4}, 422, "heavy_sessions"),
        ({"heavy_sessions": "2"}, 422, "heavy_sessions"),
        ({"colour": "red"}, 422, "colour"),
        ({}, 400, "body"),
    ],
)
def test_a_bad_setting_is_one_4xx_naming_the_field_and_changes_nothing(setup, body, status, field):
    _, owner, _, base = setup
    before = owner.get(base).json()
    refused(owner.send("PATCH", base, body), status, field)
    assert owner.get(base).json() == before


def test_a_name_in_use_is_a_conflict(setup):
    _, owner, _, base = setup
    other = dict(PLAN, athlete={**PLAN["athlete"], "name": "Sam"})
    assert owner.send("POST", "/api/v1/athletes", other).status_code == 201
    refused(owner.send("PATCH", base, {"name": "Sam"}), 409, None)


def test_replacing_the_typical_week(setup):
    _, owner, coach, base = setup
    days = {"tue": [{"run": "intervals", "start": "06:30", "minutes": 50}], "sat": "rest"}
    answer = coach.send("PUT", f"{base}/typical-week", {"days": days})
    assert answer.status_code == 200, answer.text
    assert answer.json()["typical_week"] == days
    week = owner.get(f"{base}/week", params={"on": "2026-12-01"}).json()
    assert [d["day_type"] for d in week["days"]][:2] == ["rest", "hard"]
    bad = {"days": {"tue": [{"run": "jog", "minutes": 50}]}}
    refused(owner.send("PUT", f"{base}/typical-week", bad), 400, "days.tue[0].run")
    refused(owner.send("PUT", f"{base}/typical-week", {"week": {}}), 422, "days")
    assert owner.get(base).json()["typical_week"] == days


def test_recording_a_rep_test(setup):
    _, owner, coach, base = setup
    body = {"exercise": "deadlift", "load": 140, "reps": 3, "date": "2026-11-20"}
    answer = coach.send("POST", f"{base}/tests", body)
    assert answer.status_code == 201, answer.text
    assert answer.json()["tested_on"] == "2026-11-20" and answer.json()["reps"] == 3
    tests = owner.get(base).json()["tests"]
    assert {"exercise": "deadlift", "tested_on": "2026-11-20", "load": 140.0, "reps": 3,
            "reps_in_reserve": 0} in tests  # fmt: skip
    today = owner.send("POST", f"{base}/tests", {"exercise": "back_squat", "load": 95, "reps": 1})
    assert today.status_code == 201
    refused(owner.send("POST", f"{base}/tests", {**body, "exercise": "push_up"}), 400, "exercise")
    refused(owner.send("POST", f"{base}/tests", {**body, "reps": 25}), 422, "reps")
    refused(owner.send("POST", f"{base}/tests", {**body, "date": "2999-01-01"}), 400, "date")
    refused(owner.send("POST", f"{base}/tests", {**body, "date": "1700000000"}), 422, "date")
    assert len(owner.get(base).json()["tests"]) == len(tests) + 1


def test_logging_a_race_and_listing_the_log(setup):
    _, owner, coach, base = setup
    race = {"date": "2026-11-22", "distance_km": 5, "time": "24:34", "time_trial": True,
            "name": "parkrun"}  # fmt: skip
    answer = coach.send("POST", f"{base}/log/races", race)
    assert answer.status_code == 201, answer.text
    assert answer.json()["vdot"] == 39.1 and answer.json()["seconds"] == 1474
    refused(owner.send("POST", f"{base}/log/races", {**race, "time": "4:34"}), 400, "time")
    refused(owner.send("POST", f"{base}/log/races", {**race, "time": "fast"}), 422, "time")
    refused(
        owner.send("POST", f"{base}/log/races", {**race, "distance_km": 0.1}), 400, "distance_km"
    )
    owner.send(
        "POST", f"{base}/log/strength", {"date": "2026-11-20", "sets": ["back_squat:3x6@70"]}
    )
    owner.send("POST", f"{base}/log/runs", {"date": "2026-11-24", "type": "easy", "minutes": 40})
    everything = owner.get(f"{base}/log").json()
    assert [len(everything[k]) for k in ("strength", "runs", "results")] == [1, 1, 1]
    assert everything["strength"][0]["exercises"][0]["sets"][0] == {
        "reps": 6, "load": 70.0, "reps_in_reserve": None, "rpe": None,
    }  # fmt: skip
    runs_only = coach.get(f"{base}/log", params={"kind": "run"}).json()
    assert runs_only["strength"] == [] and len(runs_only["runs"]) == 1
    window = owner.get(f"{base}/log", params={"from": "2026-11-21", "to": "2026-11-23"}).json()
    assert [len(window[k]) for k in ("strength", "runs", "results")] == [0, 0, 1]
    refused(owner.get(f"{base}/log", params={"kind": "swim"}), 422, "query.kind")
    refused(owner.get(f"{base}/log", params={"from": "yesterday"}), 422, "query.from")


def test_editing_a_logged_entry_changes_only_what_is_given(setup):
    _, owner, coach, base = setup
    strength = owner.send(
        "POST", f"{base}/log/strength", {"date": "2026-11-20", "sets": ["back_squat:3x6@70:rir2"]}
    ).json()["id"]
    edited = coach.send("PATCH", f"{base}/log/strength/{strength}", {"minutes": 35})
    assert edited.status_code == 200, edited.text
    assert edited.json()["minutes"] == 35 and len(edited.json()["exercises"][0]["sets"]) == 3
    new_sets = owner.send("PATCH", f"{base}/log/strength/{strength}", {"sets": ["deadlift:5@100"]})
    assert [x["exercise"] for x in new_sets.json()["exercises"]] == ["deadlift"]
    assert new_sets.json()["minutes"] == 35
    skipped = owner.send(
        "PATCH", f"{base}/log/strength/{strength}", {"skipped": True, "reason": "sick"}
    )
    assert skipped.status_code == 200, skipped.text
    assert skipped.json()["skipped"] is True and skipped.json()["exercises"] == []
    refused(
        owner.send("PATCH", f"{base}/log/strength/{strength}", {"sets": ["moon_press:3x5"]}),
        400,
        "sets[0]",
    )
    refused(owner.send("PATCH", f"{base}/log/strength/{strength}", {"kind": "zumba"}), 400, "kind")
    refused(owner.send("PATCH", f"{base}/log/strength/999", {"minutes": 30}), 404, None)
    run = owner.send(
        "POST", f"{base}/log/runs",
        {"date": "2026-11-24", "type": "easy", "minutes": 40, "avg_hr": 140},
    ).json()["id"]  # fmt: skip
    changed = owner.send("PATCH", f"{base}/log/run/{run}", {"distance_km": 7.5, "avg_hr": None})
    assert changed.status_code == 200, changed.text
    assert changed.json() == {
        "id": run, "date": "2026-11-24", "type": "easy", "minutes": 40.0,
        "distance_km": 7.5, "avg_hr": None, "rpe": None,
    }  # fmt: skip
    refused(owner.send("PATCH", f"{base}/log/run/{run}", {"avg_hr": 300}), 400, "avg_hr")
    refused(owner.send("PATCH", f"{base}/log/run/{run}", {"minutes": None}), 400, "minutes")
    refused(owner.send("PATCH", f"{base}/log/run/{run}", {}), 400, None)
    assert owner.get(f"{base}/log").json()["runs"][0]["distance_km"] == 7.5


def test_taking_and_undoing_the_lighter_plan(setup):
    _, owner, coach, base = setup
    owner.send("PATCH", base, {"heavy_sessions": 3})
    taken = coach.send("POST", f"{base}/progress/lighter", {"accept": True})
    assert taken.status_code == 200, taken.text
    assert taken.json()["lighter"] is True and taken.json()["heavy_sessions"] == 2
    progress = owner.get(f"{base}/progress").json()
    assert progress["lighter"] is True and progress["warning"] is None
    assert {"lifts", "weeks", "retest"} <= set(progress)
    back = owner.send("POST", f"{base}/progress/lighter", {"accept": False})
    assert back.json()["lighter"] is False and owner.get(base).json()["lighter"] is False
    refused(owner.send("POST", f"{base}/progress/lighter", {"accept": "yes"}), 422, "accept")


def test_the_test_protocol_for_a_level_and_for_an_athlete(setup):
    _, owner, _, base = setup
    novice = owner.get("/api/v1/test-protocol", params={"experience": "novice"})
    assert novice.status_code == 200 and novice.json()["experience"] == "novice"
    refused(owner.get("/api/v1/test-protocol", params={"experience": "guru"}), 400, "experience")
    mine = owner.get(f"{base}/test-protocol", params={"on": "2026-12-01"}).json()
    assert mine["experience"] == "intermediate"
    assert {"deadlift", "bench_press"} <= {lift["id"] for lift in mine["lifts_to_test"]}
    assert "back_squat" not in {lift["id"] for lift in mine["lifts_to_test"]}  # has a max
    assert mine["nothing_to_test"] is None
    squat = next(lift for lift in mine["lifts"] if lift["id"] == "back_squat")
    assert squat["max"] == 90 and squat["source"] == "given"


def test_an_athlete_with_a_body_weight_kit_is_told_there_is_nothing_loaded_to_test(setup):
    _, owner, _, base = setup
    assert owner.send("PATCH", base, {"equipment": ["bands", "mini_bands"]}).status_code == 200
    mine = owner.get(f"{base}/test-protocol", params={"on": "2026-12-01"}).json()
    assert mine["lifts_to_test"] == [] and mine["lifts"] == []
    said = mine["nothing_to_test"]
    assert said.startswith("There is nothing loaded to test in this plan: your equipment")
    assert "dumbbells, a kettlebell or a barbell" in said  # what would change that
    page = owner.get(base.replace("/api/v1", "") + "/tests").text
    assert said in page and "Every loaded lift" not in page
    assert "Save the tests" not in page


def test_an_athlete_created_from_a_plan_file_keeps_its_races(db_url):
    app = create_app(db_url, fast_hashing=True)
    owner = Runner(app, "racer@example.com")
    plan = dict(PLAN, races=[{"date": "2027-03-14", "name": "Spring 10k", "distance_km": 10}])
    assert owner.send("POST", "/api/v1/athletes", plan).status_code == 201
    from runlift.store import repository as repo

    with app.state.store.transaction() as conn:
        athlete_id = owner.get("/api/v1/athletes").json()[0]["id"]
        assert [r.name for r in repo.list_races(conn, athlete_id)] == ["Spring 10k"]


CHANGES = [
    ("PATCH", "", {"phase": "peak"}),
    ("PUT", "/typical-week", {"days": {"mon": "rest"}}),
    ("POST", "/tests", {"exercise": "deadlift", "load": 100, "reps": 5}),
    ("POST", "/log/races", {"distance_km": 5, "time": "25:00"}),
    ("POST", "/progress/lighter", {"accept": True}),
]


@pytest.mark.parametrize(("method", "tail", "body"), CHANGES)
def test_every_change_needs_the_csrf_header_and_an_invitation(setup, method, tail, body):
    app, owner, _, base = setup
    before = owner.get("/api/v1/me/export.json").json()
    refused(owner.send(method, base + tail, body, csrf=False), 403, None)
    stranger = Runner(app, "stranger@example.com")
    refused(stranger.send(method, base + tail, body), 404, None)
    refused(TestClient(app).request(method, base + tail, json=body), 401, None)
    invites = owner.get("/api/v1/me").json()  # the coach's invitation is the only one
    assert invites["athletes"][0]["role"] == "owner"
    assert owner.get("/api/v1/me/export.json").json() == before
