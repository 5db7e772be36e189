"""`runlift log ...`: strength sessions set by set, runs, races; list, edit, delete."""

from __future__ import annotations

from typing import Annotated

import typer

from runlift.cli import BadInput, _format, _print_json
from runlift.cli_store import (
    AthleteOption,
    DateOption,
    DbOption,
    FormatOption,
    _day,
    _logged_day,
    _store,
    log_app,
)


# -- the log ----------------------------------------------------------------------------
@log_app.command("strength")
def log_strength(
    kind: Annotated[
        str | None, typer.Option(help="heavy (the default), plyometric, bodyweight, core, pilates")
    ] = None,
    set_: Annotated[
        list[str] | None, typer.Option("--set", help="EXERCISE:SETSxREPS[@LOAD][:rirN|:rpeN]")
    ] = None,
    minutes: Annotated[int | None, typer.Option(help="how long it took")] = None,
    skipped: Annotated[bool, typer.Option("--skipped", help="the session did not happen")] = False,
    reason: Annotated[str | None, typer.Option(help="why it was skipped")] = None,
    edit: Annotated[
        int | None, typer.Option(help="change entry ID: only the options given change")
    ] = None,
    date_: DateOption = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
) -> int:
    """Log a strength session, set by set (or skipped, with a reason)."""
    from runlift.tracking import logbook

    store = _store(db)
    if edit is not None:
        old = logbook.find(store, athlete, "strength", edit)
        entry = logbook.strength_entry(
            _logged_day(date_) if date_ else old.date,
            kind or old.kind.value,
            set_ or [],
            minutes if minutes is not None else old.minutes,
            skipped or (old.skipped and not set_),
            reason if reason is not None else (None if set_ else old.reason),
            keep=None if set_ else old.exercises,
        )
        logbook.replace_entry(store, athlete, edit, entry)
        print(f"Changed strength entry {edit}.")
        return 0
    entry = logbook.strength_entry(
        _logged_day(date_), kind or "heavy", set_ or [], minutes, skipped, reason
    )
    print(f"Logged strength entry {logbook.add(store, athlete, entry)}.")
    return 0


@log_app.command("run")
def log_run(
    type_: Annotated[str | None, typer.Option("--type", help="easy, tempo, long, ...")] = None,
    minutes: Annotated[float | None, typer.Option(help="moving time in minutes")] = None,
    km: Annotated[float | None, typer.Option(help="distance in km")] = None,
    hr: Annotated[int | None, typer.Option(help="average heart rate")] = None,
    rpe: Annotated[float | None, typer.Option(help="effort, 1-10")] = None,
    edit: Annotated[
        int | None, typer.Option(help="change entry ID: only the options given change")
    ] = None,
    date_: DateOption = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
) -> int:
    """Log a run."""
    from runlift.tracking import logbook

    store = _store(db)
    if edit is not None:
        old = logbook.find(store, athlete, "run", edit)
        entry = logbook.run_entry(
            _logged_day(date_) if date_ else old.date,
            type_ or old.type.value,
            minutes if minutes is not None else old.minutes,
            km if km is not None else old.distance_km,
            hr if hr is not None else old.avg_hr,
            rpe if rpe is not None else old.rpe,
        )
        logbook.replace_entry(store, athlete, edit, entry)
        print(f"Changed run entry {edit}.")
        return 0
    if type_ is None or minutes is None:
        raise BadInput(
            "--type" if type_ is None else "--minutes", "missing; a run needs --type and --minutes"
        )
    entry = logbook.run_entry(_logged_day(date_), type_, minutes, km, hr, rpe)
    print(f"Logged run entry {logbook.add(store, athlete, entry)}.")
    return 0


