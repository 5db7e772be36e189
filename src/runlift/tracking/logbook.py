"""Logging what was done: strength sessions set by set, runs, races and time trials."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from runlift.catalog import load_library
from runlift.domain.log import ExerciseDone, RaceResult, RunDone, SetDone, StrengthDone
from runlift.domain.model import RunType, StrengthKind
from runlift.io.planfile import InputError
from runlift.store import repository as repo
from runlift.tracking import Store, profile

SET_SPEC = re.compile(
    r"^(?P<exercise>[a-z0-9_]+):(?:(?P<sets>\d+)x)?(?P<reps>\d+(?:,\d+)*)"
    r"(?:@(?P<load>\d+(?:\.\d+)?))?(?::(?P<effort>rir|rpe)(?P<value>\d+(?:\.\d+)?))?$"
)
SET_HELP = "EXERCISE:SETSxREPS[@LOAD][:rirN|:rpeN], e.g. back_squat:3x6@80:rir2 or push_up:12,10,8"
CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$")


def parse_sets(specs: Sequence[str]) -> tuple[ExerciseDone, ...]:
    """`back_squat:3x6@80:rir2` -> three sets of 6 at 80 with 2 in reserve."""
    library = load_library()
    exercises: list[ExerciseDone] = []
    for index, spec in enumerate(specs):
        field = f"--set[{index}]"
        match = SET_SPEC.match(spec.strip().lower())
        if not match:
            raise InputError(field, f"{spec!r} is not a set; use {SET_HELP}")
        exercise = match["exercise"]
        if exercise not in library:
            raise InputError(
                field, f"{exercise!r} is not an exercise id; `runlift exercises` lists them"
            )
        reps = [int(r) for r in match["reps"].split(",")]
        count = int(match["sets"] or 1)
        if any(r < 1 or r > 100 for r in reps) or not 1 <= count <= 20:
            raise InputError(field, f"{spec!r}: reps must be 1-100 and sets 1-20")
        if match["sets"] and len(reps) > 1:
            raise InputError(field, f"{spec!r}: give SETSxREPS or a list of reps, not both")
        load = float(match["load"]) if match["load"] else None
        if load is not None and not 0 < load <= 1000:
            raise InputError(field, f"{spec!r}: a load must be above 0 and at most 1000")
        if match["effort"] == "rir" and not match["value"].isdigit():
            raise InputError(field, f"{spec!r}: reps in reserve is a whole number, 0-10")
        rir = int(match["value"]) if match["effort"] == "rir" else None
        if rir is not None and rir > 10:
            raise InputError(field, f"{spec!r}: reps in reserve must be 0-10")
        rpe = float(match["value"]) if match["effort"] == "rpe" else None
        if rpe is not None and not 1 <= rpe <= 10:
            raise InputError(field, f"RPE {rpe:g} is not allowed; use 1-10")
        done = tuple(SetDone(r, load, rir, rpe) for r in (reps * count if len(reps) == 1 else reps))
        if exercises and exercises[-1].exercise_id == exercise:
            exercises[-1] = ExerciseDone(exercise, exercises[-1].sets + done)
        else:
            exercises.append(ExerciseDone(exercise, done))
    return tuple(exercises)


def strength_entry(
    on: date,
    kind: str,
    sets: Sequence[str],
    minutes: int | None,
    skipped: bool,
    reason: str | None,
    keep: tuple[ExerciseDone, ...] | None = None,
) -> StrengthDone:
    """A strength session from the command's words (`keep`: sets already logged, on edit)."""
    try:
        strength = StrengthKind(kind)
    except ValueError:
        allowed = ", ".join(k.value for k in StrengthKind)
        raise InputError(
            "--kind", f"{kind!r} is not a strength kind; use one of {allowed}"
        ) from None
    if skipped and sets:
        raise InputError("--skipped", "a skipped session has no sets; give --reason instead")
    if skipped and not reason:
        raise InputError("--reason", "missing; say why the session was skipped")
    if reason and not skipped:
        raise InputError("--reason", "only a skipped session has a reason; add --skipped")
    if not skipped and not sets and not keep:
        raise InputError("--set", f"missing; log at least one set ({SET_HELP}) or --skipped")
    if minutes is not None and not 1 <= minutes <= 240:
        raise InputError("--minutes", f"{minutes} is not allowed; use 1-240")
    exercises = parse_sets(sets) if sets or skipped else (keep or ())
    return StrengthDone(on, strength, exercises, minutes, skipped, reason)


