"""`runlift export-session` and `export-plan`: planned sessions as files for a watch (FIT), a
calendar (ICS), a spreadsheet (CSV) or a script (JSON). See docs/exports.md."""

from __future__ import annotations

import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from runlift.cli import BadInput, app
from runlift.cli_store import AthleteOption, DateOption, DbOption, _day, _store

KindOption = Annotated[
    str | None,
    typer.Option(
        "--kind",
        help="heavy, plyometric, bodyweight, core or pilates (needed when the day has several)",
    ),
]
SESSION_FORMATS = ("fit", "ics", "csv", "json")
PLAN_FORMATS = ("ics", "csv", "json")
OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output", "-o", help="file to write (- for standard output; default: a file named "
        "after the session or plan in this folder)",
    ),
]  # fmt: skip


def _choice(value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise BadInput("--format", f"{value!r} is not allowed; use {', '.join(allowed)}")
    return value


def _export(store: Any, athlete: str | None, monday: date, weeks: int) -> Any:
    from runlift.catalog import load_library
    from runlift.io.exports import gather
    from runlift.tracking import profile
    from runlift.tracking.seasons import planned_week

    library = load_library()
    with store.transaction() as conn:
        prof = profile(conn, athlete, library)
        return gather(
            prof.name, f"athlete{prof.id}", monday, weeks,
            lambda m: planned_week(conn, prof, m, library)[0],
        )  # fmt: skip


def _write(output: str | None, default_name: str, data: str | bytes) -> None:
    if output == "-":
        if isinstance(data, bytes):
            if sys.stdout.isatty():
                raise BadInput("--output", "a FIT file is binary; give a file, or pipe it")
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    path = Path(output or default_name)
    try:
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8", newline="")
    except OSError as error:
        raise BadInput("--output", f"{path} cannot be written ({error.strerror})") from None
    print(f"Wrote {path}.")


def _text(fmt: str, export: Any, weeks: int | None) -> str:
    from runlift.io.exports import to_csv, to_ics, to_json

    if fmt == "ics":
        return to_ics(export, datetime.now(UTC))
    if fmt == "csv":
        return to_csv(export)
    return json.dumps(to_json(export, weeks), indent=2, ensure_ascii=False) + "\n"


@app.command("export-session")
def export_session(
    format: Annotated[str, typer.Option("--format", help="fit, ics, csv or json")] = "fit",
    date_: DateOption = None,
    kind: KindOption = None,
    output: OutputOption = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
) -> int:
    """One planned session as a file: FIT for a Garmin watch, or ICS, CSV, JSON."""
    from runlift.io.exports import NoSession, session_filename, strength_kind
    from runlift.io.fitencode import FitEncodeError, encode_workout, fit_names, session_workout
    from runlift.io.planfile import InputError
    from runlift.tracking import monday_of

    fmt = _choice(format, SESSION_FORMATS)
    on = _day(date_)
    wanted = None if kind is None else strength_kind(kind, "--kind")
    export = _export(_store(db), athlete, monday_of(on), 1)
    try:
        one = export.session(on, wanted)
    except NoSession as error:
        raise BadInput("--date", str(error)) from None
    except InputError as error:
        raise BadInput("--kind", error.message) from None
    day, session = one.sessions()[0]
    if fmt == "fit":
        workout = session_workout(on, session, fit_names(), datetime.now(UTC))
        try:
            data: str | bytes = encode_workout(workout)
        except FitEncodeError as error:
            raise BadInput("--format", f"the session cannot be written as FIT ({error})") from None
    else:
        data = _text(fmt, one, None)
    _write(output, session_filename(day.date, session.kind, fmt), data)
    return 0


@app.command("export-plan")
def export_plan(
    format: Annotated[str, typer.Option("--format", help="ics, csv or json")] = "ics",
    date_: DateOption = None,
    weeks: Annotated[int, typer.Option("--weeks", help="how many weeks, 1-12")] = 4,
    output: OutputOption = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
) -> int:
    """The planned sessions of the weeks from --date's week on, as ICS, CSV or JSON."""
    from runlift.io.exports import MAX_WEEKS, plan_filename
    from runlift.tracking import monday_of

    fmt = _choice(format, PLAN_FORMATS)
    if not 1 <= weeks <= MAX_WEEKS:
        raise BadInput("--weeks", f"{weeks} is not allowed; use 1-{MAX_WEEKS}")
    monday = monday_of(_day(date_))
    export = _export(_store(db), athlete, monday, weeks)
    _write(output, plan_filename(monday, weeks, fmt), _text(fmt, export, weeks))
    return 0
