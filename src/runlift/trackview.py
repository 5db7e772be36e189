"""Text and JSON for the commands that remember (athlete, season, week, progress)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from runlift.domain.model import LOADED_KINDS, StrengthKind, format_clock
from runlift.render import day_json, finding_json
from runlift.textview import findings
from runlift.tracking import Profile
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
