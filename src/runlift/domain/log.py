"""What was done: strength sessions as lifted, runs as run, races and time trials."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from runlift.domain.model import RunType, StrengthKind


@dataclass(frozen=True, slots=True)
class SetDone:
    reps: int
    load: float | None = None  # None: body weight or bands
    reps_in_reserve: int | None = None
    rpe: float | None = None

    @property
    def spare(self) -> int | None:
        """Reps left in the tank, from reps in reserve or RPE (RPE 10 = 0 in reserve)."""
        if self.reps_in_reserve is not None:
            return self.reps_in_reserve
        if self.rpe is not None:
            return max(0, round(10 - self.rpe))
        return None


@dataclass(frozen=True, slots=True)
class ExerciseDone:
    exercise_id: str
    sets: tuple[SetDone, ...]


@dataclass(frozen=True, slots=True)
class StrengthDone:
    date: date
    kind: StrengthKind
    exercises: tuple[ExerciseDone, ...] = ()
    minutes: int | None = None
    skipped: bool = False
    reason: str | None = None
    id: int | None = None

    def volume(self) -> float:
        """Strength load: sets x reps x load over each lift's work sets (those at its heaviest
        load: warm-ups would make starting to log them look like a rise); body-weight sets
        count no load."""
        total = 0.0
        for done in self.exercises:
            top = max((s.load or 0 for s in done.sets), default=0)
            total += sum(s.reps * top for s in done.sets if (s.load or 0) == top)
        return total


@dataclass(frozen=True, slots=True)
class RunDone:
    date: date
    type: RunType
    minutes: float
    distance_km: float | None = None
    avg_hr: int | None = None
    rpe: float | None = None
    id: int | None = None

    @property
    def load(self) -> float | None:
        """Session-RPE load: RPE x minutes."""
        return None if self.rpe is None else self.rpe * self.minutes


@dataclass(frozen=True, slots=True)
class RaceResult:
    date: date
    distance_km: float
    seconds: float
    time_trial: bool = False
    name: str | None = None
    id: int | None = None
