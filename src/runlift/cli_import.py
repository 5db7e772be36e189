"""`runlift import-plan FILE`: a running plan exported from a coaching platform or a run app
(ICS or CSV) read into runlift's run types, with the strength work planned around each
imported week; `--save` keeps the weeks."""

from __future__ import annotations

from datetime import tzinfo
from typing import Annotated, Any

import typer

from runlift.cli import BadInput, _format, _print_json, app
from runlift.cli_store import AthleteOption, DbOption, FormatOption, _console, _day, _store


def zone_named(value: str | None, field: str = "--tz") -> tzinfo | None:
    if value is None:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadInput(
            field, f"{value!r} is not a time zone; use an IANA name such as Europe/London"
        ) from None


def _read(path: str) -> bytes:
    from runlift.io.planimport import MAX_BYTES

    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise BadInput("FILE", f"{path} does not exist; give an .ics or .csv file") from None
    except OSError as error:
        raise BadInput("FILE", f"{path} cannot be read ({error.strerror})") from None
    return data


@app.command("import-plan")
def import_plan_command(
    file: Annotated[str, typer.Argument(help="the running plan: an .ics calendar or a .csv")],
    athlete: AthleteOption = None,
    db: DbOption = None,
    from_: Annotated[
        str | None, typer.Option("--from", help="first day to import, YYYY-MM-DD")
    ] = None,
    to: Annotated[str | None, typer.Option("--to", help="last day to import, YYYY-MM-DD")] = None,
    confirm: Annotated[
        list[str] | None,
        typer.Option("--confirm", help="EVENT_ID=TYPE for an uncertain event (TYPE may be skip)"),
    ] = None,
    tz: Annotated[
        str | None, typer.Option("--tz", help="your time zone (default: this machine's)")
    ] = None,
    save: Annotated[bool, typer.Option("--save", help="keep the imported weeks")] = False,
    format: FormatOption = "text",
) -> int:
    """Import a running plan (ICS or CSV) and plan strength work around its weeks."""
    from runlift.io.planimport import Span, parse_confirms
    from runlift.io.planimport.service import plan_import, planned_import_json
    from runlift.tracking import profile

    fmt = _format(format)
    first = _day(from_, "--from") if from_ is not None else None
    last = _day(to, "--to") if to is not None else None
    if first is not None and last is not None and last < first:
        raise BadInput("--to", f"{last} is before --from {first}")
    confirms = parse_confirms(confirm or [])
    zone = zone_named(tz)
    data = _read(file)
    name = file.replace("\\", "/").rsplit("/", 1)[-1]
    with _store(db).transaction() as conn:
        prof = profile(conn, athlete)
        result = plan_import(conn, prof, data, name, span=Span(first, last), zone=zone,
                             confirms=confirms, save=save)  # fmt: skip
    if fmt == "json":
        _print_json(planned_import_json(result))
    else:
        _print_text(result)
    return 0


def _print_text(result: Any) -> None:
    from rich.table import Table
    from rich.text import Text

    from runlift.domain.model import format_clock
    from runlift.textview import print_week

    console = _console()
    imported = result.imported
    words = imported.words
    console.print(Text(f"runlift import-plan - {imported.name} ({imported.format.upper()}), "
                       f"{len(imported.events)} events from {imported.first} to {imported.last}",
                       style="bold"))  # fmt: skip
    for monday, plan, source, has_events in result.plans:
        table = Table(title=f"Imported week of {monday:%a} {monday.day} {monday:%b %Y}",
                      title_justify="left", header_style="bold")  # fmt: skip
        for column in ("Id", "Day", "Event", "Read as", "Start", "Min", "Sure", "Why"):
            table.add_column(column)
        for event in imported.week_events(monday):
            start = event.raw.start
            when = format_clock(imported.usual_start if start is None else start)
            asks = event.asks(words)
            kind = event.kind or "?"
            table.add_row(
                event.id, f"{event.raw.day:%a %d}", event.raw.title or "(no title)",
                Text(kind + (" (skip)" if event.kind and not event.is_run else ""),
                     style="yellow" if asks else ""),
                (when + ("?" if start is None else "")) if event.is_run else "-",
                str(event.length.minutes) if event.length else "-",
                "confirmed" if event.confirmed else f"{event.reading.confidence:.2f}",
                ("confirm: " if asks else "") + ("" if event.confirmed else event.reading.reason),
            )  # fmt: skip
        if has_events:
            console.print(table)
        else:
            console.print(Text(f"Week of {monday}: no events in the file; planned as before.",
                               style="dim"))  # fmt: skip
        console.print(Text(f"Planned from {source}.", style="dim"))
        print_week(console, "plan", plan.athlete, plan.week, plan.reasons, plan.violations,
                   plan.warnings, plan.notes)  # fmt: skip
    for note in imported.assumptions():
        console.print(Text(f"Assumed: {note}.", style="dim"))
    waiting = imported.waiting()
    if waiting:
        console.print(Text(f"{len(waiting)} event(s) need you to confirm them:", style="bold"))
        for event in waiting:
            guess = f"read as {event.kind} ({event.reading.confidence:.2f})" if event.kind else (
                "not read as any run type; left out of the plan until confirmed"
            )  # fmt: skip
            console.print(f"  {event.id}  {event.raw.day}  line {event.raw.line}  "
                          f"{event.raw.title!r}: {guess}")  # fmt: skip
        first = waiting[0]
        console.print(Text(f"Confirm with --confirm {first.id}=TYPE (a run type, or skip); "
                           "run the same command again with them.", style="dim"))  # fmt: skip
    if result.saved:
        count = sum(1 for *_, has in result.plans if has)
        console.print(Text(f"Saved {count} week(s): `runlift week --date DAY` shows them.",
                           style="green"))  # fmt: skip
    else:
        console.print(Text("Not saved: add --save to keep these weeks.", style="dim"))
