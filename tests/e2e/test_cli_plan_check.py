"""`runlift check` of the week `runlift plan` wrote says nothing new, end to end through files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.e2e.test_cli import DATA, runlift

PLANS = [DATA / "plans" / "taper-midweek-marathon.yaml", DATA / "plans" / "build-doubles.yaml"]


def _as_plan_file(source: Path, planned: dict, target: Path) -> None:
    """The source file with the plan's strength sessions written in, as a runner would."""
    data = yaml.safe_load(source.read_text())
    days = {}
    for day in planned["days"]:
        items = [dict(r) for r in day["runs"]]
        items += [
            {"strength": s["kind"], "start": s["start"], "minutes": s["minutes"]}
            for s in day["strength"]
        ]
        days[day["date"]] = items or "rest"
    data["week"] = {"start": planned["week_start"], "days": days}
    target.write_text(yaml.safe_dump(data, sort_keys=False))


@pytest.mark.parametrize("source", PLANS, ids=lambda p: p.stem)
def test_check_of_a_planned_week_reports_nothing_the_plan_did_not(source, tmp_path):
    planned = runlift("plan", str(source), "--format", "json")
    assert planned.returncode == 0, planned.stderr
    plan = json.loads(planned.stdout)
    assert plan["violations"] == []
    written = tmp_path / "planned.yaml"
    _as_plan_file(source, plan, written)
    checked = runlift("check", str(written), "--format", "json")
    assert checked.returncode == 0, checked.stderr
    result = json.loads(checked.stdout)
    said = {(w["rule"], w["date"]) for w in plan["warnings"]}
    found = {(w["rule"], w["date"]) for w in (*result["warnings"], *result["violations"])}
    assert found <= said


def test_the_marathon_week_is_gentle_from_race_week_on():
    plan = json.loads(runlift("plan", str(PLANS[0]), "--format", "json").stdout)
    for day in plan["days"]:
        assert {s["kind"] for s in day["strength"]} <= {"core", "pilates"}, day["date"]
        if day["date"] == "2026-12-02":
            assert day["strength"] == []
    assert not any(w["rule"] == "weekly-heavy-count" for w in plan["warnings"])


def test_doubles_put_heavy_work_between_the_runs():
    plan = json.loads(runlift("plan", str(PLANS[1]), "--format", "json").stdout)
    heavy = [
        (d["weekday"], s["start"])
        for d in plan["days"]
        for s in d["strength"]
        if s["kind"] == "heavy"
    ]
    assert heavy == [("tue", "13:30"), ("thu", "13:30")]
    assert not any(w["rule"] == "recovery-gap" for w in plan["warnings"])
