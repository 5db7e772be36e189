"""The season and progress pages in a real headless Chromium, at a phone and a desktop width:
start a season on the page and read its phases, change a week, log a strength session and
find its e1RM on the chart, and read a reassess warning marked on the running chart."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from runlift.services import local_today
from runlift.tracking import monday_of
from tests.e2e.conftest import SHOTS, VIEWPORTS, no_sideways_scroll

ROOT = Path(__file__).resolve().parents[2]
PLAN = json.loads(
    json.dumps(
        yaml.safe_load((ROOT / "examples" / "build-intermediate.yaml").read_text()), default=str
    )
)


def _until(page, url: str, check) -> None:
    """Wait until a GET of `url` answers 200 with JSON that passes `check`. The API commits a
    request's transaction only after its answer is sent (see the report on deps.Conn), so
    a request made right after another may not see its writes yet."""
    for _ in range(100):
        answer = page.request.get(url)
        if answer.status == 200 and check(answer.json()):
            return
        time.sleep(0.05)
    raise AssertionError(f"{url} never showed the change")


def _runner(browser, server: str, email: str, viewport: str):
    """A signed-in page with an athlete set up through the API; returns (page, id, headers)."""
    page = browser.new_page(viewport=VIEWPORTS[viewport])
    signed = page.request.post(
        server + "/api/v1/signup", data={"email": email, "password": "a long enough password"}
    )
    assert signed.status == 201, signed.text()
    headers = {"X-CSRF-Token": signed.json()["csrf"]}
    _until(page, server + "/api/v1/me", lambda me: True)
    created = page.request.post(server + "/api/v1/athletes", data=PLAN, headers=headers)
    assert created.status == 201, created.text()
    athlete = created.json()["id"]
    _until(page, f"{server}/api/v1/athletes/{athlete}", lambda row: True)
    return page, athlete, headers


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_runner_starts_a_season_on_the_page_and_changes_a_week(server, browser, viewport):
    page, athlete, _ = _runner(browser, server, f"season-{viewport}@example.com", viewport)
    page.goto(f"{server}/athletes/{athlete}/season")
    assert page.locator("h1").inner_text().endswith("plan a season")
    race = local_today() + timedelta(weeks=20)
    page.fill("input[name=race_date]", race.isoformat())
    page.fill("input[name=distance_km]", "42.2")
    page.fill("input[name=race_name]", "Spring Marathon")
    page.click("text=Plan my season")
    page.wait_for_url("**/season?notice=*")
    assert "Spring Marathon" in page.locator("h1").inner_text()
    phases = page.locator(".phaselist li").all_inner_texts()
    assert [p.split(",")[0] for p in phases] == ["Base", "Build", "Peak", "Taper", "Recovery"]
    weeks = page.locator("li.sweek")
    assert weeks.count() == 21 + 2  # this week to the race week, and two weeks of recovery
    now = page.locator("li.sweek.now")
    assert now.count() == 1 and now.get_attribute("aria-current") == "date"
    assert "this week" in now.inner_text()
    assert "race" in page.locator("li.sweek", has=page.locator(".mark.race")).inner_text()
    assert page.locator("li.sweek .mark.cutback").count() >= 3
    assert "Heavy: 2" in weeks.nth(1).inner_text()
    no_sideways_scroll(page, viewport)
    # the second week becomes a trip: no gym, with a note
    second = weeks.nth(1)
    second.locator("summary", has_text="Change this week").click()
    second.locator("input[name=no_gym]").check()
    second.locator("input[name=note]").fill("work trip")
    second.locator("text=Save this week").click()
    page.wait_for_url("**/season?notice=*")
    assert "Saved the week" in page.locator(".notice").inner_text()
    second = page.locator("li.sweek").nth(1)
    assert "no gym" in second.locator(".whead").inner_text()
    assert "work trip" in second.inner_text()
    assert page.locator("li.sweek .mark.nogym").count() == 1
    no_sideways_scroll(page, viewport)
    page.screenshot(path=str(SHOTS / f"season-{viewport}.png"), full_page=True)
    page.close()


def _e1rm_points(page) -> list[list[float | None]]:
    return page.evaluate("window.runliftCharts.e1rm.data")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_logged_session_appears_on_the_e1rm_chart(server, browser, viewport):
    page, athlete, headers = _runner(browser, server, f"lift-{viewport}@example.com", viewport)
    page.goto(f"{server}/athletes/{athlete}/progress")
    assert "Log a strength session" in page.locator("#e1rm .empty").inner_text()
    assert page.locator("#chart-e1rm").count() == 0
    no_sideways_scroll(page, viewport)
    yesterday = local_today() - timedelta(days=1)
    logged = page.request.post(
        f"{server}/api/v1/athletes/{athlete}/log/strength",
        data={"date": yesterday.isoformat(), "sets": ["back_squat:3x5@80:rir2"]},
        headers=headers,
    )
    assert logged.status == 201, logged.text()
    _until(page, f"{server}/api/v1/athletes/{athlete}/progress", lambda p: p["lifts"])
    page.reload()
    page.wait_for_selector("#chart-e1rm canvas")
    embedded = json.loads(page.locator("#progress-data").text_content())
    [squat] = embedded["lifts"]
    assert squat["name"] == "Back squat" and squat["e1rm"][0]["date"] == yesterday.isoformat()
    api = page.request.get(f"{server}/api/v1/athletes/{athlete}/progress").json()
    value = round(api["lifts"][0]["e1rm"][0]["value"], 1)
    assert squat["e1rm"][0]["value"] == value
    assert _e1rm_points(page)[1] == [value]  # the chart's one series holds the logged e1RM
    assert page.evaluate("window.runliftCharts.e1rm.series[1].label") == "Back squat"
    box = page.locator("#chart-e1rm canvas").bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 150
    table = page.locator("#e1rm details.numbers")
    table.locator("summary").click()
    assert f"{value}" in table.locator("table").inner_text()
    assert "Back squat" in page.locator("#chart-e1rm").get_attribute("aria-label")
    no_sideways_scroll(page, viewport)
    page.screenshot(path=str(SHOTS / f"progress-first-{viewport}.png"), full_page=True)
    page.close()


def _drifting_log(
    page, server: str, athlete: int, headers: dict[str, str], lifting_rises: bool = True
) -> None:
    """Nine weeks to last week: easy runs at a rising heart rate in the last three while the
    squat goes from one session a week to two, heavier (the reassess rule fires); without
    `lifting_rises`, the strength sessions stay the same all nine weeks."""
    last = monday_of(local_today()) - timedelta(weeks=1)
    for index in range(9):
        monday = last - timedelta(weeks=8 - index)
        late = index >= 6
        recent = late and lifting_rises
        heart = 150 + index - 6 if late else 142 + index % 2
        entries = [
            ("runs", {"date": monday + timedelta(days=1), "type": "hills", "minutes": 60,
                      "distance_km": 11, "rpe": 7}),
            ("runs", {"date": monday + timedelta(days=2), "type": "easy", "minutes": 40,
                      "distance_km": 7.2, "avg_hr": heart, "rpe": 3}),
            ("runs", {"date": monday + timedelta(days=6), "type": "long", "minutes": 100,
                      "distance_km": 18 + index * 0.5, "rpe": 5}),
            ("strength", {"date": monday + timedelta(days=1),
                          "sets": ["back_squat:3x8@80:rir2" if recent else "back_squat:3x6@70:rir2",
                                   "deadlift:3x6@90:rir2"]}),
        ]  # fmt: skip
        if recent:
            entries.append(
                (
                    "strength",
                    {"date": monday + timedelta(days=3), "sets": ["back_squat:3x8@80:rir1"]},
                )
            )
        for kind, body in entries:
            body = {**body, "date": body["date"].isoformat()}
            answer = page.request.post(
                f"{server}/api/v1/athletes/{athlete}/log/{kind}", data=body, headers=headers
            )
            assert answer.status == 201, answer.text()
    _until(
        page,
        f"{server}/api/v1/athletes/{athlete}/progress",
        lambda p: len(p["weeks"]) == 9 and p["weeks"][-1]["strength_sessions"] == 1 + recent,
    )


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_reassess_warning_is_marked_on_the_running_chart(server, browser, viewport):
    page, athlete, headers = _runner(browser, server, f"drift-{viewport}@example.com", viewport)
    _drifting_log(page, server, athlete, headers)
    page.goto(f"{server}/athletes/{athlete}/progress")
    page.wait_for_selector("#chart-running canvas")
    page.wait_for_selector("#chart-volume canvas")
    data = json.loads(page.locator("#progress-data").text_content())
    warning = data["warning"]
    assert warning["rule"] == "reassess-when-running-declines" and len(warning["weeks"]) == 3
    shown = page.locator(".reassess")
    assert "reassess-when-running-declines" in shown.inner_text()
    assert warning["text"] in shown.inner_text()
    marked = page.locator("#chart-running .uplot").get_attribute("data-flagged")
    assert marked.split(",") == warning["weeks"]
    label = page.locator("#chart-running").get_attribute("aria-label")
    assert "Warning: your running has dipped while your lifting rose, on the weeks of" in label
    assert shown.inner_text().index(warning["title"]) < shown.inner_text().index(warning["rule"])
    volume = page.evaluate("window.runliftCharts.volume.data")
    assert volume[1] == [w["run_km"] for w in data["weeks"]]
    assert volume[2] == [w["strength_load"] for w in data["weeks"]]
    assert len(page.evaluate("window.runliftCharts.e1rm.series")) == 1 + 2  # squat, deadlift
    no_sideways_scroll(page, viewport)
    page.screenshot(path=str(SHOTS / f"progress-{viewport}.png"), full_page=True)
    page.locator(".reassess").screenshot(path=str(SHOTS / f"progress-warning-{viewport}.png"))
    if page.locator("button.lighter-action").count():  # once POST .../progress/lighter exists
        with page.expect_navigation():  # the page reloads once the answer is in
            page.click("text=Accept the lighter plan")
        _until(page, f"{server}/api/v1/athletes/{athlete}", lambda row: row["lighter"])
        page.goto(f"{server}/athletes/{athlete}/progress")
        assert "The lighter plan is in place" in page.locator("#running").inner_text()
        assert page.locator(".reassess").count() == 0
        with page.expect_navigation():
            page.click("text=Back to the normal plan")
        _until(page, f"{server}/api/v1/athletes/{athlete}", lambda row: not row["lighter"])
    page.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_dip_with_flat_lifting_says_what_dipped_and_what_else_to_look_at(
    server, browser, viewport
):
    page, athlete, headers = _runner(browser, server, f"dip-{viewport}@example.com", viewport)
    _drifting_log(page, server, athlete, headers, lifting_rises=False)
    page.goto(f"{server}/athletes/{athlete}/progress")
    page.wait_for_selector("#chart-running canvas")
    data = json.loads(page.locator("#progress-data").text_content())
    assert data["warning"] is None and data["running"]["status"] == "declined_lifting_flat"
    running = page.locator("#running").inner_text()
    assert "holds up" not in running.lower()
    shown = page.locator(".dipped")
    assert data["running"]["title"] in shown.inner_text()
    assert "pace per heartbeat on easy runs" in shown.inner_text()
    assert "sleep" in shown.inner_text() and page.locator(".reassess").count() == 0
    no_sideways_scroll(page, viewport)
    page.screenshot(path=str(SHOTS / f"progress-dip-{viewport}.png"), full_page=True)
    page.locator("#running").screenshot(path=str(SHOTS / f"progress-dip-running-{viewport}.png"))
    page.close()
