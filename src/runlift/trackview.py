"""Text and JSON for the commands that remember (athlete, season, week, progress)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from runlift.domain.model import LOADED_KINDS, StrengthKind, format_clock
from runlift.domain.runningcheck import BASELINE_WEEKS, RECENT_WEEKS, Verdict
from runlift.render import day_json, finding_json
from runlift.textview import findings
from runlift.tracking import Profile
from runlift.tracking.progress import LiftTrend, Progress, sparkline
from runlift.tracking.seasons import SeasonView, WeekView


def athlete_json(prof: Profile) -> dict[str, Any]:
    return {
        "id": prof.id,
        **{k: v for k, v in prof.row.fields.items() if v is not None},
        "lighter": prof.row.lighter,
        "race_date": None if prof.row.race_date is None else prof.row.race_date.isoformat(),
        "typical_week": prof.row.typical_week,
        "tests": [
            {
                "exercise": m.exercise_id,
                "tested_on": m.tested_on.isoformat(),
                "load": m.load,
                "reps": m.reps,
                "reps_in_reserve": m.reps_in_reserve,
            }
            for m in prof.maxes
        ],
    }


def print_athlete(console: Console, prof: Profile) -> None:
    a = prof.athlete
    console.print(Text(f"{a.name}", style="bold"))
    console.print(f"  {a.experience.value}, {a.phase.value} phase, {a.units.value}")
    console.print(f"  equipment: {', '.join(sorted(a.equipment)) or 'body weight only'}")
    if a.heavy_sessions is not None:
        console.print(f"  heavy sessions a week: {a.heavy_sessions}")
    if prof.row.lighter:
        console.print("  lighter plan accepted (one set fewer a lift, no third session)")
    if prof.row.race_date is not None:
        console.print(f"  race day (for recovery): {prof.row.race_date}")
    for m in prof.maxes:
        kind = "one-rep max" if m.is_max else f"{m.reps}-rep test"
        if m.reps_in_reserve:
            kind += f" with {m.reps_in_reserve} in reserve"
        console.print(f"  {m.exercise_id}: {m.load:g} {a.units.value} ({kind}, {m.tested_on})")
    days = ", ".join(
        f"{k}: {'rest' if v == 'rest' else len(v)}" for k, v in prof.row.typical_week.items()
    )
    console.print(f"  typical week: {days}")


def _heavy(plan: Any) -> int:
    return sum(1 for d in plan.week.days for s in d.strength if s.kind in LOADED_KINDS)


def _key_runs(plan: Any) -> str:
    quality = [
        f"{d.weekday[:2]} {r.type.value}" for d in plan.week.days for r in d.runs if r.is_quality
    ]
    return ", ".join(quality) or "easy running"


def season_json(view: SeasonView) -> dict[str, Any]:
    return {
        "athlete": view.profile.name,
        "race": {
            "date": view.race.date.isoformat(),
            "distance_km": view.distance_km,
            "name": view.race.name,
        },
        "weeks": [
            {
                "week_start": w.start.isoformat(),
                "phase": w.phase.value,
                "cutback": w.cutback,
                "deload": w.deload,
                "no_gym": w.no_gym,
                "race": w.race is not None,
                "loaded_sessions": _heavy(p),
                "key_runs": _key_runs(p),
                "warnings": [
                    {
                        "rule": d.verdict.rule,
                        "date": p.week.date_of(d.day).isoformat(),
                        "text": d.verdict.text,
                    }
                    for d in p.warnings
                ],
            }
            for w, p in zip(view.season.weeks, view.season.plans, strict=True)
        ],
    }


def print_season(console: Console, view: SeasonView) -> None:
    race = view.race
    name = race.name or "the goal race"
    title = f"Season to {name} on {race.date:%a %d %b %Y} ({view.distance_km:g} km)"
    table = Table(title=title, title_justify="left", title_style="bold", header_style="bold")
    for column in ("Week of", "Phase", "Key runs", "Heavy", "Marks"):
        table.add_column(column)
    for week, plan in zip(view.season.weeks, view.season.plans, strict=True):
        marks = []
        if week.cutback:
            marks.append("cutback + strength deload")
        if week.no_gym:
            marks.append("no gym")
        if week.race is not None:
            marks.append("RACE")
        if plan.warnings:
            marks.append(f"{len(plan.warnings)} warning(s)")
        table.add_row(
            f"{week.start:%d %b}",
            week.phase.value,
            _key_runs(plan),
            str(_heavy(plan)),
            ", ".join(marks),
        )
    console.print(table)
    console.print(
        Text(
            "`runlift week --date YYYY-MM-DD` shows any week in full, with its sessions.",
            style="dim",
        )
    )


def week_view_json(view: WeekView) -> dict[str, Any]:
    plan = view.plan
    return {
        "athlete": view.profile.name,
        "planned_from": view.phase_source,
        "week_start": plan.week.start.isoformat(),
        "planned": [day_json(d, r) for d, r in zip(plan.week.days, plan.reasons, strict=True)],
        "warnings": [finding_json(plan.week, w) for w in plan.warnings],
        "notes": list(plan.notes),
        "done": {
            "strength": [
                {
                    "id": s.id,
                    "date": s.date.isoformat(),
                    "kind": s.kind.value,
                    "skipped": s.skipped,
                    "sets": sum(len(x.sets) for x in s.exercises),
                }
                for s in view.strength
            ],
            "runs": [
                {
                    "id": r.id,
                    "date": r.date.isoformat(),
                    "type": r.type.value,
                    "minutes": r.minutes,
                    "distance_km": r.distance_km,
                }
                for r in view.runs
            ],
        },
    }


def print_week_view(console: Console, view: WeekView) -> None:
    plan = view.plan
    console.print(
        Text(
            f"{view.profile.name}: week of {plan.week.start:%a %d %b %Y}, from {view.phase_source}",
            style="bold",
        )
    )
    table = Table(header_style="bold")
    for column in ("Day", "Planned runs", "Planned strength", "Done"):
        table.add_column(column)
    for day in plan.week.days:
        planned_runs = "\n".join(f"{r.type.value} {r.minutes} min" for r in day.runs) or "rest"
        planned_strength = (
            "\n".join(
                f"{s.kind.value} {format_clock(s.start)}, {s.minutes} min" for s in day.strength
            )
            or "-"
        )
        done = [f"run: {r.type.value} {r.minutes:g} min" for r in view.runs if r.date == day.date]
        done += [
            f"{s.kind.value}: "
            + ("skipped" if s.skipped else f"{sum(len(x.sets) for x in s.exercises)} sets")
            for s in view.strength
            if s.date == day.date
        ]
        table.add_row(
            f"{day.date:%a %d %b}", planned_runs, planned_strength, "\n".join(done) or "-"
        )
    console.print(table)
    heavy_planned = sum(
        1 for d in plan.week.days for s in d.strength if s.kind is StrengthKind.HEAVY
    )
    heavy_done = sum(1 for s in view.strength if s.kind is StrengthKind.HEAVY and not s.skipped)
    console.print(f"Heavy sessions: {heavy_done} done of {heavy_planned} planned.")
    warnings = findings("Warnings (soft rules)", plan.week, plan.warnings, "yellow")
    if warnings is not None:
        console.print(warnings)
    for note in plan.notes:
        console.print(Text(f"Note: {note}", style="dim"))


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
