"""The season API on SQLite and PostgreSQL: plan a season, read it, change a week; bad input
names its field and changes nothing; other runners get 404, coaches may read and change."""

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
MARATHON = {
    "race_date": "2027-01-17",
    "distance_km": 42.2,
    "start": "2026-08-31",
    "race_name": "Winter Marathon",
}


@pytest.fixture
def app(db_url):
    return create_app(db_url, fast_hashing=True)


def runner(app, email: str) -> tuple[TestClient, dict[str, str]]:
    client = TestClient(app)
    response = client.post("/api/v1/signup", json={"email": email, "password": "long enough pw"})
    assert response.status_code == 201, response.text
    return client, {"X-CSRF-Token": response.json()["csrf"]}


def athlete_of(client: TestClient, headers: dict[str, str]) -> int:
    created = client.post("/api/v1/athletes", json=PLAN, headers=headers)
    assert created.status_code == 201, created.text
    return int(created.json()["id"])


def test_a_season_is_planned_read_and_shaped_like_the_cli(app):
    client, csrf = runner(app, "season@example.com")
    athlete = athlete_of(client, csrf)
    url = f"/api/v1/athletes/{athlete}/season"
    assert client.get(url).json()["field"] == "season"
    assert client.get(url).status_code == 404
    planned = client.post(url, json=MARATHON, headers=csrf)
    assert planned.status_code == 201, planned.text
    season = planned.json()
    assert season == client.get(url).json()
    assert season["race"] == {"date": "2027-01-17", "distance_km": 42.2, "name": "Winter Marathon"}
    assert season["start"] == "2026-08-31"
    weeks = season["weeks"]
    assert len(weeks) == 20 + 2  # 31 Aug to the race week, then two recovery weeks
    assert [(p["phase"], p["weeks"]) for p in season["phases"]] == [
        ("base", 7),
        ("build", 7),
        ("peak", 3),
        ("taper", 3),
        ("recovery", 2),
    ]
    assert season["phases"][0]["end"] == "2026-10-18"
    cutbacks = [w["week_start"] for w in weeks if w["cutback"]]
    assert cutbacks == ["2026-09-21", "2026-10-19", "2026-11-16", "2026-12-14"]
    assert all(w["deload"] == w["cutback"] for w in weeks)
    race = [w for w in weeks if w["race"]]
    assert [w["week_start"] for w in race] == ["2027-01-11"] and race[0]["taper"]
    assert all(w["taper"] == (w["phase"] == "taper") for w in weeks)
    build = weeks[8]
    assert build["phase"] == "build" and build["heavy_sessions"] == 2
    assert build["key_runs"] == "tu hills, th threshold, su progression"
    kinds = [(s["date"], s["kind"]) for s in build["sessions"]]
    assert ("2026-10-27", "heavy") in kinds and ("2026-10-29", "heavy") in kinds
    assert all(s["start"].count(":") == 1 and s["minutes"] > 0 for s in build["sessions"])
    # the week after the marathon: core work only
    after = weeks[20]
    assert after["phase"] == "recovery" and after["loaded_sessions"] == 0
    current = [w["week_start"] for w in weeks if w["current"]]
    assert current == ([season["current_week"]] if season["current_week"] else [])


def test_changing_a_week_replans_it_and_adds_to_what_was_said_before(app):
    client, csrf = runner(app, "change@example.com")
    athlete = athlete_of(client, csrf)
    client.post(f"/api/v1/athletes/{athlete}/season", json=MARATHON, headers=csrf)
    url = f"/api/v1/athletes/{athlete}/season/weeks/2026-10-29"  # any day of the week names it
    changed = client.patch(url, json={"no_gym": True, "note": "work trip"}, headers=csrf)
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert "2026-10-26" in body["replanned"]
    week = next(w for w in body["weeks"] if w["week_start"] == "2026-10-26")
    assert week["no_gym"] and week["changed"] and week["note"] == "work trip"
    cut = client.patch(url, json={"cutback": True}, headers=csrf).json()
    week = next(w for w in cut["weeks"] if w["week_start"] == "2026-10-26")
    assert week["cutback"] and week["deload"] and week["no_gym"] and week["note"] == "work trip"
    back = client.patch(url, json={"no_gym": False, "note": ""}, headers=csrf).json()
    week = next(w for w in back["weeks"] if w["week_start"] == "2026-10-26")
    assert not week["no_gym"] and week["cutback"] and week["note"] is None
    # a planned cutback can be taken back
    undone = client.patch(
        f"/api/v1/athletes/{athlete}/season/weeks/2026-09-21", json={"cutback": False}, headers=csrf
    ).json()
    assert not next(w for w in undone["weeks"] if w["week_start"] == "2026-09-21")["cutback"]
    assert client.get(f"/api/v1/athletes/{athlete}/season").json()["weeks"] == undone["weeks"]


