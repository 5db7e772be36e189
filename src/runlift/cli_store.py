"""The commands that remember: athlete, season, week, log, progress, export, restore.

Each parses, calls one use case in runlift.tracking, and renders (runlift.trackview)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer

from runlift.cli import BadInput, ReserveOption, _format, _print_json, app

AthleteOption = Annotated[
    str | None, typer.Option("--athlete", help="whose data (needed when there are several)")
]
DbOption = Annotated[
    str | None,
    typer.Option("--db", help="database URL (default: RUNLIFT_DATABASE_URL, else a SQLite file)"),
]
FormatOption = Annotated[str, typer.Option("--format", help="text or json", show_default=False)]
DateOption = Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD (default: today)")]

athlete_app = typer.Typer(help="Create and edit athletes.", no_args_is_help=True)
season_app = typer.Typer(help="A season to a goal race.", no_args_is_help=True)
log_app = typer.Typer(help="Log what was lifted and run.", no_args_is_help=True)
app.add_typer(athlete_app, name="athlete")
app.add_typer(season_app, name="season")
app.add_typer(log_app, name="log")


def _store(db: str | None) -> Any:
    from runlift.tracking import Store

    return Store(db)  # a database that cannot be opened is one line and exit 2 (Store says why)


EARLIEST, LATEST = date(1950, 1, 1), date(2200, 12, 31)


def _day(value: str | None, field: str = "--date") -> date:
    from runlift.io.planfile import ISO_DAY
    from runlift.services import local_today

    if value is None:
        return local_today()
    try:
        if not ISO_DAY.fullmatch(value):  # as the API has it
            raise ValueError(value)
        day = date.fromisoformat(value)
    except ValueError:
        raise BadInput(field, f"{value!r} is not a date; use YYYY-MM-DD") from None
    if not EARLIEST <= day <= LATEST:
        raise BadInput(field, f"{value} is out of range; use a date from {EARLIEST} to {LATEST}")
    return day


def _logged_day(value: str | None) -> date:
    """A day something was done: not in the future (a day's grace for time zones)."""
    from datetime import timedelta

    from runlift.services import local_today

    day = _day(value)
    if day > local_today() + timedelta(days=1):
        raise BadInput(
            "--date", f"{day} is in the future; log what was done, on the day it was done"
        )
    return day


def _console() -> Any:
    from runlift.cli import _console as console

    return console()


# -- athlete ----------------------------------------------------------------------------
@athlete_app.command("create")
def athlete_create(
    file: Annotated[
        str, typer.Argument(help="a plan file: its athlete, week (as the typical week) and races")
    ],
    name: Annotated[str | None, typer.Option(help="store under this name instead")] = None,
    db: DbOption = None,
) -> int:
    """Create an athlete from a plan file."""
    from runlift.tracking.profiles import create_from_file

    prof = create_from_file(_store(db), file, _day(None), name)
    print(
        f"Created athlete {prof.name!r} "
        f"({prof.athlete.experience.value}, {prof.athlete.phase.value})."
    )
    return 0


@athlete_app.command("list")
def athlete_list(db: DbOption = None) -> int:
    """Everyone stored."""
    from runlift.store import repository as repo

    store = _store(db)
    with store.transaction() as conn:
        rows = repo.list_athletes(conn)
    for row in rows:
        print(f"{row.fields['name']}: {row.fields['experience']}, {row.fields['phase']}")
    if not rows:
        print("No athletes yet: `runlift athlete create FILE`.")
    return 0


@athlete_app.command("show")
def athlete_show(
    athlete: AthleteOption = None, db: DbOption = None, format: FormatOption = "text"
) -> int:
    """An athlete's settings, maxes and typical week."""
    from runlift.tracking import profile
    from runlift.trackview import athlete_json, print_athlete

    with _store(db).transaction() as conn:
        prof = profile(conn, athlete)
    if _format(format) == "json":
        _print_json(athlete_json(prof))
    else:
        print_athlete(_console(), prof)
    return 0


@athlete_app.command("set")
def athlete_set(
    athlete: AthleteOption = None,
    db: DbOption = None,
    phase: Annotated[
        str | None, typer.Option(help="base, maintenance, build, peak, taper, recovery")
    ] = None,
    experience: Annotated[str | None, typer.Option(help="novice, intermediate, advanced")] = None,
    heavy_sessions: Annotated[int | None, typer.Option(help="0-3")] = None,
    equipment: Annotated[str | None, typer.Option(help="comma-separated equipment ids")] = None,
    units: Annotated[str | None, typer.Option(help="kg or lb")] = None,
    name: Annotated[str | None, typer.Option(help="a new name")] = None,
    follow_phase: Annotated[
        bool, typer.Option("--follow-phase", help="heavy sessions a week by the phase again")
    ] = False,
    file: Annotated[
        str | None, typer.Option("--file", help="take every athlete field from this plan file")
    ] = None,
    race_date: Annotated[
        str | None,
        typer.Option(
            "--race-date",
            help="the day of the race you are recovering from, YYYY-MM-DD (none forgets it)",
        ),
    ] = None,
) -> int:
    """Change an athlete's settings (the rest stay as they are)."""
    from runlift.tracking.profiles import set_fields
    from runlift.tracking.races import asks_race_date
    from runlift.tracking.seasons import week_view

    changes: dict[str, Any] = {}
    if file is not None:
        from runlift.io.weekfile import read_plan_data

        data = read_plan_data(file)
        section = data.get("athlete") if isinstance(data, dict) else None
        if not isinstance(section, dict):
            raise BadInput("--file", "expected a plan file with an `athlete:` section")
        changes = {
            k: v for k, v in section.items() if k not in ("one_rep_max", "rep_tests", "name")
        }
    changes |= {
        k: v
        for k, v in {
            "phase": phase, "experience": experience, "heavy_sessions": heavy_sessions,
            "units": units, "name": name,
        }.items()
        if v is not None
    }  # fmt: skip
    if equipment is not None:
        changes["equipment"] = sorted(p.strip() for p in equipment.split(",") if p.strip())
    if follow_phase:
        changes["heavy_sessions"] = None  # the phase's own number again
    if race_date is not None:
        changes["race_date"] = None if race_date == "none" else _day(race_date, "--race-date")
    if not changes:
        raise BadInput(
            "athlete set", "nothing to change; give --phase, --experience, --heavy-sessions, ..."
        )
    store, today = _store(db), _day(None)
    prof = set_fields(store, athlete, changes, today)
    print(f"Saved: {prof.name}, {prof.athlete.experience.value}, {prof.athlete.phase.value}.")
    if prof.athlete.phase.value == "recovery" and asks_race_date(
        week_view(store, prof.name, today).plan
    ):
        print(f"When was your race? Until you give it, this week holds gentle core only: {HOW}.")
    return 0


HOW = "`runlift athlete set --race-date YYYY-MM-DD`"


@athlete_app.command("week")
def athlete_week(
    file: Annotated[str, typer.Argument(help="a plan file whose week becomes the typical week")],
    athlete: AthleteOption = None,
    db: DbOption = None,
) -> int:
    """Set the typical running week."""
    from runlift.tracking.profiles import set_typical_week

    prof = set_typical_week(_store(db), athlete, file, _day(None))
    print(f"Typical week saved for {prof.name}.")
    return 0


@athlete_app.command("test")
def athlete_test(
    exercise: Annotated[str, typer.Option(help="exercise id, e.g. back_squat")],
    load: Annotated[float, typer.Option(help="load lifted")],
    reps: Annotated[int, typer.Option(help="reps done (1 for a one-rep max)")],
    reps_in_reserve: ReserveOption = 0,
    date_: DateOption = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
) -> int:
    """Record a one-rep max or a rep test (the latest per lift is used).

    A set stopped with reps left (a novice's working weight): give them with --reps-in-reserve.
    """
    from runlift.tracking.profiles import add_test

    add_test(_store(db), athlete, exercise, load, reps, _logged_day(date_), reps_in_reserve)
    spare = f" with {reps_in_reserve} in reserve" if reps_in_reserve else ""
    print(f"Recorded {exercise}: {load:g} x {reps}{spare}.")
    return 0


# -- season -----------------------------------------------------------------------------
@season_app.command("plan")
def season_plan(
    race_date: Annotated[str, typer.Option(help="the goal race, YYYY-MM-DD")],
    distance: Annotated[float, typer.Option(help="race distance in km")],
    start: Annotated[
        str | None, typer.Option(help="first day of the season (default: today)")
    ] = None,
    race_name: Annotated[str | None, typer.Option("--name", help="the race's name")] = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
    format: FormatOption = "text",
) -> int:
    """Lay out a season to a goal race and plan every week."""
    from runlift.tracking.seasons import start_season
    from runlift.trackview import print_season, season_json

    fmt = _format(format)
    view = start_season(
        _store(db),
        athlete,
        _day(race_date, "--race-date"),
        distance,
        _day(start, "--start"),
        race_name,
    )
    _print_json(season_json(view)) if fmt == "json" else print_season(_console(), view)
    return 0


@season_app.command("show")
def season_show(
    athlete: AthleteOption = None, db: DbOption = None, format: FormatOption = "text"
) -> int:
    """The season: phases, heavy sessions a week, deloads, taper."""
    from runlift.tracking.seasons import season_view
    from runlift.trackview import print_season, season_json

    fmt = _format(format)
    view = season_view(_store(db), athlete)
    _print_json(season_json(view)) if fmt == "json" else print_season(_console(), view)
    return 0


@season_app.command("change")
def season_change(
    week: Annotated[str, typer.Argument(help="any date in the week to change, YYYY-MM-DD")],
    cutback: Annotated[
        bool | None,
        typer.Option("--cutback/--no-cutback", help="a running cutback week (strength deloads)"),
    ] = None,
    no_gym: Annotated[
        bool | None,
        typer.Option("--no-gym/--gym", help="a trip: body weight and bands only (--gym undoes it)"),
    ] = None,
    days: Annotated[
        str | None, typer.Option(help="a plan file whose listed days replace the typical ones")
    ] = None,
    note: Annotated[str | None, typer.Option(help="why")] = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
) -> int:
    """Change one week of the season; only what it affects is planned again."""
    from runlift.io.weekfile import read_plan_data
    from runlift.tracking.seasons import change_week

    changed_days = None
    if days is not None:
        data = read_plan_data(days)
        week_data = data.get("week", data) if isinstance(data, dict) else None
        changed_days = week_data.get("days") if isinstance(week_data, dict) else None
        if not isinstance(changed_days, dict):
            raise BadInput("--days", "expected a plan file with `week: days:`")
    view, replanned = change_week(
        _store(db),
        athlete,
        _day(week, "WEEK"),
        cutback=cutback,
        no_gym=no_gym,
        days=changed_days,
        note=note,
    )
    starts = ", ".join(str(view.season.weeks[i].start) for i in replanned) or "none"
    print(f"Saved. Weeks planned again: {starts}; the other weeks are unchanged.")
    return 0


# -- this week --------------------------------------------------------------------------
@app.command("week")
def week_command(
    date_: DateOption = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
    format: FormatOption = "text",
) -> int:
    """This week: what the plan says against what was logged."""
    from runlift.tracking.races import asks_race_date
    from runlift.tracking.seasons import week_view
    from runlift.trackview import print_week_view, week_view_json

    fmt = _format(format)
    view = week_view(_store(db), athlete, _day(date_))
    if fmt == "json":
        _print_json(week_view_json(view))
        return 0
    print_week_view(_console(), view)
    if asks_race_date(view.plan):  # the planner's warning above says why
        print(f"When was your race? Give it with {HOW}.")
    return 0


@app.command("progress")
def progress_command(
    accept_lighter: Annotated[
        bool, typer.Option("--accept-lighter", help="take the lighter strength plan offered")
    ] = False,
    back_to_normal: Annotated[
        bool, typer.Option("--back-to-normal", help="undo the lighter plan")
    ] = False,
    athlete: AthleteOption = None,
    db: DbOption = None,
    format: FormatOption = "text",
) -> int:
    """e1RM per lift, next prescriptions, the running trend and any reassess warning."""
    from runlift.progressview import print_progress, progress_json
    from runlift.tracking.progress import accept_lighter as accept
    from runlift.tracking.progress import progress

    fmt = _format(format)
    store = _store(db)
    if accept_lighter and back_to_normal:
        raise BadInput("--accept-lighter", "give either --accept-lighter or --back-to-normal")
    if accept_lighter or back_to_normal:
        prof = accept(store, athlete, accept_lighter)
        if accept_lighter:
            print("Lighter plan accepted: one set fewer a lift, no third heavy session.")
        else:
            sessions = prof.athlete.heavy_sessions
            print(
                "Back to the normal plan"
                + (
                    f" (heavy sessions a week: {sessions}; change with `athlete set`)."
                    if sessions
                    else "."
                )
            )
        return 0
    report = progress(store, athlete, _day(None))
    _print_json(progress_json(report)) if fmt == "json" else print_progress(_console(), report)
    return 0
