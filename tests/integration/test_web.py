"""The JSON API over real connections, on SQLite and PostgreSQL: accounts, CSRF, the access
matrix (owner, invited coach, former coach, other runner, anonymous), and bad input."""

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


@pytest.fixture
def app(db_url):
    return create_app(db_url, fast_hashing=True)


def runner(app, email: str) -> tuple[TestClient, str]:
    client = TestClient(app)
    response = client.post("/api/v1/signup", json={"email": email, "password": "long enough pw"})
    assert response.status_code == 201, response.text
    return client, response.json()["csrf"]


def test_plan_and_check_need_no_account_and_follow_the_contract(app):
    client = TestClient(app)
    planned = client.post("/api/v1/plan", json=PLAN)
    assert planned.status_code == 200
    days = planned.json()["days"]
    assert [len(d["strength"]) for d in days] == [0, 1, 1, 1, 0, 1, 0]
    checked = client.post("/api/v1/check", json=PLAN)
    assert checked.json()["ok"] is True
    assert (
        client.get(
            "/api/v1/exercises", params={"equipment": "kettlebell", "pattern": "squat"}
        ).status_code
        == 200
    )
    assert (
        client.post("/api/v1/estimate-1rm", json={"load": 100, "reps": 5}).json()["estimates"][0][
            "one_rep_max"
        ]
        == 116.7
    )


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        (
            "/api/v1/plan",
            {**PLAN, "athlete": {**PLAN["athlete"], "phase": "bulking"}},
            "athlete.phase",
        ),
        ("/api/v1/plan", {"athlete": PLAN["athlete"]}, "week"),
        ("/api/v1/check", {**PLAN, "week": {**PLAN["week"], "start": "soon"}}, "week.start"),
        ("/api/v1/estimate-1rm", {"load": 100, "reps": 25}, "reps"),
        ("/api/v1/estimate-1rm", {"load": "heavy", "reps": 5}, "load"),
    ],
)
def test_bad_input_is_a_4xx_naming_the_field(app, path, body, field):
    response = TestClient(app).post(path, json=body)
    assert 400 <= response.status_code < 500
    assert response.json()["field"] == field
    assert field in response.json()["error"]


def test_bad_json_and_bad_query_values_are_4xx_not_500(app):
    client = TestClient(app)
    assert (
        client.post(
            "/api/v1/plan", content=b"{not json", headers={"content-type": "application/json"}
        ).status_code
        == 422
    )
    assert client.get("/api/v1/exercises", params={"equipment": "anvil"}).status_code == 400


