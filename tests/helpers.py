"""Small builders so a test states a week in one line per day."""

from __future__ import annotations

from datetime import date, timedelta

from runlift.catalog import load_library
from runlift.domain.library import Library
from runlift.domain.model import (
    DEFAULT_WINDOW,
    WEEKDAYS,
    Athlete,
    Day,
    DayType,
    Experience,
    Phase,
    Race,
    Run,
    RunType,
    StrengthKind,
    StrengthSession,
    Week,
    Window,
)

MONDAY = date(2026, 11, 30)
GYM = frozenset(
    {"dumbbells", "kettlebell", "bands", "pullup_bar", "box", "barbell", "rack", "bench"}
)


def clock(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def run(kind: str, start: str = "06:30", minutes: int = 45, goal: bool = False) -> Run:
    return Run(RunType(kind), clock(start), minutes, goal=goal)


def lift(kind: str, start: str = "18:00", minutes: int = 45) -> StrengthSession:
    return StrengthSession(StrengthKind(kind), clock(start), minutes, fixed=True)


def week(
    *days: list[Run | StrengthSession] | None,
    start: date = MONDAY,
    cutback: bool = False,
    deload: bool | None = None,
    next_day: DayType | None = None,
    races: tuple[Race, ...] = (),
) -> Week:
    """`week([run("hills")], None, ...)`: one entry a day from `start`, None for rest."""
    built = []
    for offset in range(7):
        items = days[offset] if offset < len(days) and days[offset] else []
        runs = tuple(i for i in items if isinstance(i, Run))
        sessions = tuple(i for i in items if isinstance(i, StrengthSession))
        built.append(Day(start + timedelta(days=offset), runs, sessions))
    return Week(start, tuple(built), cutback, deload, next_day, races)


def athlete(
    experience: str = "intermediate",
    phase: str = "build",
    equipment: frozenset[str] = GYM,
    heavy_sessions: int | None = None,
    available: dict[str, list[str]] | None = None,
    one_rep_max: tuple[tuple[str, float], ...] = (),
) -> Athlete:
    windows = [(DEFAULT_WINDOW,) for _ in WEEKDAYS]
    for key, spans in (available or {}).items():
        windows[WEEKDAYS.index(key)] = tuple(
            Window(clock(s.split("-")[0]), clock(s.split("-")[1])) for s in spans
        )
    return Athlete(
        name="Test",
        experience=Experience(experience),
        phase=Phase(phase),
        equipment=equipment,
        heavy_sessions=heavy_sessions,
        available=tuple(windows),
        one_rep_max=one_rep_max,
    )


def library() -> Library:
    return load_library()


ARTICLE_WEEK = week(
    None,
    [run("hills", "06:30", 60)],
    [run("easy", "06:30", 40)],
    [run("threshold", "06:30", 55)],
    [run("easy", "06:30", 45)],
    [run("easy", "07:00", 30)],
    [run("progression", "08:00", 110)],
)
EVENINGS = {day: ["17:00-21:00"] for day in WEEKDAYS}
