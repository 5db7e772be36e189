"""`runlift test-protocol`: how to find a one-rep max, and which of your lifts to test."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from runlift.catalog import load_library, load_protocols
from runlift.domain.model import Experience, StrengthKind
from runlift.domain.planner import plan_week
from runlift.io.planfile import InputError


def protocol_for(file: str | None, experience: str | None) -> dict[str, Any]:
    from runlift.io.weekfile import read_plan_file
    from runlift.services import local_today

    library = load_library()
    athlete = None
    untested: list[dict[str, str]] = []
    if file is not None:
        request = read_plan_file(file, library, local_today())
        athlete = request.athlete
        plan = plan_week(athlete, request.week, library)
        for day in plan.week.days:
            for session in day.strength:
                for item in session.exercises:
                    lift = library[item.exercise_id]
                    row = {"id": lift.id, "name": lift.name, "pattern": lift.pattern}
                    heavy = session.kind is StrengthKind.HEAVY
                    wanted = heavy and lift.loaded and not lift.timed and item.load is None
                    if wanted and row not in untested:
                        untested.append(row)
    if experience is not None:
        try:
            level = Experience(experience)
        except ValueError:
            raise InputError(
                "--experience",
                f"{experience!r} is not allowed; use novice, intermediate or advanced",
            ) from None
    elif athlete is not None:
        level = athlete.experience
    else:
        raise InputError(
            "--experience",
            "missing; give --experience (novice, intermediate, advanced) or a plan file",
        )
    data = load_protocols()[level.value]
    result: dict[str, Any] = {
        "experience": level.value,
        "title": data["title"],
        "test_reps": data["test_reps"],
        "steps": data["steps"],
    }
    if athlete is not None:
        result["lifts_to_test"] = untested
    return result


def print_protocol(console: Console, result: dict[str, Any]) -> None:
    console.print(Text(result["title"], style="bold"))
    for number, step in enumerate(result["steps"], start=1):
        console.print(f"  {number}. {step}")
    lifts = result.get("lifts_to_test")
    if lifts:
        console.print(Text("Lifts in your plan without a known max:", style="bold"))
        for lift in lifts:
            console.print(f"  - {lift['name']} ({lift['id']}, {lift['pattern']})")
    elif lifts is not None:
        console.print("Every loaded lift in your plan already has a max or a rep test.")
    console.print(
        Text(
            "General guidance, not medical advice. Test only when rested, never the day before "
            "a quality run, and learn heavy barbell lifts with a coach.",
            style="dim",
        )
    )
