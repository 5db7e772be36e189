"""Plans and checks as the JSON of contract.md ("Output: --format json")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from runlift.domain.library import Exercise
from runlift.domain.model import Day, Prescription, Run, StrengthSession, Week, format_clock
from runlift.domain.rules import DatedVerdict, Verdict


def run_json(run: Run) -> dict[str, Any]:
    out: dict[str, Any] = {
        "run": run.type.value,
        "start": format_clock(run.start),
        "minutes": run.minutes,
    }
    if not run.start_given:
        out["start_assumed"] = True
    if run.distance_km is not None:
        out["distance_km"] = run.distance_km
    if run.note is not None:
        out["note"] = run.note
    if run.goal:
        out["goal"] = True
    return out


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def exercise_json(item: Prescription) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": item.exercise_id,
        "name": item.name,
        "pattern": item.pattern,
        "sets": item.sets,
    }
    if item.seconds is not None:
        out["seconds"] = item.seconds
    else:
        out["reps"] = item.reps
    out["load"] = None if item.load is None else _number(item.load)
    out["unit"] = item.unit
    if item.percent_1rm is not None:
        out["percent_1rm"] = _number(item.percent_1rm)
    elif item.reps_in_reserve is not None:
        out["reps_in_reserve"] = item.reps_in_reserve
    elif item.pattern == "plyometric":
        out["intent"] = "explosive"
    if item.tempo is not None:
        out["tempo"] = {
            "lower_seconds": item.tempo.lower_seconds,
            "pause_seconds": item.tempo.pause_seconds,
            "lift_seconds": item.tempo.lift_seconds,
        }
    out["rest_seconds"] = item.rest_seconds
    if item.warm_up_sets:
        out["warm_up_sets"] = item.warm_up_sets
    if item.unilateral:
        out["per_side"] = True
    if item.implements:
        out["implements"] = item.implements
    if item.one_rep_max is not None:
        out["one_rep_max"] = _number(item.one_rep_max)
        out["one_rep_max_source"] = item.one_rep_max_source
    if item.progression is not None:
        out["progression"] = item.progression
    return out


def session_json(session: StrengthSession) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": session.kind.value,
        "start": format_clock(session.start),
        "minutes": session.minutes,
        "fixed": session.fixed,
        "exercises": [exercise_json(x) for x in session.exercises],
    }
    if session.deload:
        out["deload"] = True
    return out


def reason_json(verdict: Verdict) -> dict[str, Any]:
    return {"rule": verdict.rule, "ok": verdict.ok, "hard": verdict.hard, "text": verdict.text}


def day_json(day: Day, reasons: Sequence[Verdict]) -> dict[str, Any]:
    return {
        "date": day.date.isoformat(),
        "weekday": day.weekday,
        "day_type": day.day_type.value,
        "runs": [run_json(r) for r in day.runs],
        "strength": [session_json(s) for s in day.strength],
        "reasons": [reason_json(v) for v in reasons],
    }


def finding_json(week: Week, dated: DatedVerdict) -> dict[str, Any]:
    return {
        "rule": dated.verdict.rule,
        "date": week.date_of(dated.day).isoformat(),
        "text": dated.verdict.text,
    }


def week_json(
    week: Week,
    reasons: Sequence[Sequence[Verdict]],
    violations: Sequence[DatedVerdict],
    warnings: Sequence[DatedVerdict],
    notes: Sequence[str] = (),
) -> dict[str, Any]:
    return {
        "week_start": week.start.isoformat(),
        "days": [day_json(d, r) for d, r in zip(week.days, reasons, strict=True)],
        "violations": [finding_json(week, v) for v in violations],
        "warnings": [finding_json(week, w) for w in warnings],
        "notes": list(notes),
    }


def library_json(exercise: Exercise) -> dict[str, Any]:
    return {
        "id": exercise.id,
        "name": exercise.name,
        "pattern": exercise.pattern,
        "equipment_options": [sorted(option) for option in exercise.equipment],
        "level": exercise.level,
        "loaded": exercise.loaded,
        "unilateral": exercise.unilateral,
        "timed": exercise.timed,
        "kinds": sorted(k.value for k in exercise.kinds),
        "cues": list(exercise.cues),
    }
