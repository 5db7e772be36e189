"""FIT workout files for strength sessions, written by a small encoder of our own on the
public FIT protocol (no SDK): records.py is the container, workout.py the workout messages,
names.py the exercises' FIT names (catalog/fit_exercises.toml)."""

from runlift.io.fit.crc import crc16
from runlift.io.fitencode.names import FitName, fit_names
from runlift.io.fitencode.records import FitEncodeError
from runlift.io.fitencode.workout import (
    Duration,
    Intensity,
    Workout,
    WorkoutStep,
    encode_workout,
    session_workout,
)

__all__ = [
    "Duration",
    "FitEncodeError",
    "FitName",
    "Intensity",
    "Workout",
    "WorkoutStep",
    "crc16",
    "encode_workout",
    "fit_names",
    "session_workout",
]
