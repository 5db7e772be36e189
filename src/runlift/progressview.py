"""`runlift progress` as text and JSON: each lift's trend and next time, and the running check."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from runlift.domain.runningcheck import BASELINE_WEEKS, RECENT_WEEKS, Verdict
from runlift.tracking.progress import LiftTrend, Progress, sparkline


def next_json(trend: LiftTrend) -> dict[str, Any] | None:
    """The "Next time" of a lift: the dose of its next planned session, with the date and the
    kind, or the step's target (`date` null) when the coming weeks do not plan the lift."""
    step, planned = trend.step, trend.planned
    if step is None:
        return None
    dose = step.target if planned is None else planned.item
    return {
        "action": step.action,
        "exercise": step.target.exercise_id,
        "sets": dose.sets,
        "reps": dose.reps,
        "load": dose.load,
        "why": step.reason,
        "date": None if planned is None else planned.date.isoformat(),
        "kind": None if planned is None else planned.kind.value,
    }


def next_text(trend: LiftTrend, unit: str) -> str:
    """The "Next time" cell, as `next_json` says it: 3 x 7 @ 72.5 kg on Tue 01 Dec (add reps)."""
    found = next_json(trend)
    if found is None:
        return ""
    load = f" @ {found['load']:g} {unit}" if found["load"] else ""
    text = f"{found['sets']} x {found['reps']}{load}"
    if found["exercise"] != trend.exercise_id:  # a climb: the rung's name when it is planned
        rung = found["exercise"] if trend.planned is None else trend.planned.item.name
        text = f"{rung}: {text}"
    when = "" if trend.planned is None else f" on {trend.planned.date:%a %d %b}"
    return f"{text}{when} ({found['action']})" + ("" if when else ", not in your plan")


def progress_json(report: Progress) -> dict[str, Any]:
    return {
        "athlete": report.profile.name,
        "lifts": [
            {
                "exercise": t.exercise_id,
                "e1rm": [{"date": d.isoformat(), "value": v} for d, v in t.series],
                "next": next_json(t),
            }
            for t in report.lifts
        ],
        "weeks": [
            {
                "week_start": w.week.isoformat(),
                "run_km": round(w.run_km, 1),
                "run_minutes": round(w.run_minutes),
                "run_load": round(w.run_load),
                "efficiency": w.efficiency,
                "vdot": w.vdot,
                "drift_pct": w.drift,
                "critical_speed_m_s": w.critical_speed,
                "critical_pace_s_per_km": None
                if w.critical_speed is None
                else round(1000 / w.critical_speed),
                "strength_load": round(w.strength_load),
                "strength_sessions": w.strength_sessions,
            }
            for w in report.weeks
        ],
        "warning": None
        if report.warning is None
        else {
            "rule": report.warning.rule,
            "title": report.warning.title,
            "text": report.warning.text,
            "evidence": list(report.warning.evidence),
            "lighter_plan": report.warning.lighter.text,
            "accept": "runlift progress --accept-lighter",
        },
        "running": running_json(report),
        "retest": report.retest,
    }


PAUSED = (
    "The lighter plan is in place (one set fewer a lift, no third heavy session), so the "
    "check is paused until you go back to normal."
)


def running_status(report: Progress) -> tuple[str, str, str]:
    """What the running check shows: status, title and text. While the lighter plan is in
    place a reassess answer is paused; every other answer still holds and is shown."""
    check = report.running
    if report.profile.row.lighter and check.verdict is Verdict.REASSESS:
        return "paused", "Lighter plan in place", PAUSED
    return check.verdict.value, check.title, check.text