@log_app.command("race")
def log_race(
    km: Annotated[float, typer.Option(help="distance in km")],
    time: Annotated[str, typer.Option(help="finish time, MM:SS or H:MM:SS")],
    time_trial: Annotated[
        bool, typer.Option("--time-trial", help="a solo time trial, not a race")
    ] = False,
    name: Annotated[str | None, typer.Option(help="the race's name")] = None,
    date_: DateOption = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
) -> int:
    """Log a race or time trial result (it feeds VDOT)."""
    from runlift.domain.monitoring import vdot
    from runlift.tracking import logbook

    entry = logbook.result_entry(_logged_day(date_), km, time, time_trial, name)
    entry_id = logbook.add(_store(db), athlete, entry)
    print(f"Logged result {entry_id}: VDOT {vdot(entry.distance_km, entry.seconds):.1f}.")
    return 0


@log_app.command("list")
def log_list(
    since: Annotated[str | None, typer.Option(help="from this date, YYYY-MM-DD")] = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
    format: FormatOption = "text",
) -> int:
    """What has been logged."""
    from runlift.tracking import logbook

    fmt = _format(format)
    lifts, runs, results = logbook.entries(
        _store(db), athlete, None if since is None else _day(since, "--since")
    )
    if fmt == "json":
        _print_json(
            {
                "strength": [
                    {
                        "id": s.id,
                        "date": s.date.isoformat(),
                        "kind": s.kind.value,
                        "skipped": s.skipped,
                        "reason": s.reason,
                        "exercises": [
                            {
                                "exercise": x.exercise_id,
                                "sets": [
                                    {
                                        "reps": t.reps,
                                        "load": t.load,
                                        "reps_in_reserve": t.reps_in_reserve,
                                        "rpe": t.rpe,
                                    }
                                    for t in x.sets
                                ],
                            }
                            for x in s.exercises
                        ],
                    }
                    for s in lifts
                ],
                "runs": [
                    {
                        "id": r.id,
                        "date": r.date.isoformat(),
                        "type": r.type.value,
                        "minutes": r.minutes,
                        "distance_km": r.distance_km,
                        "avg_hr": r.avg_hr,
                        "rpe": r.rpe,
                    }
                    for r in runs
                ],
                "results": [
                    {
                        "id": r.id,
                        "date": r.date.isoformat(),
                        "distance_km": r.distance_km,
                        "seconds": r.seconds,
                        "time_trial": r.time_trial,
                        "name": r.name,
                    }
                    for r in results
                ],
            }
        )
        return 0
    for s in lifts:
        body = (
            "skipped" + (f" ({s.reason})" if s.reason else "")
            if s.skipped
            else "; ".join(
                f"{x.exercise_id} "
                + ", ".join(f"{t.reps}" + (f"@{t.load:g}" if t.load else "") for t in x.sets)
                for x in s.exercises
            )
        )
        print(f"strength {s.id}  {s.date}  {s.kind.value}: {body}")
    for r in runs:
        extra = f", {r.distance_km:g} km" if r.distance_km else ""
        print(f"run {r.id}  {r.date}  {r.type.value} {r.minutes:g} min{extra}")
    for result in results:
        minutes, seconds = divmod(int(result.seconds), 60)
        print(
            f"race {result.id}  {result.date}  {result.distance_km:g} km in {minutes}:{seconds:02d}"
        )
    if not (lifts or runs or results):
        print("Nothing logged yet.")
    return 0


@log_app.command("delete")
def log_delete(
    kind: Annotated[str, typer.Argument(help="strength, run or race")],
    entry_id: Annotated[int, typer.Argument(help="the entry's id (see `runlift log list`)")],
    athlete: AthleteOption = None,
    db: DbOption = None,
) -> int:
    """Delete one entry."""
    from runlift.tracking import logbook

    if kind not in ("strength", "run", "race"):
        raise BadInput("KIND", f"{kind!r} is not allowed; use strength, run or race")
    logbook.delete(_store(db), athlete, kind, entry_id)
    print(f"Deleted {kind} entry {entry_id}.")
    return 0