def test_sign_up_in_and_out_with_secure_cookie_settings(app):
    client, csrf = runner(app, "sam@example.com")
    cookie = client.cookies.get("runlift_session")
    assert cookie
    assert client.get("/api/v1/me").json()["user"]["email"] == "sam@example.com"
    assert client.post("/api/v1/signout").status_code == 403  # no CSRF header
    assert client.post("/api/v1/signout", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert client.get("/api/v1/me").status_code == 401
    again = TestClient(app).post(
        "/api/v1/signin", json={"email": "SAM@example.com", "password": "long enough pw"}
    )
    assert again.status_code == 200
    header = again.headers["set-cookie"].lower()
    assert "httponly" in header and "samesite=lax" in header


def test_sign_up_refuses_short_passwords_and_taken_emails(app):
    client = TestClient(app)
    assert (
        client.post("/api/v1/signup", json={"email": "a@b.c", "password": "short"}).status_code
        == 422
    )
    runner(app, "taken@example.com")
    assert (
        client.post(
            "/api/v1/signup", json={"email": "taken@example.com", "password": "long enough pw"}
        ).status_code
        == 409
    )


def test_sign_in_is_rate_limited(app):
    runner(app, "lee@example.com")
    client = TestClient(app)
    codes = [
        client.post(
            "/api/v1/signin", json={"email": "lee@example.com", "password": "wrong password!"}
        ).status_code
        for _ in range(6)
    ]
    assert codes == [401] * 5 + [429]
    right = client.post(
        "/api/v1/signin", json={"email": "lee@example.com", "password": "long enough pw"}
    )
    assert right.status_code == 429  # even the right password waits out the window


def test_access_matrix_owner_coach_former_coach_other_runner_anonymous(app):
    owner, owner_csrf = runner(app, "owner@example.com")
    coach, coach_csrf = runner(app, "coach@example.com")
    other, other_csrf = runner(app, "other@example.com")
    anonymous = TestClient(app)
    created = owner.post("/api/v1/athletes", json=PLAN, headers={"X-CSRF-Token": owner_csrf})
    assert created.status_code == 201
    athlete = created.json()["id"]
    invite = owner.post(
        f"/api/v1/athletes/{athlete}/coaches",
        json={"email": "coach@example.com"},
        headers={"X-CSRF-Token": owner_csrf},
    )
    assert invite.status_code == 201
    reads = [
        f"/api/v1/athletes/{athlete}",
        f"/api/v1/athletes/{athlete}/week?on=2026-12-01",
        f"/api/v1/athletes/{athlete}/progress",
    ]
    log = (
        f"/api/v1/athletes/{athlete}/log/strength",
        {"date": "2026-12-01", "sets": ["back_squat:3x6@70:rir2"]},
    )

    def status(client, csrf, method="get", path=None, body=None):
        headers = {"X-CSRF-Token": csrf} if csrf else {}
        return (
            getattr(client, method)(path, json=body, headers=headers).status_code
            if body is not None
            else getattr(client, method)(path, headers=headers).status_code
        )

    for path in reads:
        assert status(owner, owner_csrf, path=path) == 200
        assert status(coach, coach_csrf, path=path) == 200
        assert status(other, other_csrf, path=path) == 404
        assert status(anonymous, None, path=path) == 401
    assert status(owner, owner_csrf, "post", log[0], log[1]) == 201
    assert status(coach, coach_csrf, "post", log[0], log[1]) == 201
    assert status(other, other_csrf, "post", log[0], log[1]) == 404
    assert status(anonymous, None, "post", log[0], log[1]) == 401
    # only the owner may invite, revoke or delete
    assert status(coach, coach_csrf, "delete", f"/api/v1/athletes/{athlete}") == 404
    assert (
        status(coach, coach_csrf, "post", f"/api/v1/athletes/{athlete}/coaches", {"email": "x@y.z"})
        == 404
    )
    assert [a["role"] for a in coach.get("/api/v1/me").json()["athletes"]] == ["coach"]
    assert other.get("/api/v1/me").json()["athletes"] == []
    # revoked: the former coach sees nothing and changes nothing
    invite_id = invite.json()["id"]
    assert (
        status(owner, owner_csrf, "delete", f"/api/v1/athletes/{athlete}/coaches/{invite_id}")
        == 204
    )
    for path in reads:
        assert status(coach, coach_csrf, path=path) == 404
    assert status(coach, coach_csrf, "post", log[0], log[1]) == 404
    logged = owner.get(f"/api/v1/athletes/{athlete}/week?on=2026-12-01").json()["done"]["strength"]
    assert len(logged) == 2  # the owner's and the coach's while invited; nothing after
    assert status(owner, owner_csrf, "delete", f"/api/v1/athletes/{athlete}") == 204
    assert status(owner, owner_csrf, path=reads[0]) == 404


def test_a_rejected_log_entry_changes_nothing(app):
    owner, csrf = runner(app, "rita@example.com")
    athlete = owner.post("/api/v1/athletes", json=PLAN, headers={"X-CSRF-Token": csrf}).json()["id"]
    bad = owner.post(
        f"/api/v1/athletes/{athlete}/log/strength",
        json={"date": "2026-12-01", "sets": ["moon_press:3x5@50"]},
        headers={"X-CSRF-Token": csrf},
    )
    assert bad.status_code == 400 and bad.json()["field"] == "--set[0]"
    assert (
        owner.get(f"/api/v1/athletes/{athlete}/week?on=2026-12-01").json()["done"]["strength"] == []
    )


def test_the_openapi_document_is_served(app):
    document = TestClient(app).get("/api/v1/openapi.json").json()
    assert (
        "/api/v1/plan" in document["paths"]
        and "/api/v1/athletes/{athlete_id}/week" in document["paths"]
    )


def test_change_password_ends_other_sessions(app):
    first, csrf = runner(app, "pat@example.com")
    second = TestClient(app)
    assert (
        second.post(
            "/api/v1/signin", json={"email": "pat@example.com", "password": "long enough pw"}
        ).status_code
        == 200
    )
    wrong = first.post(
        "/api/v1/me/password",
        json={"current": "nope", "new": "another long pw"},
        headers={"X-CSRF-Token": csrf},
    )
    assert wrong.status_code == 403
    ok = first.post(
        "/api/v1/me/password",
        json={"current": "long enough pw", "new": "another long pw"},
        headers={"X-CSRF-Token": csrf},
    )
    assert ok.status_code == 204
    assert first.get("/api/v1/me").status_code == 200
    assert second.get("/api/v1/me").status_code == 401
    assert (
        TestClient(app)
        .post("/api/v1/signin", json={"email": "pat@example.com", "password": "another long pw"})
        .status_code
        == 200
    )


def test_export_is_json_and_spreadsheet_safe_csv(app):
    owner, csrf = runner(app, "csv@example.com")
    athlete = owner.post("/api/v1/athletes", json=PLAN, headers={"X-CSRF-Token": csrf}).json()["id"]
    owner.post(
        f"/api/v1/athletes/{athlete}/log/strength",
        json={"date": "2026-11-20", "sets": ["back_squat:3x6@70:rir2"]},
        headers={"X-CSRF-Token": csrf},
    )
    owner.post(
        f"/api/v1/athletes/{athlete}/log/strength",
        json={"date": "2026-11-21", "skipped": True, "reason": '=HYPERLINK("http://evil")'},
        headers={"X-CSRF-Token": csrf},
    )
    data = owner.get("/api/v1/me/export.json").json()
    assert data["athletes"][0]["name"] == "Alex" and len(data["athletes"][0]["strength"]) == 2
    text = owner.get("/api/v1/me/export.csv").text
    assert "back_squat" in text
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


def test_deleting_the_account_deletes_its_athletes_and_ends_coaching(app):
    owner, csrf = runner(app, "gone@example.com")
    coach, _ = runner(app, "coach2@example.com")
    athlete = owner.post("/api/v1/athletes", json=PLAN, headers={"X-CSRF-Token": csrf}).json()["id"]
    owner.post(
        f"/api/v1/athletes/{athlete}/coaches",
        json={"email": "coach2@example.com"},
        headers={"X-CSRF-Token": csrf},
    )
    assert coach.get(f"/api/v1/athletes/{athlete}").status_code == 200
    assert owner.delete("/api/v1/me", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert coach.get(f"/api/v1/athletes/{athlete}").status_code == 404
    assert (
        TestClient(app)
        .post("/api/v1/signin", json={"email": "gone@example.com", "password": "long enough pw"})
        .status_code
        == 401
    )


def test_a_secret_calendar_feed_that_calendar_apps_can_read_and_that_can_be_revoked(app):
    import icalendar

    owner, csrf = runner(app, "ics@example.com")
    athlete = owner.post("/api/v1/athletes", json=PLAN, headers={"X-CSRF-Token": csrf}).json()["id"]
    url = owner.post(f"/api/v1/athletes/{athlete}/calendar", headers={"X-CSRF-Token": csrf}).json()[
        "url"
    ]
    anonymous = TestClient(app)
    response = anonymous.get(url)
    assert response.status_code == 200 and response.headers["content-type"].startswith(
        "text/calendar"
    )
    assert all(len(line.encode()) <= 75 for line in response.text.split("\r\n"))
    calendar = icalendar.Calendar.from_ical(response.text)
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == 4 * 4  # four weeks of the article's week: 2 heavy, core, bodyweight
    heavy = [e for e in events if str(e["SUMMARY"]).startswith("Heavy")]
    assert len(heavy) == 8
    assert "Back squat" in str(heavy[0]["DESCRIPTION"]) and "Why this day" in str(
        heavy[0]["DESCRIPTION"]
    )
    assert heavy[0].decoded("DTSTART").hour == 17
    assert (
        owner.post(f"/api/v1/athletes/{athlete}/calendar", headers={"X-CSRF-Token": csrf}).json()[
            "url"
        ]
        != url
    )
    assert anonymous.get(url).status_code == 404  # a new URL revokes the old one
    owner.delete(f"/api/v1/athletes/{athlete}/calendar", headers={"X-CSRF-Token": csrf})
    assert anonymous.get("/calendar/not-a-token.ics").status_code == 404


def test_moving_a_session_shows_what_the_rules_say(app):
    owner, csrf = runner(app, "mover@example.com")
    athlete = owner.post("/api/v1/athletes", json=PLAN, headers={"X-CSRF-Token": csrf}).json()["id"]
    base = f"/api/v1/athletes/{athlete}/week/try"
    to_saturday = owner.get(
        base, params={"on": "2026-12-05", "kind": "heavy", "start": "18:00", "origin": "2026-12-01"}
    ).json()["asked"]
    assert to_saturday["answer"] == "why not"
    assert {r["rule"] for r in to_saturday["reasons"] if not r["ok"]} >= {
        "no-heavy-before-quality",
        "heavy-on-hard-days",
    }
    later_tuesday = owner.get(
        base, params={"on": "2026-12-01", "kind": "heavy", "start": "19:00", "origin": "2026-12-01"}
    ).json()
    # Legal on Tuesday, but Thursday's 17:00 heavy session would follow only 46 h later.
    assert later_tuesday["asked"]["answer"] == "warning"
    assert [(r["date"], r["rule"]) for r in later_tuesday["asked"]["elsewhere"]] == [
        ("2026-12-03", "heavy-spacing")
    ]
    suggestion = later_tuesday["suggestion"]
    assert (suggestion["date"], suggestion["start"], suggestion["answer"]) == (
        "2026-12-01",
        "17:00",
        "fine",
    )
    sunday = owner.get(
        base, params={"on": "2026-12-06", "kind": "heavy", "start": "17:00", "origin": "2026-12-01"}
    ).json()["asked"]
    assert sunday["answer"] == "warning"  # legal, but after the 110-min long run
    assert "avoid-lift-after-long-run" in {r["rule"] for r in sunday["reasons"] if not r["ok"]}
    morning = owner.get(
        base, params={"on": "2026-12-01", "kind": "heavy", "start": "08:00", "origin": "2026-12-01"}
    ).json()["asked"]
    assert morning["answer"] == "why not"  # outside the runner's 17:00-20:00 on Tuesdays
    assert (
        owner.get(
            base, params={"on": "2026-12-01", "kind": "crossfit", "start": "19:00"}
        ).status_code
        == 400
    )
