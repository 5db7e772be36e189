"""Keeping a moved session, taking the planner's suggestion, going back to the planner's week;
swapping an exercise on the gym card; the printable cards. On SQLite and PostgreSQL."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from runlift.web.app import create_app
from tests.integration.test_web import PLAN, runner

WEEK = "2026-11-30"  # the example's week: heavy on Tuesday 1 and Thursday 3 December


@pytest.fixture
def app(db_url):
    return create_app(db_url, fast_hashing=True)


@pytest.fixture
def owner(app):
    client, csrf = runner(app, "owner@example.com")
    made = client.post("/api/v1/athletes", json=PLAN, headers={"X-CSRF-Token": csrf})
    return client, csrf, made.json()["id"]


def heavy_days(client: TestClient, athlete: int) -> list[tuple[str, str]]:
    week = client.get(f"/api/v1/athletes/{athlete}/week", params={"on": WEEK}).json()
    return [
        (d["date"], s["start"]) for d in week["days"] for s in d["strength"] if s["kind"] == "heavy"
    ]


def test_a_kept_move_changes_that_week_only_and_can_be_undone(owner):
    client, csrf, athlete = owner
    assert heavy_days(client, athlete) == [("2026-12-01", "17:00"), ("2026-12-03", "17:00")]
    move = {"on": "2026-12-03", "kind": "heavy", "start": "18:30", "origin": "2026-12-03"}
    kept = client.post(
        f"/api/v1/athletes/{athlete}/week/moves", json=move, headers={"X-CSRF-Token": csrf}
    )
    assert kept.status_code == 201, kept.text
    assert kept.json()["kept"]["answer"] == "fine"
    assert heavy_days(client, athlete) == [("2026-12-01", "17:00"), ("2026-12-03", "18:30")]
    week = client.get(f"/api/v1/athletes/{athlete}/week", params={"on": WEEK}).json()
    assert week["source"] == "your typical week, as you changed it"
    following = client.get(f"/api/v1/athletes/{athlete}/week", params={"on": "2026-12-07"})
    assert [d["strength"] for d in following.json()["days"]][3][0]["start"] == "17:00"
    back = client.delete(
        f"/api/v1/athletes/{athlete}/week/moves",
        params={"on": "2026-12-02"},
        headers={"X-CSRF-Token": csrf},
    )
    assert back.status_code == 204
    assert heavy_days(client, athlete) == [("2026-12-01", "17:00"), ("2026-12-03", "17:00")]


def test_a_move_a_hard_rule_forbids_is_refused_and_changes_nothing(owner):
    client, csrf, athlete = owner
    saturday = {"on": "2026-12-05", "kind": "heavy", "start": "18:00", "origin": "2026-12-01"}
    refused = client.post(
        f"/api/v1/athletes/{athlete}/week/moves", json=saturday, headers={"X-CSRF-Token": csrf}
    )
    assert refused.status_code == 409
    assert "hard day" in refused.json()["error"]  # the rule's own words
    assert heavy_days(client, athlete) == [("2026-12-01", "17:00"), ("2026-12-03", "17:00")]
    tried = client.get(f"/api/v1/athletes/{athlete}/week/try", params=saturday).json()
    suggestion = tried["suggestion"]
    assert suggestion["answer"] == "fine"
    taken = client.post(
        f"/api/v1/athletes/{athlete}/week/moves",
        json={k: suggestion[k] for k in ("kind", "start", "minutes", "origin")}
        | {"on": suggestion["date"]},
        headers={"X-CSRF-Token": csrf},
    )
    assert taken.status_code == 201, taken.text
    assert (suggestion["date"], suggestion["start"]) in heavy_days(client, athlete)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "crossfit"}, "kind"),
        ({"start": "25:00"}, "start"),
        ({"minutes": 0}, "minutes"),
        ({"origin": "2026-12-02"}, "origin"),  # no heavy session planned on Wednesday
        ({"origin": "2026-12-09"}, "origin"),  # another week
    ],
)
def test_bad_moves_name_the_field(owner, change, field):
    client, csrf, athlete = owner
    move = {"on": "2026-12-03", "kind": "heavy", "start": "18:00", "origin": "2026-12-03"}
    answer = client.post(
        f"/api/v1/athletes/{athlete}/week/moves",
        json=move | change,
        headers={"X-CSRF-Token": csrf},
    )
    assert answer.status_code == 400, answer.text
    assert answer.json()["field"] == field


def test_moves_need_the_csrf_header_and_access(app, owner):
    client, _, athlete = owner
    move = {"on": "2026-12-03", "kind": "heavy", "start": "18:30", "origin": "2026-12-03"}
    assert client.post(f"/api/v1/athletes/{athlete}/week/moves", json=move).status_code == 403
    other, other_csrf = runner(app, "other@example.com")
    stranger = other.post(
        f"/api/v1/athletes/{athlete}/week/moves", json=move, headers={"X-CSRF-Token": other_csrf}
    )
    assert stranger.status_code == 404
    assert heavy_days(client, athlete) == [("2026-12-01", "17:00"), ("2026-12-03", "17:00")]


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def test_the_week_page_keeps_a_move_and_goes_back(owner):
    client, _, athlete = owner
    page = client.get(f"/athletes/{athlete}/week", params={"on": WEEK})
    token = _csrf(page.text)
    tried = client.get(
        f"/athletes/{athlete}/week/try",
        params={"on": "2026-12-01", "kind": "heavy", "start": "19:00", "origin": "2026-12-01"},
    )
    assert "warning" in tried.text and "Keep it anyway" in tried.text
    assert "Use the suggestion" in tried.text
    kept = client.post(
        f"/athletes/{athlete}/week/moves",
        data={
            "csrf": token,
            "on": "2026-12-01",
            "kind": "heavy",
            "start": "19:00",
            "minutes": "30",
            "origin": "2026-12-01",
        },
    )
    assert "Kept: heavy on Tuesday at 19:00 (warning)." in kept.text
    assert "Back to the planner's week" in kept.text
    assert ("2026-12-01", "19:00") in heavy_days(client, athlete)
    reset = client.post(f"/athletes/{athlete}/week/reset", data={"csrf": token, "on": WEEK})
    assert "Back to the planner" in reset.text
    assert ("2026-12-01", "17:00") in heavy_days(client, athlete)


def test_the_gym_card_swaps_an_exercise_for_one_the_kit_allows(owner):
    client, _, athlete = owner
    card = client.get(
        f"/athletes/{athlete}/session", params={"date": "2026-12-01", "kind": "heavy"}
    )
    assert card.status_code == 200
    options = re.findall(r'<option value="([a-z_0-9]+)">', card.text)
    assert options, "each exercise offers others the kit allows"
    planned = re.search(r'id="ex-([a-z_0-9]+)"', card.text)
    assert planned is not None
    swap = client.get(
        f"/athletes/{athlete}/session/swap",
        params={
            "date": "2026-12-01",
            "kind": "heavy",
            "planned": planned.group(1),
            "to": options[0],
        },
    )
    assert swap.status_code == 200, swap.text
    assert "In place of" in swap.text
    assert f"_{options[0]}" in swap.text  # its set boxes log the new exercise
    refused = client.get(
        f"/athletes/{athlete}/session/swap",
        headers={"HX-Request": "true"},  # htmx swaps the fragment in where the card was
        params={
            "date": "2026-12-01",
            "kind": "heavy",
            "planned": planned.group(1),
            "to": "barbell_back_squat_on_the_moon",
        },
    )
    assert refused.status_code == 400
    assert "to: &#39;barbell_back_squat_on_the_moon&#39; cannot replace Back squat" in refused.text
    assert refused.headers["content-type"].startswith("text/html")


def test_the_printable_cards_hold_every_session_of_the_week(owner):
    client, _, athlete = owner
    cards = client.get(f"/athletes/{athlete}/week/cards", params={"on": WEEK})
    assert cards.status_code == 200
    week = client.get(f"/api/v1/athletes/{athlete}/week", params={"on": WEEK}).json()
    sessions = sum(len(d["strength"]) for d in week["days"])
    assert cards.text.count('class="printcard"') == sessions == 4
    assert "@media print" in client.get("/static/app.css").text


def test_a_move_without_a_time_takes_the_planners_start_on_that_day(owner):
    client, _, athlete = owner
    tried = client.get(
        f"/api/v1/athletes/{athlete}/week/try",
        params={"on": "2026-12-03", "kind": "heavy", "origin": "2026-12-03"},
    ).json()["asked"]
    assert (tried["start"], tried["answer"]) == ("17:00", "fine")  # Thursday's own slot


def test_a_kept_week_is_worked_out_again_after_any_change(app, owner):
    client, csrf, athlete = owner
    headers = {"X-CSRF-Token": csrf}
    url = f"/api/v1/athletes/{athlete}/week"
    first = client.get(url, params={"on": WEEK}).json()
    assert client.get(url, params={"on": WEEK}).json() == first  # served again, unchanged
    logged = client.post(
        f"/api/v1/athletes/{athlete}/log/runs",
        json={"date": "2026-12-01", "type": "hills", "minutes": 60},
        headers=headers,
    )
    assert logged.status_code == 201
    after_log = client.get(url, params={"on": WEEK}).json()
    assert [r["date"] for r in after_log["done"]["runs"]] == ["2026-12-01"]
    page = client.get(f"/athletes/{athlete}/week", params={"on": WEEK}).text
    client.patch(f"/api/v1/athletes/{athlete}", json={"phase": "taper"}, headers=headers)
    assert client.get(f"/athletes/{athlete}/week", params={"on": WEEK}).text != page
    assert client.get(url, params={"on": WEEK}).json()["days"] != after_log["days"]
    coach, _ = runner(app, "coach@example.com")
    invite = client.post(
        f"/api/v1/athletes/{athlete}/coaches", json={"email": "coach@example.com"}, headers=headers
    ).json()
    assert coach.get(url, params={"on": WEEK}).status_code == 200
    client.delete(f"/api/v1/athletes/{athlete}/coaches/{invite['id']}", headers=headers)
    assert coach.get(url, params={"on": WEEK}).status_code == 404  # access is never cached
    assert coach.get(f"/athletes/{athlete}/week", params={"on": WEEK}).status_code == 404


@pytest.mark.parametrize(
    ("move", "words"),
    [
        # Thursday already holds a heavy session: two of a kind on a day are refused.
        ({"on": "2026-12-03", "kind": "heavy", "origin": "2026-12-01"}, "already has a heavy"),
    ],
)
def test_moves_that_would_come_back_different_are_refused(owner, move, words):
    client, csrf, athlete = owner
    answer = client.post(
        f"/api/v1/athletes/{athlete}/week/moves", json=move, headers={"X-CSRF-Token": csrf}
    )
    assert answer.status_code == 400 and answer.json()["field"] == "on"
    assert words in answer.json()["error"]


def test_a_move_without_minutes_keeps_the_sessions_own_length(owner):
    client, _, athlete = owner
    week = client.get(f"/api/v1/athletes/{athlete}/week", params={"on": WEEK}).json()
    thursday = next(s for s in week["days"][3]["strength"] if s["kind"] == "heavy")
    tried = client.get(
        f"/api/v1/athletes/{athlete}/week/try",
        params={"on": "2026-12-04", "kind": "heavy", "origin": "2026-12-03"},
    ).json()["asked"]
    assert tried["minutes"] == thursday["minutes"]


def test_hostile_gym_and_test_forms_are_refused_or_ignored_never_a_500(owner):
    client, _, athlete = owner
    page = client.get(f"/athletes/{athlete}/tests")
    token = _csrf(page.text)
    for data in (
        {"load_bogus": "10", "reps_bogus": "5"},
        {"load_back_squat": "nan", "reps_back_squat": "5"},
        {"load_back_squat": "inf", "reps_back_squat": "5"},
        {"load_back_squat": "1e308", "reps_back_squat": "5"},
    ):
        answer = client.post(f"/athletes/{athlete}/tests", data={"csrf": token, **data})
        assert answer.status_code == 400, data
    saved = client.get(f"/api/v1/athletes/{athlete}").json()["tests"]
    assert {t["exercise"] for t in saved if t["load"] >= 1000} == set()  # nothing absurd kept
    assert client.get(f"/api/v1/athletes/{athlete}/week").status_code == 200
    card = {"csrf": token, "date": "2026-12-01", "kind": "heavy", "done_1": "1"}
    assert client.post(f"/athletes/{athlete}/session", data=card).status_code == 200
    far = {"csrf": token, "date": "9999-12-31", "kind": "heavy", "done_0_back_squat": "1",
           "reps_0_back_squat": "5"}  # fmt: skip
    assert client.post(f"/athletes/{athlete}/session", data=far).status_code == 400
