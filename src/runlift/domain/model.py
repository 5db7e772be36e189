"""The words of guidelines §1 as types: runs, days, weeks, athletes and strength sessions.

Everything here is a frozen value; nothing reads a clock or a file. Times of day are whole
minutes after midnight (`18:30` is 1110), dates are `datetime.date`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MINUTES_PER_DAY = 24 * 60


class RunType(StrEnum):
    INTERVALS = "intervals"
    SPEED = "speed"
    THRESHOLD = "threshold"
    TEMPO = "tempo"
    HILLS = "hills"
    FARTLEK = "fartlek"
    LONG = "long"
    PROGRESSION = "progression"
    RACE = "race"
    EASY = "easy"
    RECOVERY = "recovery"
    SHAKEOUT = "shakeout"


QUALITY_RUNS = frozenset(
    {
        RunType.INTERVALS,
        RunType.SPEED,
        RunType.THRESHOLD,
        RunType.TEMPO,
        RunType.HILLS,
        RunType.FARTLEK,
        RunType.LONG,
        RunType.PROGRESSION,
        RunType.RACE,
    }
)


class Phase(StrEnum):
    BASE = "base"
    MAINTENANCE = "maintenance"
    BUILD = "build"
    PEAK = "peak"
    TAPER = "taper"
    RECOVERY = "recovery"


# Phases whose weeks carry quality days, where loaded work is kept to the hard days.
QUALITY_PHASES = frozenset({Phase.BUILD, Phase.PEAK, Phase.TAPER})


class Experience(StrEnum):
    NOVICE = "novice"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class StrengthKind(StrEnum):
    HEAVY = "heavy"
    PLYOMETRIC = "plyometric"
    BODYWEIGHT = "bodyweight"
    CORE = "core"
    PILATES = "pilates"


LOADED_KINDS = frozenset({StrengthKind.HEAVY, StrengthKind.PLYOMETRIC})


class DayType(StrEnum):
    REST = "rest"
    EASY = "easy"
    HARD = "hard"


class Units(StrEnum):
    KG = "kg"
    LB = "lb"


EQUIPMENT = (
    "bands",
    "mini_bands",
    "mat",
    "dumbbells",
    "kettlebell",
    "box",
    "pullup_bar",
    "bench",
    "barbell",
    "rack",
    "cable",
)
"""Equipment ids in the order a runner usually buys them (guidelines §3, the equipment path)."""


def format_clock(minutes: int) -> str:
    """`1110` -> `"18:30"`."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def format_duration(minutes: int) -> str:
    """`570` -> `"9 h 30 min"`, `45` -> `"45 min"`."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


@dataclass(frozen=True, slots=True)
class Window:
    """A stretch of the day when strength work can happen, in minutes after midnight."""

    start: int
    end: int

    def __str__(self) -> str:
        return f"{format_clock(self.start)}-{format_clock(self.end)}"


@dataclass(frozen=True, slots=True)
class Run:
    type: RunType
    start: int
    minutes: int
    start_given: bool = True
    distance_km: float | None = None
    note: str | None = None
    goal: bool = False

    @property
    def end(self) -> int:
        return self.start + self.minutes

    @property
    def is_quality(self) -> bool:
        return self.type in QUALITY_RUNS


@dataclass(frozen=True, slots=True)
class Tempo:
    """How long each part of a rep takes, in seconds: lowering, pause at the bottom, lifting."""

    lower_seconds: int
    pause_seconds: int
    lift_seconds: int

    @property
    def rep_seconds(self) -> int:
        return self.lower_seconds + self.pause_seconds + self.lift_seconds


@dataclass(frozen=True, slots=True)
class Prescription:
    """One exercise of a session with its dose. Exactly one of reps/seconds is set; a load
    comes with the %1RM it was worked out from, otherwise the effort is given as reps in
    reserve. A lift with a target from the log takes its reps and load from that target
    (`progression` names the step), with the reps in reserve it aims for. `warm_up_sets` are
    light ramp-up sets before the working `sets` (not part of the dose); `tempo`, when set, is
    the pace of every rep (body-weight rungs in a heavy session)."""

    exercise_id: str
    name: str
    pattern: str
    sets: int
    reps: int | None
    seconds: int | None
    load: float | None
    unit: str
    percent_1rm: float | None
    reps_in_reserve: int | None
    rest_seconds: int
    implements: int = 0
    unilateral: bool = False
    one_rep_max: float | None = None
    one_rep_max_source: str | None = None
    progression: str | None = None  # the log's last step when reps and load are its target
    warm_up_sets: int = 0
    tempo: Tempo | None = None


@dataclass(frozen=True, slots=True)
class StrengthSession:
    kind: StrengthKind
    start: int
    minutes: int
    fixed: bool = False
    exercises: tuple[Prescription, ...] = ()
    start_given: bool = True
    minutes_given: bool = True
    deload: bool = False

    @property
    def end(self) -> int:
        return self.start + self.minutes

    @property
    def is_loaded(self) -> bool:
        return self.kind in LOADED_KINDS

    def filled(
        self, exercises: tuple[Prescription, ...], minutes: int, deload: bool
    ) -> StrengthSession:
        """This session with its contents (a plain constructor call: planning is hot code)."""
        return StrengthSession(
            self.kind, self.start, minutes, self.fixed, exercises,
            self.start_given, self.minutes_given, deload,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Day:
    date: date
    runs: tuple[Run, ...] = ()
    strength: tuple[StrengthSession, ...] = ()

    def with_strength(self, strength: tuple[StrengthSession, ...]) -> Day:
        return Day(self.date, self.runs, strength)

    @property
    def day_type(self) -> DayType:
        if not self.runs:
            return DayType.REST
        if any(run.is_quality for run in self.runs):
            return DayType.HARD
        return DayType.EASY

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.date.weekday()]

    @property
    def weekday_name(self) -> str:
        return WEEKDAY_NAMES[self.date.weekday()]


@dataclass(frozen=True, slots=True)
class Race:
    """A race outside the runs of the week (say, next week's goal race), for `race-buffer`."""

    date: date
    goal: bool = False
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Week:
    start: date
    days: tuple[Day, ...]
    cutback: bool = False
    deload: bool | None = None
    next_day_type: DayType | None = None
    races: tuple[Race, ...] = ()

    @property
    def is_deload(self) -> bool:
        """A strength deload falls on the running plan's cutback week unless the runner says."""
        return self.cutback if self.deload is None else self.deload

    def date_of(self, index: int) -> date:
        return self.start + timedelta(days=index)


@dataclass(frozen=True, slots=True)
class RepTest:
    exercise: str
    load: float
    reps: int
    reps_in_reserve: int = 0  # reps left when the set stopped (a novice's working-weight set)


@dataclass(frozen=True, slots=True)
class Kit:
    """What loads the runner's equipment can make, in the runner's unit."""

    dumbbells: tuple[float, ...]
    kettlebells: tuple[float, ...]
    plates: tuple[float, ...]
    barbell: float
    cable_step: float


DEFAULT_WINDOW = Window(6 * 60, 21 * 60)


@dataclass(frozen=True, slots=True)
class Athlete:
    name: str
    experience: Experience
    phase: Phase
    units: Units = Units.KG
    equipment: frozenset[str] = frozenset()
    heavy_sessions: int | None = None
    one_rep_max: tuple[tuple[str, float], ...] = ()
    rep_tests: tuple[RepTest, ...] = ()
    available: tuple[tuple[Window, ...], ...] = field(
        default_factory=lambda: tuple((DEFAULT_WINDOW,) for _ in WEEKDAYS)
    )
    kit: Kit | None = None
    formula: str = "epley"
    usual_run_start: int = 7 * 60
    lighter: bool = False  # the lighter plan accepted after `reassess-when-running-declines`
    max_sources: tuple[tuple[str, str], ...] = ()  # where a one_rep_max came from, when not given

    def windows(self, weekday_index: int) -> tuple[Window, ...]:
        return self.available[weekday_index]
