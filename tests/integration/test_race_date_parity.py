"""The race date of a recovery phase: `runlift athlete set --race-date` and `PATCH
/api/v1/athletes/{id}` with `race_date` accept and refuse the same days, the command line with
exit 2 and one line naming the option, the API with one 4xx naming the field. The bounds are
counted from today (the runner's clock), so the cases are too. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from runlift.cli import main
from runlift.services import local_today
from runlift.tracking.races import RECOVERY_RACE_WEEKS
from runlift.web.app import create_app
from tests.integration.test_api_parity import PLAN, Runner

DAYS = {  # what a runner might type, and whether it is taken
    "today": (0, True),
    "tomorrow (a day's grace for time zones)": (1, True),
    "the day after tomorrow": (2, False),
    "8 weeks ago": (-7 * RECOVERY_RACE_WEEKS, True),
    "8 weeks and a day ago": (-7 * RECOVERY_RACE_WEEKS - 1, False),
    "a year ago": (-365, False),
}
TEXTS = ["2026-02-30", "20261129", "29/11/2026", "yesterday", ""]


def cases() -> list[tuple[str, bool]]:
    today = local_today()
    out = [((today + timedelta(days=d)).isoformat(), ok) for d, ok in DAYS.values()]
    return out + [(text, False) for text in TEXTS]


def cli(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as done:
        main(list(args))
    captured = capsys.readouterr()
    return int(done.value.code or 0), captured.out, captured.err


def test_the_cli_and_the_api_take_and_refuse_the_same_race_dates(db_url, capsys):
    assert (
        cli(capsys, "athlete", "create", "examples/build-intermediate.yaml", "--db", db_url)[0] == 0
    )
    app = create_app(db_url, fast_hashing=True)
    owner = Runner(app, "recovering@example.com")
    created = owner.send("POST", "/api/v1/athletes", PLAN)
    base = f"/api/v1/athletes/{created.json()['id']}"
    for value, taken in cases():
        code, out, err = cli(capsys, "athlete", "set", "--race-date", value, "--db", db_url)
        answer = owner.send("PATCH", base, {"race_date": value})
        shown = json.loads(cli(capsys, "athlete", "show", "--format", "json", "--db", db_url)[1])
        if taken:
            assert (code, err) == (0, ""), (value, err)
            assert answer.status_code == 200, (value, answer.text)
            assert answer.json()["race_date"] == value == shown["race_date"]
            continue
        assert code == 2, (value, out)
        assert len(err.strip().splitlines()) == 1 and "--race-date" in err, (value, err)
        assert answer.status_code in (400, 422), (value, answer.text)
        assert answer.json()["field"] == "race_date", (value, answer.text)
        assert set(answer.json()) == {"error", "field"}
        assert owner.get(base).json()["race_date"] == shown["race_date"]  # nothing changed


def test_null_and_none_forget_the_race_date(db_url, capsys):
    day = (local_today() - timedelta(days=3)).isoformat()
    cli(capsys, "athlete", "create", "examples/build-intermediate.yaml", "--db", db_url)
    assert cli(capsys, "athlete", "set", "--race-date", day, "--db", db_url)[0] == 0
    assert cli(capsys, "athlete", "set", "--race-date", "none", "--db", db_url)[0] == 0
    shown = json.loads(cli(capsys, "athlete", "show", "--format", "json", "--db", db_url)[1])
    assert shown["race_date"] is None
    app = create_app(db_url, fast_hashing=True)
    owner = Runner(app, "recovering@example.com")
    base = f"/api/v1/athletes/{owner.send('POST', '/api/v1/athletes', PLAN).json()['id']}"
    assert owner.send("PATCH", base, {"race_date": day}).json()["race_date"] == day
    assert owner.send("PATCH", base, {"race_date": None}).json()["race_date"] is None


def test_a_recovery_week_without_a_race_asks_for_it_on_every_edge(db_url, capsys):
    db = ("--db", db_url)
    cli(capsys, "athlete", "create", "examples/build-intermediate.yaml", *db)
    code, out, _ = cli(capsys, "athlete", "set", "--phase", "recovery", *db)
    assert code == 0 and "When was your race?" in out and "--race-date" in out
    _, out, _ = cli(capsys, "week", *db)
    assert "When was your race?" in out and "Note: General guidance" in out
    assert "phase-dose" in out.split("Warnings (soft rules)")[1]  # the planner says why
    week = json.loads(cli(capsys, "week", "--format", "json", *db)[1])
    assert [w["rule"] for w in week["warnings"]] == ["phase-dose"] and week["notes"]
    day = (local_today() - timedelta(days=2)).isoformat()
    code, out, _ = cli(capsys, "athlete", "set", "--race-date", day, *db)
    assert code == 0 and "When was your race?" not in out
    _, out, _ = cli(capsys, "week", *db)
    assert "When was your race?" not in out and "Warnings" not in out
    assert f"race day (for recovery): {day}" in cli(capsys, "athlete", "show", *db)[1]


def test_the_api_documents_race_date(db_url):
    document = TestClient(create_app(db_url, fast_hashing=True)).get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    assert "race_date" in schemas["AthleteChange"]["properties"]
    assert "race_date" in schemas["AthleteOut"]["properties"]
