"""How to find a one-rep max, and which lifts of a plan to test: one core for `runlift
test-protocol`, GET /api/v1/athletes/{id}/test-protocol and the rep tests page."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from rich.console import Console
from rich.text import Text

from runlift.catalog import load_library, load_protocols
from runlift.domain.library import LOAD_IMPLEMENTS, Library
from runlift.domain.model import Experience, Phase, StrengthKind
from runlift.domain.planner import Plan, plan_week
from runlift.io.planfile import InputError

LOADED_KIT = "dumbbells, a kettlebell or a barbell"
NOVICE_BY_EFFORT = (
    "As a novice, your sessions go by effort (the reps to leave in reserve) even once you have "
    "a test; runlift keeps the estimates for when you move on to heavy sessions."
)


def protocol(experience: str) -> dict[str, Any]:
    """The steps for one lifting experience (catalog/protocols.toml)."""
    data = load_protocols()[experience]
    return {
        "experience": experience,
        "title": data["title"],
        "test_reps": data["test_reps"],
        "steps": data["steps"],
    }


@dataclass(frozen=True, slots=True)
class LiftToTest:
    id: str
    name: str
    pattern: str
    load: float | None  # the planned load, None while the lift goes by effort
    max: float | None  # the max in use, None when there is no test yet
    source: str | None  # where the max comes from


def _main_kind(plan: Plan) -> StrengthKind:
    """The kind of session a test feeds: heavy sessions, or a novice's body-weight sessions,
    where the light weights are."""
    novice = plan.athlete.experience is Experience.NOVICE
    return StrengthKind.BODYWEIGHT if novice else StrengthKind.HEAVY


def lifts_to_test(plan: Plan, library: Library) -> list[LiftToTest]:
    """The lifts done with a load in the week's main sessions, each once, untested first."""
    kind = _main_kind(plan)
    rows: dict[str, LiftToTest] = {}
    for day in plan.week.days:
        for session in day.strength:
            if session.kind is not kind:
                continue
            for item in session.exercises:
                lift = library[item.exercise_id]
                if not lift.loaded or lift.timed or lift.id in rows:
                    continue
                known = plan.maxes.get(lift.id)
                rows[lift.id] = LiftToTest(
                    lift.id, lift.name, lift.pattern, item.load,
                    None if known is None else round(known.value, 1),
                    None if known is None else known.source,
                )  # fmt: skip
    return sorted(rows.values(), key=lambda r: (r.max is not None, r.name))


def nothing_to_test(plan: Plan, lifts: list[LiftToTest]) -> str | None:
    """Why the plan holds no lift with a load to test, and what would change that; None when
    it holds some."""
    if lifts:
        return None
    athlete = plan.athlete
    kind = _main_kind(plan)
    sessions = [s for d in plan.week.days for s in d.strength if s.kind is kind]
    head = "There is nothing loaded to test in this plan"
    if not athlete.equipment & LOAD_IMPLEMENTS:
        owned = ", ".join(sorted(athlete.equipment)).replace("_", " ") or "body weight only"
        bands = " and bands" if {"bands", "mini_bands"} & athlete.equipment else ""
        return (
            f"{head}: your equipment ({owned}) has nothing to put a load on a lift, so your "
            f"strength work is body weight{bands}, which goes by effort and needs no max. "
            f"With {LOADED_KIT} in your equipment, the plan would hold lifts with a load, "
            "and they would be listed here to test."
        )
    if not sessions and athlete.heavy_sessions == 0:
        return (
            f"{head}: you asked for no heavy sessions (heavy sessions a week: 0). Ask for 1 "
            "or more, and the lifts of those sessions will be listed here to test."
        )
    if not sessions and athlete.phase is Phase.RECOVERY:
        return (
            f"{head}: in the recovery phase after a race the plan holds body-weight work, not "
            "heavy sessions. Test once you are back in a phase with heavy sessions."
        )
    if not sessions:
        return (
            f"{head}: this week has no heavy session. In a week with heavy sessions, their "
            "lifts will be listed here to test."
        )
    return (
        f"{head}: this week's sessions hold only body-weight exercises, which go by effort. "
        f"Lifts with {LOADED_KIT} come into the plan as your equipment allows them."
    )


def to_test(plan: Plan, library: Library) -> dict[str, Any]:
    """What the CLI's JSON and the API add to the protocol for a plan."""
    lifts = lifts_to_test(plan, library)
    return {
        "lifts_to_test": [
            {"id": x.id, "name": x.name, "pattern": x.pattern} for x in lifts if x.max is None
        ],
        "lifts": [asdict(x) for x in lifts],
        "nothing_to_test": nothing_to_test(plan, lifts),
        "by_effort": NOVICE_BY_EFFORT if plan.athlete.experience is Experience.NOVICE else None,
    }


def protocol_for(file: str | None, experience: str | None) -> dict[str, Any]:
    from runlift.io.weekfile import read_plan_file
    from runlift.services import local_today

    library = load_library()
    athlete, plan = None, None
    if file is not None:
        request = read_plan_file(file, library, local_today())
        athlete = request.athlete
        plan = plan_week(athlete, request.week, library)
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
    result = protocol(level.value)
    if plan is not None:
        result |= to_test(plan, library)
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
    elif result.get("nothing_to_test"):
        console.print(result["nothing_to_test"])
    elif lifts is not None:
        console.print("Every loaded lift in your plan already has a max or a rep test.")
    if lifts is not None and result.get("by_effort") and not result.get("nothing_to_test"):
        console.print(result["by_effort"])
    console.print(
        Text(
            "General guidance, not medical advice. Test only when rested, never the day before "
            "a quality run, and learn heavy barbell lifts with a coach.",
            style="dim",
        )
    )