def test_changed_days_are_checked_like_a_plan_file(app):
    client, csrf = runner(app, "days@example.com")
    athlete = athlete_of(client, csrf)
    client.post(f"/api/v1/athletes/{athlete}/season", json=MARATHON, headers=csrf)
    url = f"/api/v1/athletes/{athlete}/season/weeks/2026-10-26"
    moved = client.patch(
        url,
        json={"days": {"tue": "rest", "wed": [{"run": "hills", "start": "06:30", "minutes": 60}]}},
        headers=csrf,
    )
    assert moved.status_code == 200, moved.text
    week = next(w for w in moved.json()["weeks"] if w["week_start"] == "2026-10-26")
    assert week["key_runs"].startswith("we hills")
    outside = client.patch(url, json={"days": {"2026-11-03": "rest"}}, headers=csrf)
    assert outside.status_code == 400 and outside.json()["field"] == "days.2026-11-03"


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({**MARATHON, "distance_km": 0}, 422, "distance_km"),
        ({**MARATHON, "distance_km": 5000}, 422, "distance_km"),
        ({**MARATHON, "distance_km": "far"}, 422, "distance_km"),
        ({**MARATHON, "race_date": "soon"}, 422, "race_date"),
        ({**MARATHON, "race_date": "2026-08-01"}, 400, "race_date"),
        ({**MARATHON, "race_date": "2027-12-01"}, 400, "race_date"),
        ({**MARATHON, "start": "1900-01-01", "race_date": "1900-06-01"}, 400, "race_date"),
        ({**MARATHON, "race_name": "x" * 101}, 422, "race_name"),
        ({**MARATHON, "pace": "fast"}, 422, "pace"),
        ({"distance_km": 10}, 422, "race_date"),
    ],
)
def test_a_bad_season_is_refused_naming_the_field_and_changes_nothing(app, body, status, field):
    client, csrf = runner(app, "bad@example.com")
    athlete = athlete_of(client, csrf)
    url = f"/api/v1/athletes/{athlete}/season"
    response = client.post(url, json=body, headers=csrf)
    assert response.status_code == status, response.text
    assert response.json()["field"] == field and field in response.json()["error"]
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("week", "body", "status", "field"),
    [
        ("2026-08-24", {"cutback": True}, 404, "week_start"),
        ("2027-02-01", {"cutback": True}, 404, "week_start"),
        ("2026-10-26", {"cutback": "sometimes"}, 422, "cutback"),
        ("2026-10-26", {"note": "x" * 501}, 422, "note"),
        ("2026-10-26", {"gym": False}, 422, "gym"),
        ("2026-10-26", {"days": {"tue": [{"run": "swim", "minutes": 30}]}}, 400, None),
        ("not-a-date", {"cutback": True}, 422, "week_start"),
    ],
)
def test_a_bad_week_change_is_refused_and_changes_nothing(app, week, body, status, field):
    client, csrf = runner(app, "badweek@example.com")
    athlete = athlete_of(client, csrf)
    before = client.post(f"/api/v1/athletes/{athlete}/season", json=MARATHON, headers=csrf).json()
    response = client.patch(
        f"/api/v1/athletes/{athlete}/season/weeks/{week}", json=body, headers=csrf
    )
    assert response.status_code == status, response.text
    error = response.json()
    if field is None:
        assert error["field"].startswith("days.tue")
    else:
        assert error["field"].endswith(field)  # a path parameter's may read path.week_start
    assert client.get(f"/api/v1/athletes/{athlete}/season").json() == before


def test_without_a_season_a_week_change_is_404_naming_the_season(app):
    client, csrf = runner(app, "noseason@example.com")
    athlete = athlete_of(client, csrf)
    response = client.patch(
        f"/api/v1/athletes/{athlete}/season/weeks/2026-10-26", json={"cutback": True}, headers=csrf
    )
    assert response.status_code == 404 and response.json()["field"] == "season"


def test_access_owner_coach_other_runner_anonymous_and_csrf(app):
    owner, owner_csrf = runner(app, "owner@example.com")
    coach, coach_csrf = runner(app, "coach@example.com")
    other, other_csrf = runner(app, "other@example.com")
    anonymous = TestClient(app)
    athlete = athlete_of(owner, owner_csrf)
    owner.post(
        f"/api/v1/athletes/{athlete}/coaches",
        json={"email": "coach@example.com"},
        headers=owner_csrf,
    )
    url = f"/api/v1/athletes/{athlete}/season"
    week = f"{url}/weeks/2026-10-26"
    assert owner.post(url, json=MARATHON).status_code == 403  # no CSRF header
    assert other.post(url, json=MARATHON, headers=other_csrf).status_code == 404
    assert anonymous.post(url, json=MARATHON).status_code == 401
    assert owner.post(url, json=MARATHON, headers=owner_csrf).status_code == 201
    assert coach.get(url).status_code == 200
    assert coach.patch(week, json={"cutback": True}, headers=coach_csrf).status_code == 200
    assert coach.patch(week, json={"cutback": True}).status_code == 403
    for client, csrf in ((other, other_csrf),):
        assert client.get(url).status_code == 404
        assert client.patch(week, json={"no_gym": True}, headers=csrf).status_code == 404
    assert anonymous.get(url).status_code == 401
    assert anonymous.patch(week, json={"no_gym": True}).status_code == 401
    assert other.get("/api/v1/athletes/999999/season").status_code == 404
    weeks = owner.get(url).json()["weeks"]
    assert not any(w["no_gym"] for w in weeks)  # nothing the others tried was kept
    assert next(w for w in weeks if w["week_start"] == "2026-10-26")["cutback"]


