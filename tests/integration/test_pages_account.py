"""The account page's forms, on SQLite and PostgreSQL: invite and revoke a coach, a calendar
address shown once and revocable, a new password, the export links, and deleting the account
only when the word is typed."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from runlift.web.app import create_app
from tests.integration.test_web import PLAN, runner


@pytest.fixture
def app(db_url):
    return create_app(db_url, fast_hashing=True)


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


@pytest.fixture
def owner(app):
    client, csrf = runner(app, "owner@example.com")
    athlete = client.post("/api/v1/athletes", json=PLAN, headers={"X-CSRF-Token": csrf}).json()
    return client, athlete["id"]


def test_a_coach_is_invited_sees_the_runner_and_loses_them_when_revoked(app, owner):
    client, athlete = owner
    page = client.get("/account")
    assert page.status_code == 200 and "Alex" in page.text
    invited = client.post(
        "/account/coaches",
        data={"csrf": _csrf(page.text), "athlete": str(athlete), "email": "Coach@Example.com"},
    )
    assert "Invited coach@example.com" in invited.text
    coach, _ = runner(app, "coach@example.com")
    assert "Runners you coach" in coach.get("/account").text
    assert coach.get(f"/athletes/{athlete}/week").status_code == 200
    invite = re.search(r'name="invite" value="(\d+)"', invited.text)
    assert invite is not None
    revoked = client.post(
        "/account/coaches/revoke",
        data={"csrf": _csrf(invited.text), "athlete": str(athlete), "invite": invite.group(1)},
    )
    assert "Invitation revoked" in revoked.text
    assert coach.get(f"/api/v1/athletes/{athlete}/week").status_code == 404


def test_another_runner_cannot_invite_onto_my_runner(app, owner):
    _, athlete = owner
    other, _ = runner(app, "other@example.com")
    page = other.get("/account")
    answer = other.post(
        "/account/coaches",
        data={"csrf": _csrf(page.text), "athlete": str(athlete), "email": "x@example.com"},
    )
    assert answer.status_code == 404


def test_the_calendar_address_is_shown_once_and_can_be_revoked(owner):
    client, athlete = owner
    page = client.get("/account")
    made = client.post(
        "/account/calendar", data={"csrf": _csrf(page.text), "athlete": str(athlete)}
    )
    url = re.search(r'value="(http[^"]+\.ics)"', made.text)
    assert url is not None
    path = url.group(1).split("://", 1)[1].split("/", 1)[1]
    feed = TestClient(client.app).get("/" + path)
    assert feed.status_code == 200 and "BEGIN:VCALENDAR" in feed.text
    assert url.group(1) not in client.get("/account").text  # shown only once
    client.post(
        "/account/calendar",
        data={"csrf": _csrf(page.text), "athlete": str(athlete), "revoke": "1"},
    )
    assert TestClient(client.app).get("/" + path).status_code == 404


def test_a_new_password_needs_the_current_one(app, owner):
    client, _ = owner
    page = client.get("/account")
    wrong = client.post(
        "/account/password",
        data={"csrf": _csrf(page.text), "current": "not it", "new": "a brand new password"},
    )
    assert "Password not changed: current: the current password is wrong" in wrong.text
    short = client.post(
        "/account/password",
        data={"csrf": _csrf(page.text), "current": "long enough pw", "new": "short"},
    )
    assert "Password not changed: new:" in short.text
    done = client.post(
        "/account/password",
        data={"csrf": _csrf(page.text), "current": "long enough pw", "new": "a brand new password"},
    )
    assert "Password changed" in done.text
    fresh = TestClient(app)
    signed = fresh.post(
        "/api/v1/signin", json={"email": "owner@example.com", "password": "a brand new password"}
    )
    assert signed.status_code == 200


def test_the_export_links_download_everything(owner):
    client, _ = owner
    page = client.get("/account").text
    for link in ("/api/v1/me/export.json", "/api/v1/me/export.csv"):
        assert f'href="{link}"' in page
        assert client.get(link).status_code == 200
    assert "Alex" in client.get("/api/v1/me/export.json").text


def test_the_account_is_deleted_only_when_the_word_is_typed(app, owner):
    client, athlete = owner
    page = client.get("/account")
    kept = client.post("/account/delete", data={"csrf": _csrf(page.text), "confirm": "yes"})
    assert "Nothing deleted" in kept.text
    assert client.get(f"/api/v1/athletes/{athlete}").status_code == 200
    gone = client.post("/account/delete", data={"csrf": _csrf(page.text), "confirm": "delete"})
    assert gone.url.path == "/signup"
    fresh = TestClient(app)
    answer = fresh.post(
        "/api/v1/signin", json={"email": "owner@example.com", "password": "long enough pw"}
    )
    assert answer.status_code == 401


def test_forms_without_the_csrf_token_change_nothing(owner):
    client, _ = owner
    answer = client.post("/account/delete", data={"confirm": "delete"})
    assert answer.status_code in (403, 404)
    assert client.get("/api/v1/me/export.json").status_code == 200


def test_refusals_come_in_the_form_the_asker_reads(app, owner):
    _, athlete = owner
    signed_out = TestClient(app)
    form = signed_out.post("/account/delete", data={"confirm": "delete"}, follow_redirects=False)
    assert (form.status_code, form.headers["location"]) == (303, "/signin")
    api = signed_out.get(f"/api/v1/athletes/{athlete}")
    assert api.status_code == 401 and api.json()["error"] == "sign in first"
    other, _ = runner(app, "someone@example.com")
    page = other.get(f"/athletes/{athlete}/week")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html") and "Not found" in page.text
    fragment = other.get(
        f"/athletes/{athlete}/week/try",
        params={"on": "2026-12-01", "kind": "heavy"},
        headers={"HX-Request": "true"},
    )
    assert fragment.status_code == 404 and fragment.text.startswith('<p class="error"')


def test_a_deleted_coach_account_takes_its_invitations_with_it(app, owner):
    client, athlete = owner
    page = client.get("/account")
    client.post(
        "/account/coaches",
        data={"csrf": _csrf(page.text), "athlete": str(athlete), "email": "coach@example.com"},
    )
    coach, _ = runner(app, "coach@example.com")
    coach_page = coach.get("/account")
    coach.post("/account/delete", data={"csrf": _csrf(coach_page.text), "confirm": "delete"})
    stranger, _ = runner(app, "coach@example.com")  # someone new with the same address
    assert stranger.get(f"/api/v1/athletes/{athlete}/week").status_code == 404
