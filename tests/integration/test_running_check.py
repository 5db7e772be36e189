"""The running check never says "holds up" when a signal declined: with the strength load flat,
`progress` says what declined, by how much, that lifting is unlikely the cause and what else to
look at, the same in the CLI's text, its JSON, the API and the page. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date, timedelta
from io import StringIO

from fastapi.testclient import TestClient
from rich.console import Console

from runlift.progressview import print_progress, progress_json
from runlift.tracking import Store
from runlift.tracking.profiles import create_from_file
from runlift.tracking.progress import progress
from runlift.web.app import create_app
from tests.integration.test_api_season import PLAN

TODAY = date(2026, 11, 25)
FIRST_MONDAY = date(2026, 9, 14)  # nine weeks to the week of 9 November


def _weeks(decline: bool) -> list[tuple[str, dict]]:
    """Nine weeks of easy runs and one squat session at the same load every week; with
    `decline`, the last three weeks' easy runs take a higher heart rate at the same pace."""
    entries: list[tuple[str, dict]] = []
    for index in range(9):
        monday = FIRST_MONDAY + timedelta(weeks=index)
        heart = 152 + index - 6 if decline and index >= 6 else 142 + index % 2
        for day in (0, 2, 4):
            entries.append(
                ("runs", {"date": monday + timedelta(days=day), "type": "easy", "minutes": 40,
                          "distance_km": 7.2, "avg_hr": heart, "rpe": 3})
            )  # fmt: skip
        entries.append(
            ("strength", {"date": monday + timedelta(days=1), "sets": ["back_squat:3x6@70:rir2"]})
        )
    return entries


def _cli_store(db_url: str, decline: bool) -> Store:
    from runlift.tracking import logbook

    store = Store(db_url)
    create_from_file(store, "examples/build-intermediate.yaml", TODAY)
    for kind, body in _weeks(decline):
        if kind == "runs":
            entry = logbook.run_entry(
                body["date"], "easy", body["minutes"], body["distance_km"], body["avg_hr"], 3
            )
        else:
            entry = logbook.strength_entry(body["date"], "heavy", body["sets"], 45, False, None)
        logbook.add(store, None, entry)
    return store


def _text(store: Store) -> str:
    out = StringIO()
    print_progress(Console(file=out, width=200, no_color=True), progress(store, None, TODAY))
    return out.getvalue()


def test_a_decline_with_flat_lifting_is_never_called_holding_up_in_the_cli(db_url):
    store = _cli_store(db_url, decline=True)
    text = _text(store)
    assert "holds up" not in text.lower()
    assert "Your running has dipped, but lifting is unlikely to be the cause" in text
    assert "pace per heartbeat on easy runs" in text and "(down " in text
    assert "stayed about level (1,260 a week before, 1,260 a week" in text
    assert "Worth a look:" in text and "sleep" in text and "cutback week" in text
    assert "reassess-when-running-declines" not in text
    data = progress_json(progress(store, None, TODAY))
    assert data["warning"] is None
    running = data["running"]
    assert running["status"] == "declined_lifting_flat"
    assert running["strength_load_before"] == running["strength_load_now"] == 1260
    [decline] = running["declines"]
    assert decline["signal"] == "pace per heartbeat on easy runs"
    assert decline["change_in"] == "percent" and 4 < decline["change"] < 10
    assert [w["week_start"] for w in decline["weeks"]] == ["2026-10-26", "2026-11-02", "2026-11-09"]
    assert len(running["look_at"]) == 7
    store.engine.dispose()


def test_steady_running_with_flat_lifting_holds_up_and_names_what_it_read(db_url):
    store = _cli_store(db_url, decline=False)
    text = _text(store)
    assert "Running holds up: pace per heartbeat on easy runs stayed within your usual" in text
    running = progress_json(progress(store, None, TODAY))["running"]
    assert running["status"] == "holds_up" and running["declines"] == []
    assert running["judged"] == ["pace per heartbeat on easy runs"]
    store.engine.dispose()


def test_the_api_and_the_page_show_the_same_answer(db_url):
    app = create_app(db_url, fast_hashing=True)
    client = TestClient(app)
    signed = client.post(
        "/api/v1/signup", json={"email": "dip@example.com", "password": "long enough pw"}
    )
    assert signed.status_code == 201, signed.text
    headers = {"X-CSRF-Token": signed.json()["csrf"]}
    athlete = client.post("/api/v1/athletes", json=PLAN, headers=headers).json()["id"]
    for kind, body in _weeks(decline=True):
        body = {**body, "date": body["date"].isoformat()}
        answer = client.post(f"/api/v1/athletes/{athlete}/log/{kind}", json=body, headers=headers)
        assert answer.status_code == 201, answer.text
    api = client.get(f"/api/v1/athletes/{athlete}/progress").json()
    assert api["warning"] is None and api["running"]["status"] == "declined_lifting_flat"
    page = client.get(f"/athletes/{athlete}/progress").text
    assert "holds up" not in page.lower()
    assert 'class="dipped"' in page and api["running"]["title"] in page
    assert api["running"]["declines"][0]["text"] in page
    for item in api["running"]["look_at"]:
        assert item in page
    start = page.index('<script type="application/json" id="progress-data">')
    data = json.loads(page[page.index(">", start) + 1 : page.index("</script>", start)])
    assert data["running"] == api["running"]