def test_the_season_routes_are_documented_with_their_errors(app):
    paths = TestClient(app).get("/api/v1/openapi.json").json()["paths"]
    season = paths["/api/v1/athletes/{athlete_id}/season"]
    week = paths["/api/v1/athletes/{athlete_id}/season/weeks/{week_start}"]
    assert set(season["get"]["responses"]) >= {"200", "401", "404", "422"}
    assert set(season["post"]["responses"]) >= {"201", "400", "401", "403", "404", "422"}
    assert set(week["patch"]["responses"]) >= {"200", "400", "401", "403", "404", "422"}


def _page_csrf(client: TestClient, url: str) -> str:
    import re

    page = client.get(url)
    assert page.status_code == 200, page.text
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found
    return found.group(1)


def test_the_season_page_starts_a_season_and_changes_a_week_through_forms(app):
    client, csrf = runner(app, "pages@example.com")
    athlete = athlete_of(client, csrf)
    url = f"/athletes/{athlete}/season"
    token = _page_csrf(client, url)
    assert "Plan my season" in client.get(url).text
    form = {"csrf": token, "race_date": "2026-08-01", "distance_km": "42.2", "start": "2026-08-31"}
    refused = client.post(url, data={**form, "race_name": "Too Early"})
    assert refused.status_code == 400
    assert "race_date: 2026-08-01 is before the season starts" in refused.text
    assert 'value="Too Early"' in refused.text  # the form keeps what was typed
    assert client.post(url, data={**form, "csrf": "stale"}).status_code == 404
    assert client.get(f"/api/v1/athletes/{athlete}/season").status_code == 404
    done = client.post(
        url, data={**form, "race_date": "2027-01-17", "race_name": "Winter Marathon"},
        follow_redirects=False,
    )  # fmt: skip
    assert done.status_code == 303
    page = client.get(done.headers["location"]).text
    assert "season to Winter Marathon" in page and "Season planned" in page
    assert page.count('class="sweek') == 22 and page.count("cutback · deload") == 4
    week = {"csrf": token, "week_start": "2026-10-26", "was_cutback": "0", "was_no_gym": "0"}
    saved = client.post(
        f"{url}/week", data={**week, "no_gym": "1", "note": "work trip"}, follow_redirects=False
    )
    assert saved.status_code == 303 and saved.headers["location"].endswith("#w-2026-10-26")
    weeks = client.get(f"/api/v1/athletes/{athlete}/season").json()["weeks"]
    changed = next(w for w in weeks if w["week_start"] == "2026-10-26")
    assert changed["no_gym"] and changed["note"] == "work trip"
    assert changed["cutback"] is False  # left as the page showed it: nothing said of it
    outside = client.post(f"{url}/week", data={**week, "week_start": "2027-06-07", "cutback": "1"})
    assert outside.status_code == 400 and "is not in the season" in outside.text


def test_the_progress_page_embeds_its_chart_data_and_says_when_there_is_none(app):
    client, csrf = runner(app, "charts@example.com")
    athlete = athlete_of(client, csrf)
    url = f"/athletes/{athlete}/progress"
    empty = client.get(url).text
    assert "Log a strength session with its loads to see your e1RM here" in empty
    assert 'id="chart-e1rm"' not in empty and "uPlot.iife.min.js" in empty
    client.post(
        f"/api/v1/athletes/{athlete}/log/strength",
        json={"date": "2026-11-17", "sets": ["back_squat:3x5@80:rir2", "plank:2x30"]},
        headers=csrf,
    )
    client.post(
        f"/api/v1/athletes/{athlete}/log/runs",
        json={"date": "2026-11-18", "type": "easy", "minutes": 40, "distance_km": 7.2,
              "avg_hr": 142},
        headers=csrf,
    )  # fmt: skip
    page = client.get(url).text
    start = page.index('<script type="application/json" id="progress-data">')
    data = json.loads(page[page.index(">", start) + 1 : page.index("</script>", start)])
    assert [lift["name"] for lift in data["lifts"]] == ["Back squat"]  # no e1RM for a plank
    api = client.get(f"/api/v1/athletes/{athlete}/progress").json()
    value = round(api["lifts"][0]["e1rm"][0]["value"], 1)
    assert data["lifts"][0]["e1rm"] == [{"date": "2026-11-17", "value": value}]
    assert data["weeks"][0]["run_km"] == 7.2 and data["weeks"][0]["efficiency"] == 1.268
    assert data["weeks"][0]["strength_load"] == 1200 and data["warning"] is None
    assert f'aria-label="Estimated one-rep max: Back squat {value:g} kg on 2026-11-17.' in page
    assert "judged from 9 weeks on" in page
    other, _ = runner(app, "nosy@example.com")
    assert other.get(url).status_code == 404
    assert other.get(f"/athletes/{athlete}/season").status_code == 404
    assert TestClient(app).get(url, follow_redirects=False).headers["location"] == "/signin"
