"""The `runlift` command: parse, call a service, render. Bad input: one line, exit 2."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    help="Fit strength training into a runner's week: placed by rules, prescribed, explained.",
)

FORMATS = ("text", "json")
WIDE = 110  # when writing to a file or pipe, room for the week table on one line a day
# show_default=False: Typer would print the default as "\[default: text]" without rich markup.
FormatOption = Annotated[
    str, typer.Option("--format", help="text (the default) or json", show_default=False)
]
FormulaOption = Annotated[
    str | None,
    typer.Option(
        help="1RM formula: epley (default), brzycki, lander, lombardi, mayhew, oconner, wathan"
    ),
]

ReserveOption = Annotated[
    int,
    typer.Option(
        "--reps-in-reserve",
        help="reps you had left when you stopped the set (0-5; 0: to failure)",
    ),
]


class BadInput(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")


def _format(value: str) -> str:
    if value not in FORMATS:
        raise BadInput("--format", f"{value!r} is not allowed; use text or json")
    return value


def _console() -> Any:
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=False)
    if not console.is_terminal:
        console = Console(highlight=False, soft_wrap=False, width=WIDE)
    return console


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


@app.command()
def plan(
    file: Annotated[str | None, typer.Argument(help="plan file (YAML or JSON)")] = None,
    batch: Annotated[str | None, typer.Option(help="JSON Lines: one plan file per line")] = None,
    format: FormatOption = "text",
    formula: FormulaOption = None,
) -> int:
    """Fill the week with strength work by the guidelines, keeping what you fixed."""
    from runlift import services

    fmt = _format(format)
    if batch is not None:
        return _batch(batch, formula)
    if file is None:
        raise BadInput("FILE", "missing; give a plan file, or --batch FILE.jsonl")
    result = services.plan_file(file, formula)
    if fmt == "json":
        _print_json(services.plan_json(result))
        return 0
    from runlift.textview import print_week

    print_week(
        _console(), "plan", result.athlete, result.week, result.reasons,
        result.violations, result.warnings, result.notes,
    )  # fmt: skip
    return 0


def _batch(path: str, formula: str | None) -> int:
    from runlift import services
    from runlift.catalog import load_library

    services.check_formula(formula, load_library())
    today = services.local_today()
    try:
        handle = open(path, encoding="utf-8")
    except OSError as error:
        raise BadInput(
            "--batch", f"{path} cannot be read ({error.strerror}); give a JSON Lines file"
        ) from None
    out = sys.stdout
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                result = services.plan_batch_line(line, number, formula, today)
                out.write(json.dumps(result, ensure_ascii=False, separators=(",", ":")) + "\n")
        except UnicodeDecodeError:
            raise BadInput("--batch", f"{path} is not UTF-8 text; give a JSON Lines file") from None
    return 0


@app.command()
def check(
    file: Annotated[str, typer.Argument(help="plan file (YAML or JSON) holding strength work")],
    format: FormatOption = "text",
) -> int:
    """Judge the strength work already in a week: 0 fine, 1 violations, 2 bad input."""
    from runlift import services

    fmt = _format(format)
    checked = services.check_file(file)
    j = checked.judgement
    if fmt == "json":
        _print_json(services.check_json(checked))
    else:
        from runlift.textview import print_week

        request = checked.request
        print_week(
            _console(), "check", request.athlete, request.week, j.reasons,
            j.violations, j.warnings, sessions=False,
        )  # fmt: skip
    return 1 if j.violations else 0


@app.command()
def exercises(
    equipment: Annotated[
        list[str] | None, typer.Option(help="what you have (repeat or comma-separate)")
    ] = None,
    pattern: Annotated[list[str] | None, typer.Option(help="squat, lunge, hinge, ...")] = None,
    unlocks: Annotated[
        bool, typer.Option("--unlocks", help="what each next purchase unlocks")
    ] = False,
    format: FormatOption = "text",
) -> int:
    """The exercise library, filtered by equipment and pattern."""
    from runlift.catalog import load_library
    from runlift.domain.library import PATTERNS
    from runlift.domain.model import EQUIPMENT
    from runlift.render import library_json

    fmt = _format(format)
    owned = _split(equipment)
    for item in owned or []:
        if item not in EQUIPMENT and item not in ("bodyweight", "body_weight"):
            raise BadInput(
                "--equipment", f"{item!r} is not an equipment id; use any of {', '.join(EQUIPMENT)}"
            )
    patterns = _split(pattern)
    for item in patterns or []:
        if item not in PATTERNS:
            raise BadInput(
                "--pattern", f"{item!r} is not a pattern; use any of {', '.join(PATTERNS)}"
            )
    library = load_library()
    if unlocks:
        found = library.unlocks(owned or [])
        if fmt == "json":
            _print_json(
                [
                    {"equipment": item, "unlocks": [library_json(x) for x in xs]}
                    for item, xs in found
                ]
            )
        else:
            from runlift.textview import print_unlocks

            print_unlocks(_console(), found)
        return 0
    selected = library.select(owned, patterns)
    if fmt == "json":
        _print_json([library_json(x) for x in selected])
    else:
        from runlift.textview import print_exercises

        print_exercises(_console(), selected)
    return 0


def _split(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@app.command("estimate-1rm")
def estimate_1rm(
    load: Annotated[float, typer.Option(help="load lifted, in kg or lb")],
    reps: Annotated[int, typer.Option(help="reps done (1-20)")],
    formula: FormulaOption = None,
    reps_in_reserve: ReserveOption = 0,
    format: FormatOption = "text",
) -> int:
    """Estimate a one-rep max from a rep test (--formula all shows all seven).

    A set stopped with reps left: give them with --reps-in-reserve; the RPE chart counts them.
    """
    from runlift import services

    fmt = _format(format)
    estimates = services.estimate(load, reps, formula, reps_in_reserve)
    if fmt == "json":
        rows = [
            {"formula": e.method, "name": e.label, "one_rep_max": round(e.one_rep_max, 1)}
            for e in estimates
        ]
        head = {"load": load, "reps": reps, "reps_in_reserve": reps_in_reserve}
        out: dict[str, Any] = {**head, **rows[0], "rough": estimates[0].rough}
        if formula == "all":
            out = {**head, "rough": estimates[0].rough, "estimates": rows}
        _print_json(out)
    else:
        from runlift.textview import print_estimates

        print_estimates(_console(), load, reps, estimates)
    return 0


@app.command("test-protocol")
def test_protocol(
    file: Annotated[
        str | None, typer.Argument(help="plan file: use its athlete's experience")
    ] = None,
    experience: Annotated[str | None, typer.Option(help="novice, intermediate or advanced")] = None,
    format: FormatOption = "text",
) -> int:
    """How to find your one-rep max safely, for your lifting experience."""
    from runlift import protocol

    fmt = _format(format)
    result = protocol.protocol_for(file, experience)
    if fmt == "json":
        _print_json(result)
    else:
        protocol.print_protocol(_console(), result)
    return 0


def main(argv: list[str] | None = None) -> None:
    """Entry point: every bad input becomes one line on stderr and exit code 2."""
    import click

    # The commands that use the store register themselves on import.
    import runlift.cli_activities
    import runlift.cli_data
    import runlift.cli_export
    import runlift.cli_import
    import runlift.cli_log
    import runlift.cli_store  # noqa: F401
    from runlift.io.planfile import InputError

    try:
        code = app(args=argv, prog_name="runlift", standalone_mode=False)
    except (InputError, BadInput) as error:
        sys.stderr.write(f"runlift: error: {error}\n")
        sys.exit(2)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.exceptions.Abort:
        sys.stderr.write("runlift: aborted\n")
        sys.exit(130)
    except click.ClickException as error:
        message = " ".join(error.format_message().split())
        if not message:  # no command given: the help was printed, that is all
            sys.exit(0)
        sys.stderr.write(f"runlift: error: {message} (see runlift --help)\n")
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(code if isinstance(code, int) else 0)
