"""`runlift import PATH...`: recorded runs (FIT, GPX, TCX; gzipped; folders; Strava and Garmin
export archives) into the log, each typed by its intensity, with a progress bar while reading.
Exit 0 when every file was imported or knowingly skipped, 1 when some file could not be read
(the others are imported all the same), 2 on bad input."""

from __future__ import annotations

import os
from typing import Annotated, Any

import typer

from runlift.cli import BadInput, _format, _print_json, app
from runlift.cli_store import AthleteOption, DbOption, FormatOption, _console, _store


def pace_seconds(value: str | None, field: str = "--threshold-pace") -> float | None:
    """`4:30` (minutes:seconds a kilometre) as seconds a kilometre."""
    if value is None:
        return None
    minutes, _, seconds = value.strip().partition(":")
    if not (minutes.isdigit() and seconds.isdigit() and len(seconds) == 2 and int(seconds) < 60):
        raise BadInput(field, f"{value!r} is not a pace; write minutes:seconds a km, e.g. 4:30")
    total = int(minutes) * 60 + int(seconds)
    if not 120 <= total <= 900:
        raise BadInput(field, f"{value} a km is not a runner's threshold; give 2:00 to 15:00")
    return float(total)


def _zone(value: str | None) -> Any:
    from runlift.cli_import import zone_named

    return zone_named(value)


@app.command("import")
def import_command(
    paths: Annotated[
        list[str], typer.Argument(help="FIT, GPX or TCX files (.gz too), folders, export zips")
    ],
    athlete: AthleteOption = None,
    db: DbOption = None,
    tz: Annotated[
        str | None, typer.Option("--tz", help="your time zone, for each run's day")
    ] = None,
    max_hr: Annotated[
        int | None, typer.Option("--max-hr", help="your maximum heart rate (beats a minute)")
    ] = None,
    threshold_pace: Annotated[
        str | None, typer.Option("--threshold-pace", help="your threshold pace, min:s a km")
    ] = None,
    set_week: Annotated[
        bool,
        typer.Option(
            "--set-week", help="keep the usual week of your last 4 weeks as your typical week"
        ),
    ] = False,
    format: FormatOption = "text",
) -> int:
    """Import recorded runs into the log (duplicates skipped, other sports listed)."""
    from runlift.io.activities import DEFAULT_LIMITS, listing
    from runlift.services import local_today
    from runlift.tracking import profile
    from runlift.tracking.activities import import_activities, report_json

    fmt = _format(format)
    if max_hr is not None and not 100 <= max_hr <= 240:
        raise BadInput("--max-hr", f"{max_hr} is not a maximum heart rate; give 100 to 240")
    pace = pace_seconds(threshold_pace)
    zone = _zone(tz)
    for path in paths:
        if not os.path.exists(path):
            raise BadInput("PATH", f"{path} does not exist; give activity files or folders")
    store = _store(db)
    with listing(paths, DEFAULT_LIMITS) as found, store.transaction() as conn:
        prof = profile(conn, athlete)
        with _progress(len(found.entries)) as step:
            report = import_activities(
                conn, prof.id, found, DEFAULT_LIMITS, local_today(), zone,
                None if max_hr is None else float(max_hr), pace, step,
                "--set-week" if set_week else None,
            )  # fmt: skip
    if fmt == "json":
        _print_json(report_json(report))
    else:
        print_import(_console(), report)
    return 1 if report.count("error") else 0


class _progress:
    """A bar on stderr while the files are read (nothing when stderr is not a terminal)."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.console = Console(stderr=True)
        self.bar = Progress(
            TextColumn("reading"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.description}"), console=self.console, transient=True,
            disable=not self.console.is_terminal,
        )  # fmt: skip
        self.task = self.bar.add_task("", total=total)

    def __enter__(self) -> Any:
        self.bar.__enter__()

        def step(entry: Any) -> None:
            self.bar.update(self.task, advance=1, description=entry.name.rsplit("/", 1)[-1][-40:])

        return step

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(None, None, None)


def _pace(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def print_import(console: Any, report: Any) -> None:
    """Each file on a line: what it was, what became of it, and why."""
    from rich.table import Table

    from runlift.domain.model import WEEKDAYS

    table = Table(box=None, header_style="bold", pad_edge=False)
    columns = ("File", "Result", "Day", "Run", "Time", "km", "Pace", "HR", "Drift", "Laps", "Why")
    for column in columns:
        table.add_column(column)
    for o in report.outcomes:
        a = o.summary or {}
        minutes = a.get("minutes")
        table.add_row(
            o.name.replace(os.sep, "/").rsplit("/", 1)[-1], o.status, a.get("date") or "-",
            a.get("type") or (a.get("sport") or "-"), "-" if minutes is None else f"{minutes:g}'",
            "-" if a.get("distance_km") is None else f"{a['distance_km']:.2f}",
            _pace(a.get("pace_s_per_km")), str(a.get("avg_hr") or "-"),
            "-" if a.get("drift_pct") is None else f"{a['drift_pct']:.1f}%",
            str(len(a.get("laps") or ())), o.reason,
        )  # fmt: skip
    console.print(table)
    console.print(
        f"{report.count('imported')} imported, {report.count('duplicate')} duplicates, "
        f"{report.count('skipped')} skipped, {report.count('error')} errors"
        + (f" ({report.ignored} other files ignored)" if report.ignored else "")
    )
    t = report.thresholds
    console.print(f"Judged by: {t.source}")
    if report.usual_week:
        days = [
            f"{WEEKDAYS[d.weekday].title()} {d.type.value if d.type else 'rest'}"
            for d in report.usual_week
        ]
        console.print(
            f"Your usual week (last {report.usual_week[0].weeks} weeks): " + ", ".join(days)
        )
    if report.week_kept:
        console.print("Kept as your typical week (see `runlift athlete show`).")
