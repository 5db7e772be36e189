"""A rep test stopped with reps left keeps them, through the whole path: the real `runlift`
process (`athlete test`, `estimate-1rm`) and the HTTP API accept and refuse the same reps in
reserve with the same words, and the estimate counts them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from runlift.web.app import create_app
from tests.integration.test_api_season import PLAN

ROOT = Path(__file__).resolve().parents[2]
# (reps, reps in reserve): 0-5 left is allowed, and reps plus those left at most 20.
ACCEPTED = [(10, 0), (10, 2), (12, 5), (15, 5)]
REFUSED = [(10, 6), (10, -1), (18, 3)]


@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    env = {"RUNLIFT_DATABASE_URL": f"sqlite:///{folder / 'runlift.db'}", "PATH": "/usr/bin:/bin",
           "HOME": str(folder)}  # fmt: skip

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "runlift", *args],
            capture_output=True, text=True, cwd=ROOT, timeout=60, env=env,
        )  # fmt: skip

    assert run("athlete", "create", "examples/build-intermediate.yaml").returncode == 0
    return run


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'runlift.db'}"
    client = TestClient(create_app(url, fast_hashing=True))
    signed = client.post(
        "/api/v1/signup", json={"email": "r@example.com", "password": "long enough pw"}
    )
    headers = {"X-CSRF-Token": signed.json()["csrf"]}
    athlete = client.post("/api/v1/athletes", json=PLAN, headers=headers).json()["id"]
    return client, headers, f"/api/v1/athletes/{athlete}"


def _cli_test(cli, reps: int, spare: int) -> subprocess.CompletedProcess[str]:
    return cli("athlete", "test", "--exercise", "goblet_squat", "--load", "20",
               "--reps", str(reps), "--reps-in-reserve", str(spare))  # fmt: skip


def _cli_estimate(cli, reps: int, spare: int) -> subprocess.CompletedProcess[str]:
    return cli("estimate-1rm", "--load", "20", "--reps", str(reps),
               "--reps-in-reserve", str(spare), "--format", "json")  # fmt: skip


@pytest.mark.parametrize(("reps", "spare"), REFUSED)
def test_the_cli_and_the_api_refuse_the_same_reps_in_reserve_with_the_same_words(
    cli, api, reps, spare
):
    client, headers, base = api
    for result in (_cli_test(cli, reps, spare), _cli_estimate(cli, reps, spare)):
        assert result.returncode == 2, result.stdout
        assert result.stderr.startswith("runlift: error: --reps-in-reserve: ")
    said = _cli_test(cli, reps, spare).stderr.strip().split("--reps-in-reserve: ", 1)[1]
    body = {"exercise": "goblet_squat", "load": 20, "reps": reps, "reps_in_reserve": spare}
    for answer in (
        client.post(f"{base}/tests", json=body, headers=headers),
        client.post(
            "/api/v1/estimate-1rm", json={"load": 20, "reps": reps, "reps_in_reserve": spare}
        ),
    ):
        assert answer.status_code == 400, answer.text
        assert answer.json() == {"error": f"reps_in_reserve: {said}", "field": "reps_in_reserve"}
    if spare > 5:
        assert "past 5 nobody judges them well" in said  # the limit says why


@pytest.mark.parametrize(("reps", "spare"), ACCEPTED)
def test_the_cli_and_the_api_accept_the_same_reps_in_reserve_and_estimate_alike(
    cli, api, reps, spare
):
    client, headers, base = api
    recorded = _cli_test(cli, reps, spare)
    assert recorded.returncode == 0, recorded.stderr
    body = {"exercise": "goblet_squat", "load": 20, "reps": reps, "reps_in_reserve": spare}
    answer = client.post(f"{base}/tests", json=body, headers=headers)
    assert answer.status_code == 201, answer.text
    assert answer.json()["reps_in_reserve"] == spare
    by_cli = json.loads(_cli_estimate(cli, reps, spare).stdout)
    by_api = client.post(
        "/api/v1/estimate-1rm", json={"load": 20, "reps": reps, "reps_in_reserve": spare}
    ).json()
    assert by_api["estimates"] == [
        {"formula": by_cli["formula"], "name": by_cli["name"], "one_rep_max": by_cli["one_rep_max"]}
    ]
    assert by_api["rough"] == by_cli["rough"] and by_api["reps_in_reserve"] == spare


def test_a_novice_style_test_is_stored_with_its_reps_left_and_estimated_from_them(cli):
    assert _cli_test(cli, 10, 2).returncode == 0
    shown = cli("athlete", "show", "--format", "json")
    tests = json.loads(shown.stdout)["tests"]
    assert tests[-1] | {"tested_on": None} == {
        "exercise": "goblet_squat", "tested_on": None, "load": 20.0, "reps": 10,
        "reps_in_reserve": 2,
    }  # fmt: skip
    assert "goblet_squat: 20 kg (10-rep test with 2 in reserve" in cli("athlete", "show").stdout
    estimate = json.loads(_cli_estimate(cli, 10, 2).stdout)
    assert (estimate["formula"], estimate["one_rep_max"]) == ("rpe_chart", 29.4)  # 20 / 68 %
