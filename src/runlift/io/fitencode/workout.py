"""A strength session as a FIT workout file, the way Garmin watches show strength workouts:
one step per set (a rep count, or a time for holds), with the exercise's FIT category and
name and the load, and a rest step after each set but the last."""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import IntEnum

from runlift.domain.model import Prescription, StrengthSession
from runlift.io.fitencode.names import FitName
from runlift.io.fitencode.records import (
    ENUM,
    STRING,
    UINT16,
    UINT32,
    UINT32Z,
    Field,
    FitEncodeError,
    FitFile,
    Message,
    string_size,
)

FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
KG_PER_LB = 0.45359237
# Profile values (FIT profile types: file, manufacturer, sport, sub_sport, wkt_step_target,
# fit_base_unit).
FILE_WORKOUT = 5
MANUFACTURER_DEVELOPMENT = 255
SPORT_TRAINING = 10
SUB_SPORT_STRENGTH = 20
TARGET_OPEN = 2
WEIGHT_UNITS = {"kg": 1, "lb": 2}
MAX_WEIGHT_KG = 655.34  # uint16 in hundredths of a kilogram, 0xFFFF being "no value"


class Intensity(IntEnum):
    ACTIVE = 0
    REST = 1


class Duration(IntEnum):
    TIME = 0
    REPS = 29


@dataclass(frozen=True, slots=True)
class WorkoutStep:
    """One step: a set (reps, or seconds of a hold) or a rest (seconds)."""

    name: str
    intensity: Intensity
    duration: Duration
    amount: int  # reps, or seconds
    category: int | None = None
    exercise: int | None = None
    weight: float | None = None  # in `unit`, as the runner reads it
    unit: str = "kg"
    notes: str = ""

    @property
    def weight_hundredths_kg(self) -> int | None:
        """The load as the file stores it: hundredths of a kilogram."""
        if self.weight is None:
            return None
        kg = self.weight * (KG_PER_LB if self.unit == "lb" else 1.0)
        if not 0 <= kg <= MAX_WEIGHT_KG:
            raise FitEncodeError(f"a load of {self.weight:g} {self.unit} cannot be written")
        return round(kg * 100)


@dataclass(frozen=True, slots=True)
class Workout:
    name: str
    steps: tuple[WorkoutStep, ...]
    created: datetime  # timezone-aware; the file's time_created


FILE_ID = 0
WORKOUT = 26
WORKOUT_STEP = 27


def _layouts(workout: Workout) -> tuple[Message, Message, Message]:
    name_size = string_size([workout.name], cap=48)
    step_size = string_size([s.name for s in workout.steps], cap=48)
    notes_size = string_size([s.notes for s in workout.steps], cap=96)
    file_id = Message(FILE_ID, (
        Field(0, ENUM), Field(1, UINT16), Field(2, UINT16), Field(3, UINT32Z), Field(4, UINT32),
    ))  # fmt: skip
    header = Message(WORKOUT, (
        Field(8, STRING, name_size), Field(4, ENUM), Field(11, ENUM), Field(6, UINT16),
    ))  # fmt: skip
    step = Message(WORKOUT_STEP, (
        Field(254, UINT16), Field(0, STRING, step_size), Field(1, ENUM), Field(2, UINT32),
        Field(3, ENUM), Field(4, UINT32), Field(7, ENUM), Field(8, STRING, notes_size),
        Field(10, UINT16), Field(11, UINT16), Field(12, UINT16), Field(13, UINT16),
    ))  # fmt: skip
    return file_id, header, step


def encode_workout(workout: Workout) -> bytes:
    """The bytes of a FIT workout file: file_id, workout, then the workout steps."""
    if workout.created.tzinfo is None:
        raise FitEncodeError("the creation time needs a time zone")
    created = int((workout.created - FIT_EPOCH).total_seconds())
    serial = zlib.crc32(f"{workout.name}|{created}".encode()) or 1
    file_id, header, step = _layouts(workout)
    out = FitFile()
    out.define(0, file_id)
    out.write(0, {0: FILE_WORKOUT, 1: MANUFACTURER_DEVELOPMENT, 2: 1, 3: serial, 4: created})
    out.define(1, header)
    out.write(1, {8: workout.name, 4: SPORT_TRAINING, 11: SUB_SPORT_STRENGTH,
                  6: len(workout.steps)})  # fmt: skip
    out.define(2, step)
    for index, s in enumerate(workout.steps):
        if s.amount < 0:
            raise FitEncodeError(f"step {index}: {s.amount} is below 0")
        weighted = s.weight is not None
        out.write(2, {
            254: index, 0: s.name, 1: int(s.duration),
            2: s.amount * 1000 if s.duration is Duration.TIME else s.amount,
            3: TARGET_OPEN, 4: 0, 7: int(s.intensity), 8: s.notes,
            10: s.category, 11: s.exercise, 12: s.weight_hundredths_kg,
            13: WEIGHT_UNITS.get(s.unit) if weighted else None,
        })  # fmt: skip
    return out.finish()


# -- a planned session as a workout --------------------------------------------------------
def _notes(item: Prescription) -> str:
    parts = []
    if item.unilateral:
        parts.append("each side")
    if item.load is not None and item.implements == 2:
        parts.append("in each hand")
    if item.load is None and item.reps_in_reserve is not None:
        parts.append(f"leave {item.reps_in_reserve} in reserve")
    elif item.load is None and item.pattern == "plyometric":
        parts.append("explosive, full rest")
    return "; ".join(parts)


def _sets(item: Prescription, fit: FitName | None) -> list[WorkoutStep]:
    timed = item.seconds is not None
    amount = item.seconds if item.seconds is not None else item.reps
    if amount is None:
        raise FitEncodeError(f"{item.name}: neither reps nor seconds")
    one = WorkoutStep(
        name=item.name,
        intensity=Intensity.ACTIVE,
        duration=Duration.TIME if timed else Duration.REPS,
        amount=amount,
        category=None if fit is None else fit.category_number,
        exercise=None if fit is None else fit.name_number,
        weight=item.load,
        unit=item.unit,
        notes=_notes(item),
    )
    return [one] * item.sets


def session_workout(
    on: date, session: StrengthSession, names: Mapping[str, FitName], created: datetime
) -> Workout:
    """The planned `session` of day `on` as a workout: a step per set, a rest step (the
    prescribed rest) after every set but the session's last."""
    steps: list[WorkoutStep] = []
    for item in session.exercises:
        for one in _sets(item, names.get(item.exercise_id)):
            steps.append(one)
            if item.rest_seconds > 0:
                steps.append(WorkoutStep("Rest", Intensity.REST, Duration.TIME, item.rest_seconds))
    if steps and steps[-1].intensity is Intensity.REST:
        steps.pop()
    title = f"{session.kind.value.capitalize()} strength {on.day} {on:%b}"
    return Workout(title, tuple(steps), created)