def run_entry(
    on: date, kind: str, minutes: float, km: float | None, hr: int | None, rpe: float | None
) -> RunDone:
    try:
        run_type = RunType(kind)
    except ValueError:
        allowed = ", ".join(t.value for t in RunType)
        raise InputError("--type", f"{kind!r} is not a run type; use one of {allowed}") from None
    if not 1 <= minutes <= 1440:
        raise InputError("--minutes", f"{minutes:g} is not allowed; use 1-1440")
    if km is not None and not 0 < km <= 400:
        raise InputError("--km", f"{km:g} is not allowed; use a distance above 0 up to 400")
    if hr is not None and not 40 <= hr <= 230:
        raise InputError("--hr", f"{hr} is not allowed; use an average heart rate of 40-230")
    if rpe is not None and not 1 <= rpe <= 10:
        raise InputError("--rpe", f"{rpe:g} is not allowed; use 1-10")
    return RunDone(on, run_type, minutes, km, hr, rpe)


def parse_duration(text: str) -> float:
    """`24:34` or `1:45:10` into seconds."""
    match = CLOCK.match(text.strip())
    if not match:
        raise InputError("--time", f"{text!r} is not a time; use MM:SS or H:MM:SS")
    hours, minutes, seconds = int(match[1] or 0), int(match[2]), int(match[3])
    if seconds >= 60 or (match[1] and minutes >= 60):
        raise InputError("--time", f"{text!r} is not a time; use MM:SS or H:MM:SS")
    return float(hours * 3600 + minutes * 60 + seconds)


MAX_ID = 2**31 - 1


def checked_id(value: int) -> int:
    if not 1 <= value <= MAX_ID:
        raise InputError("ID", f"{value} is not an entry id; `runlift log list` shows them")
    return value


def result_entry(on: date, km: float, time: str, trial: bool, name: str | None) -> RaceResult:
    if name is not None and len(name) > 100:
        raise InputError("--name", "a race name of at most 100 characters")
    if not 0.4 <= km <= 400:
        raise InputError("--km", f"{km:g} is not allowed; use the race distance in km (0.4-400)")
    seconds = parse_duration(time)
    pace = seconds / km
    if not 120 <= pace <= 1200:
        raise InputError(
            "--time", f"{time} for {km:g} km is {pace / 60:.1f} min/km; check the time"
        )
    return RaceResult(on, km, seconds, trial, name)


def add(store: Store, name: str | None, entry: StrengthDone | RunDone | RaceResult) -> int:
    with store.transaction() as conn:
        prof = profile(conn, name)
        if isinstance(entry, StrengthDone):
            return repo.add_strength(conn, prof.id, entry)
        if isinstance(entry, RunDone):
            return repo.add_run(conn, prof.id, entry)
        return repo.add_result(conn, prof.id, entry)


def replace_entry(
    store: Store, name: str | None, entry_id: int, entry: StrengthDone | RunDone
) -> None:
    checked_id(entry_id)
    with store.transaction() as conn:
        prof = profile(conn, name)
        try:
            if isinstance(entry, StrengthDone):
                repo.replace_strength(conn, prof.id, entry_id, entry)
            else:
                repo.replace_run(conn, prof.id, entry_id, entry)
        except repo.NotFound as error:
            raise InputError("ID", str(error)) from None


def find(store: Store, name: str | None, table: str, entry_id: int) -> Any:
    """One logged entry of this athlete, to edit it."""
    checked_id(entry_id)
    with store.transaction() as conn:
        prof = profile(conn, name)
        found: list[Any] = list(
            repo.list_strength(conn, prof.id)
            if table == "strength"
            else repo.list_runs(conn, prof.id)
        )
    for entry in found:
        if entry.id == entry_id:
            return entry
    raise InputError(
        "ID", f"no {table} entry {entry_id} for this athlete; `runlift log list` shows the ids"
    )


def delete(store: Store, name: str | None, table: str, entry_id: int) -> None:
    checked_id(entry_id)
    with store.transaction() as conn:
        prof = profile(conn, name)
        try:
            repo.delete_entry(conn, table, prof.id, entry_id)
        except repo.NotFound as error:
            raise InputError("ID", str(error)) from None


def entries(
    store: Store, name: str | None, since: date | None
) -> tuple[list[StrengthDone], list[RunDone], list[RaceResult]]:
    with store.transaction() as conn:
        prof = profile(conn, name)
        results = [r for r in repo.list_results(conn, prof.id) if since is None or r.date >= since]
        return (
            repo.list_strength(conn, prof.id, since),
            repo.list_runs(conn, prof.id, since),
            results,
        )
