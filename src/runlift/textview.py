"""What a runner reads in the terminal: the week at a glance, each session, and why."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from runlift.domain.library import Exercise
from runlift.domain.model import (
    Athlete,
    Day,
    Prescription,
    Run,
    StrengthSession,
    Week,
    format_clock,
)
from runlift.domain.prescription import Estimate
from runlift.domain.rules import DatedVerdict, Verdict

MARK = {True: ("✓", "green"), False: ("✗", "red")}
LEGEND = Text(
    "✓ rules kept   ✗ hard rule (keeps loaded work off the day, or is broken)   "
    "! soft rule   · no session needed",
    style="dim",
)


def _date(day: Day) -> str:
    return f"{day.date:%a} {day.date.day} {day.date:%b}"


def _run(run: Run) -> str:
    when = format_clock(run.start) + ("?" if not run.start_given else "")
    goal = " (goal)" if run.goal else ""
    return f"{run.type.value}{goal} {when}, {run.minutes} min"


def _session(session: StrengthSession) -> str:
    fixed = " (yours)" if session.fixed else ""
    deload = ", deload" if session.deload else ""
    return (
        f"{session.kind.value} {format_clock(session.start)}, {session.minutes} min{deload}{fixed}"
    )


def _why(reasons: Sequence[Verdict], has_strength: bool, flagged: Sequence[Verdict]) -> Text:
    """A glance: what rules a day out for loaded work, or whether its sessions keep the rules
    (`flagged`: the warnings and violations dated on the day)."""
    text = Text()
    if has_strength:
        shown = list(flagged)
        if not shown:
            return Text("✓ rules kept", style="green")
    else:
        shown = [v for v in reasons if not v.ok]
    for verdict in shown:
        if text:
            text.append("\n")
        mark, style = ("✗", "red") if verdict.hard else ("!", "yellow")
        text.append(f"{mark} {verdict.rule}", style=style)
    if not text and reasons:
        text.append(f"· {reasons[0].rule}", style="dim")
    return text


def week_table(
    week: Week, reasons: Sequence[Sequence[Verdict]], findings: Sequence[DatedVerdict] = ()
) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_lines=False, header_style="bold", pad_edge=False)
    table.add_column("Day", no_wrap=True)
    table.add_column("Runs")
    table.add_column("Strength")
    table.add_column("Rules", no_wrap=True)
    for index, (day, why) in enumerate(zip(week.days, reasons, strict=True)):
        runs = "\n".join(_run(r) for r in day.runs) or "rest"
        strength = "\n".join(_session(s) for s in day.strength) or "-"
        label = f"{_date(day)} ({day.day_type.value})"
        flagged = [f.verdict for f in findings if f.day == index]
        table.add_row(
            label, runs, strength, _why(why, bool(day.strength), flagged), end_section=True
        )
    return table


def _dose(item: Prescription) -> str:
    side = " /side" if item.unilateral else ""
    amount = f"{item.seconds} s" if item.seconds is not None else f"{item.reps}"
    ramp = f" +{item.warm_up_sets} warm-up" if item.warm_up_sets else ""
    return f"{item.sets} x {amount}{side}{ramp}"


def _load(item: Prescription) -> str:
    if item.load is not None:
        each = " in each hand" if item.implements == 2 else ""
        if not item.one_rep_max:  # a load from the log's target, no max known
            return f"{item.load:g} {item.unit}{each}, leave {item.reps_in_reserve} in reserve"
        real = round(item.load / item.one_rep_max * 100)
        return f"{item.load:g} {item.unit}{each} ({real} % of {item.one_rep_max:g})"
    if item.reps_in_reserve is not None:
        effort = f"leave {item.reps_in_reserve} in reserve"
        if item.tempo is not None:
            tempo = item.tempo
            effort = f"lower in {tempo.lower_seconds} s, pause {tempo.pause_seconds} s; {effort}"
        return effort
    if item.pattern == "plyometric":
        return "explosive, full rest"
    return "steady, good posture"


def session_table(day: Day, session: StrengthSession) -> Table:
    title = f"{_date(day)} - {_session(session)}"
    table = Table(title=title, title_justify="left", title_style="bold", header_style="dim")
    table.add_column("Exercise")
    table.add_column("Sets x reps", no_wrap=True)
    table.add_column("Load / effort")
    table.add_column("Rest", justify="right")
    for item in session.exercises:
        table.add_row(item.name, _dose(item), _load(item), f"{item.rest_seconds} s")
    return table


def findings(title: str, week: Week, found: Sequence[DatedVerdict], style: str) -> Group | None:
    if not found:
        return None
    lines = [Text(title, style=f"bold {style}")]
    for dated in found:
        line = Text(f"  {_date(week.days[dated.day])}  ")
        line.append(dated.verdict.rule, style=style)
        line.append(f"  {dated.verdict.text}")
        lines.append(line)
    return Group(*lines)


def reasons_block(week: Week, reasons: Sequence[Sequence[Verdict]]) -> Group:
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
    table.add_column("day", no_wrap=True, style="bold")
    table.add_column("mark", no_wrap=True)
    table.add_column("rule", no_wrap=True, style="cyan")
    table.add_column("why")
    for day, why in zip(week.days, reasons, strict=True):
        for index, verdict in enumerate(why):
            mark, style = MARK[verdict.ok] if verdict.ok or verdict.hard else ("!", "yellow")
            label = _date(day) if index == 0 else ""
            table.add_row(label, Text(mark, style=style), verdict.rule, verdict.text)
    return Group(Text("Why each day", style="bold"), table)


def header(athlete: Athlete, week: Week, verb: str) -> Text:
    text = Text(f"runlift {verb}", style="bold")
    text.append(
        f" - {athlete.name}, {athlete.experience.value}, {athlete.phase.value} phase, "
        f"week of {week.start:%a} {week.start.day} {week.start:%b %Y}"
        + (", cutback week" if week.cutback else "")
    )
    return text


def print_week(
    console: Console,
    verb: str,
    athlete: Athlete,
    week: Week,
    reasons: Sequence[Sequence[Verdict]],
    violations: Sequence[DatedVerdict],
    warnings: Sequence[DatedVerdict],
    notes: Sequence[str] = (),
    sessions: bool = True,
) -> None:
    console.print(header(athlete, week, verb))
    console.print(week_table(week, reasons, [*violations, *warnings]))
    console.print(LEGEND)
    if sessions:
        for day in week.days:
            for session in day.strength:
                if session.exercises:
                    console.print(session_table(day, session))
    console.print(reasons_block(week, reasons))
    for block in (
        findings("Violations (hard rules broken)", week, violations, "red"),
        findings("Warnings (soft rules)", week, warnings, "yellow"),
    ):
        if block is not None:
            console.print(block)
    if not violations and not warnings:
        console.print(Text("No violations, no warnings.", style="green"))
    for note in notes:
        console.print(Text(f"Note: {note}", style="dim"))


def print_exercises(console: Console, exercises: Sequence[Exercise]) -> None:
    table = Table(header_style="bold")
    for column in ("Pattern", "Level", "Id", "Name", "Equipment", "Loaded"):
        table.add_column(column, no_wrap=column in ("Id", "Level"))
    for x in exercises:
        options = " or ".join("+".join(sorted(o)) or "body weight" for o in x.equipment)
        table.add_row(x.pattern, str(x.level), x.id, x.name, options, "yes" if x.loaded else "")
    console.print(table)


def print_unlocks(console: Console, unlocks: Sequence[tuple[str, Sequence[Exercise]]]) -> None:
    if not unlocks:
        console.print("Your equipment already unlocks every exercise in the library.")
        return
    console.print(Text("What each next piece of equipment unlocks", style="bold"))
    for item, exercises in unlocks:
        names = ", ".join(f"{x.name} ({x.pattern})" for x in exercises)
        console.print(Text(f"  {item}: ", style="cyan") + Text(f"{len(exercises)} - {names}"))


def print_estimates(
    console: Console, load: float, reps: int, estimates: Sequence[Estimate]
) -> None:
    for e in estimates:
        spare = f" with {e.reps_in_reserve} in reserve" if e.reps_in_reserve else ""
        console.print(
            f"{e.label}: one-rep max about {e.one_rep_max:.1f} (from {load:g} x {reps}{spare})"
        )
    first = estimates[0] if estimates else None
    if first is not None and first.reps_in_reserve:
        n = first.reps + first.reps_in_reserve
        how = "the RPE chart" if first.chart else f"{first.label}, past the RPE chart's end,"
        console.print(
            f"The reps you had left count: {first.reps} + {first.reps_in_reserve} in reserve is "
            f"as hard as {n} reps to failure, and {how} reads the max from that."
        )
    if first is not None and first.rough:
        counted = " (counting those in reserve)" if first.reps_in_reserve else ""
        console.print(
            Text(
                f"Rough: tests of more than 10 reps{counted} predict poorly; 3-6 reps is best.",
                style="yellow",
            )
        )