def running_json(report: Progress) -> dict[str, Any]:
    """The answer to "is lifting costing my running?", whichever it is."""
    check = report.running
    status, title, text = running_status(report)
    return {
        "status": status,
        "title": title,
        "text": text,
        "weeks_logged": check.weeks_logged,
        "weeks_needed": BASELINE_WEEKS + RECENT_WEEKS,
        "judged": list(check.judged),
        "declines": [
            {
                "signal": d.signal.label,
                "before": round(d.before, 3),
                "now": round(d.now, 3),
                "change": round(d.change, 1),
                "change_in": "points" if d.signal.in_points else "percent",
                "margin": round(d.margin, 3),  # what the runner's own weeks vary by
                "weeks": [{"week_start": w.isoformat(), "value": v} for w, v in d.weeks],
                "text": d.text(),
            }
            for d in check.declines
        ],
        "strength_load_before": round(check.strength_before),
        "strength_load_now": round(check.strength_now),
        "look_at": list(check.look_at),
    }


def _per_km(speed: float) -> str:
    """A speed in m/s as a runner reads it: minutes and seconds a kilometre."""
    whole = round(1000 / speed)
    return f"{whole // 60}:{whole % 60:02d}/km"


def print_progress(console: Console, report: Progress) -> None:
    unit = report.profile.athlete.units.value
    console.print(Text(f"Progress - {report.profile.name}", style="bold"))
    lifts = Table(title="Estimated one-rep max by lift", title_justify="left", header_style="bold")
    for column in ("Lift", "Trend", "Latest", "Change", "Next time"):
        lifts.add_column(column)
    for t in report.lifts:
        values = [v for _, v in t.series]
        latest = f"{values[-1]:g} {unit}" if values else "-"
        change = (
            f"{(values[-1] / values[0] - 1) * 100:+.0f} %" if len(values) > 1 and values[0] else ""
        )
        lifts.add_row(t.name, sparkline(values[-24:]), latest, change, next_text(t, unit))
    console.print(lifts)
    weeks = report.weeks[-12:]
    running = Table(
        title="Running and strength, week by week (last 12)",
        title_justify="left",
        header_style="bold",
    )
    for column in ("Signal", "Trend", "Latest"):
        running.add_column(column)
    rows: list[tuple[str, Sequence[float | None], Callable[[float], str]]] = [
        ("run km", [w.run_km for w in weeks], "{:.0f}".format),
        ("pace per heartbeat (easy)", [w.efficiency for w in weeks], "{:.3f}".format),
        ("VDOT (races, trials)", [w.vdot for w in weeks], "{:.1f}".format),
        ("critical speed (best efforts)", [w.critical_speed for w in weeks], _per_km),
        ("drift on steady runs", [w.drift for w in weeks], "{:+.1f} %".format),
        ("session-RPE load", [w.run_load for w in weeks], "{:.0f}".format),
        ("strength load", [w.strength_load for w in weeks], "{:.0f}".format),
    ]
    for label, series, shown in rows:
        present = [v for v in series if v is not None]
        running.add_row(label, sparkline(series), shown(present[-1]) if present else "-")
    console.print(running)
    print_running(console, report)
    if report.retest:
        console.print(Text(report.retest, style="cyan"))


def print_running(console: Console, report: Progress) -> None:
    """The answer to "is lifting costing my running?": never silent, never "holds up" when a
    signal declined."""
    check, lighter = report.running, report.profile.row.lighter
    if report.warning is not None:
        w = report.warning
        console.print(Text(f"! {w.title}", style="bold yellow"))
        console.print(f"  {w.text}")
        for line in w.evidence:
            console.print(f"  - {line}")
        console.print(f"  {w.lighter.text}")
        console.print("  Accept it in one step: runlift progress --accept-lighter")
        console.print(Text(f"  (rule {w.rule})", style="dim"))
        return
    if lighter:
        console.print(
            "Lighter plan in place; `runlift progress --back-to-normal` when running is back."
        )
        if check.verdict is Verdict.REASSESS:
            return
    if check.verdict is Verdict.DECLINED_LIFTING_FLAT:
        console.print(Text(check.title, style="bold yellow"))
        console.print(f"  {check.text}")
        for decline in check.declines:
            console.print(f"  - {decline.text()}")
        console.print("  Worth a look:")
        for item in check.look_at:
            console.print(f"  - {item}")
    elif check.verdict is Verdict.HOLDS_UP:
        console.print(Text(check.text, style="green"))
    else:  # too few weeks, or nothing to judge the running by
        console.print(check.text)
