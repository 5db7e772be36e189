"""The FIT workout encoder: every exported step comes back field by field through fitdecode
(the reference decoder) and fit-tool (a second peer); generated sessions round-trip; every
exercise of the library has a FIT name that the FIT profile knows."""

from __future__ import annotations

import io
import struct
from dataclasses import replace
from datetime import UTC, date, datetime

import fitdecode
import pytest
from fitdecode import profile as fit_profile
from hypothesis import given, settings
from hypothesis import strategies as st

from runlift.catalog import load_library
from runlift.domain.model import Prescription, StrengthKind, StrengthSession
from runlift.io.fitencode import (
    Duration,
    FitEncodeError,
    Intensity,
    Workout,
    WorkoutStep,
    crc16,
    encode_workout,
    fit_names,
    session_workout,
)
from runlift.io.fitencode.records import UINT16, Field, encode_value

CREATED = datetime(2026, 12, 1, 6, 30, tzinfo=UTC)
TUESDAY = date(2026, 12, 1)


def decode(data: bytes) -> list[fitdecode.FitDataMessage]:
    """Every data message, with both CRCs checked (fitdecode raises on a mismatch)."""
    with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.ENABLED) as reader:
        return [f for f in reader if isinstance(f, fitdecode.FitDataMessage)]


def values(message: fitdecode.FitDataMessage) -> dict[str, object]:
    return {f.name: f.value for f in message.fields}


def step_back(fields: dict[str, object]) -> WorkoutStep:
    """A decoded workout_step message as the step it was written from."""
    timed = fields["duration_type"] == "time"
    amount = fields["duration_time"] if timed else fields["duration_reps"]
    unit = {"kilogram": "kg", "pound": "lb", None: "kg"}[fields["weight_display_unit"]]
    weight = fields["exercise_weight"]
    if weight is not None and unit == "lb":
        weight = round(weight / 0.45359237, 1)
    category = fields["exercise_category"]
    numbers = {v: k for k, v in fit_profile.FIELD_TYPES["exercise_category"].enum.items()}
    return WorkoutStep(
        name=fields["wkt_step_name"] or "",
        intensity=Intensity.REST if fields["intensity"] == "rest" else Intensity.ACTIVE,
        duration=Duration.TIME if timed else Duration.REPS,
        amount=round(amount),
        category=None if category is None else numbers.get(category, category),
        exercise=fields["exercise_name"],
        weight=weight,
        unit=unit,
        notes=fields["notes"] or "",
    )


def prescription(exercise_id: str, **dose) -> Prescription:
    lift = load_library()[exercise_id]
    base = dict(
        exercise_id=exercise_id, name=lift.name, pattern=lift.pattern, sets=3, reps=6,
        seconds=None, load=None, unit="kg", percent_1rm=None, reps_in_reserve=2,
        rest_seconds=90, implements=lift.implements, unilateral=lift.unilateral,
    )  # fmt: skip
    return Prescription(**(base | dose))


HEAVY = StrengthSession(
    StrengthKind.HEAVY, 17 * 60, 40,
    exercises=(
        prescription("back_squat", load=70.0, percent_1rm=78.0, reps_in_reserve=None),
        prescription("dumbbell_reverse_lunge", sets=2, reps=8, load=12.5, reps_in_reserve=None),
        prescription("side_plank", sets=2, reps=None, seconds=30, rest_seconds=30),
    ),
)  # fmt: skip


# -- the file as a whole ------------------------------------------------------------------
def test_header_names_a_fit_file_and_both_crcs_hold():
    data = encode_workout(session_workout(TUESDAY, HEAVY, fit_names(), CREATED))
    size, protocol, profile, body, magic, header_crc = struct.unpack("<BBHI4sH", data[:14])
    assert (size, magic) == (14, b".FIT")
    assert protocol >> 4 in (1, 2) and profile >= 2000
    assert body == len(data) - 14 - 2
    assert header_crc == crc16(data[:12])
    assert struct.unpack("<H", data[-2:])[0] == crc16(data[:-2])
    assert crc16(data) == 0  # a file followed by its own CRC checks to zero


def test_crc_matches_the_published_check_value():
    assert crc16(b"123456789") == 0xBB3D  # CRC-16/ARC, which the FIT CRC is


def test_file_id_and_workout_say_a_strength_workout():
    messages = decode(encode_workout(session_workout(TUESDAY, HEAVY, fit_names(), CREATED)))
    assert [m.name for m in messages[:2]] == ["file_id", "workout"]
    file_id, workout = values(messages[0]), values(messages[1])
    assert file_id["type"] == "workout"
    assert file_id["time_created"] == CREATED
    assert workout["sport"] == "training"
    assert workout["sub_sport"] == "strength_training"
    assert workout["wkt_name"] == "Heavy strength 1 Dec"
    steps = [m for m in messages if m.name == "workout_step"]
    assert workout["num_valid_steps"] == len(steps) == (3 + 2 + 2) * 2 - 1


def test_every_step_comes_back_field_by_field():
    messages = decode(encode_workout(session_workout(TUESDAY, HEAVY, fit_names(), CREATED)))
    steps = [values(m) for m in messages if m.name == "workout_step"]
    assert [s["message_index"] for s in steps] == list(range(len(steps)))
    squat = steps[0]
    assert squat["wkt_step_name"] == "Back squat"
    assert squat["duration_type"] == "reps" and squat["duration_reps"] == 6
    assert squat["target_type"] == "open"
    assert squat["intensity"] == "active"
    assert squat["exercise_category"] == "squat"
    assert squat["exercise_name"] == 6  # barbell_back_squat in the FIT profile
    assert squat["exercise_weight"] == 70.0 and squat["weight_display_unit"] == "kilogram"
    rest = steps[1]
    assert rest["intensity"] == "rest"
    assert rest["duration_type"] == "time" and rest["duration_time"] == 90.0
    assert rest["exercise_category"] is None and rest["exercise_weight"] is None
    lunge = steps[6]
    assert lunge["exercise_category"] == "lunge" and lunge["exercise_name"] == 82
    assert lunge["exercise_weight"] == 12.5
    assert lunge["notes"] == "each side; in each hand"
    plank = steps[10]
    assert plank["wkt_step_name"] == "Side plank"
    assert plank["duration_type"] == "time" and plank["duration_time"] == 30.0
    assert plank["exercise_category"] == "plank" and plank["exercise_weight"] is None
    assert plank["notes"] == "each side; leave 2 in reserve"
    assert steps[-1]["intensity"] == "active"  # no rest after the session's last set


def test_fit_tool_reads_the_same_steps():
    from fit_tool.fit_file import FitFile
    from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage

    data = encode_workout(session_workout(TUESDAY, HEAVY, fit_names(), CREATED))
    steps = [r.message for r in FitFile.from_bytes(data).records
             if isinstance(r.message, WorkoutStepMessage)]  # fmt: skip
    assert len(steps) == 13
    assert steps[0].exercise_category == 28 and steps[0].exercise_name == 6
    assert steps[0].duration_value == 6 and steps[0].exercise_weight == pytest.approx(70.0)
    assert steps[1].intensity == 1 and steps[1].duration_value == pytest.approx(90.0)


def test_pounds_are_stored_in_kilograms_and_shown_in_pounds():
    step = WorkoutStep("Deadlift", Intensity.ACTIVE, Duration.REPS, 5, 8, 0, 225.0, "lb")
    messages = decode(encode_workout(Workout("lb", (step,), CREATED)))
    fields = values(messages[-1])
    assert fields["weight_display_unit"] == "pound"
    assert fields["exercise_weight"] == pytest.approx(225 * 0.45359237, abs=0.006)


def test_long_names_are_cut_at_a_character_boundary():
    step = WorkoutStep("é" * 40, Intensity.ACTIVE, Duration.REPS, 5)
    fields = values(decode(encode_workout(Workout("ü" * 60, (step,), CREATED)))[-1])
    assert fields["wkt_step_name"] == "é" * 23  # 47 bytes and the NUL


@pytest.mark.parametrize(
    ("step", "message"),
    [
        (WorkoutStep("x", Intensity.ACTIVE, Duration.REPS, -1), "below 0"),
        (WorkoutStep("x", Intensity.ACTIVE, Duration.REPS, 5, weight=700.0), "cannot be written"),
        (WorkoutStep("x", Intensity.ACTIVE, Duration.REPS, 5, category=70000), "outside"),
    ],
)
def test_values_a_field_cannot_hold_are_refused(step, message):
    with pytest.raises(FitEncodeError, match=message):
        encode_workout(Workout("x", (step,), CREATED))


def test_a_missing_value_is_written_as_the_types_invalid_value():
    assert encode_value(Field(11, UINT16), None) == b"\xff\xff"


def test_a_naive_creation_time_is_refused():
    with pytest.raises(FitEncodeError, match="time zone"):
        encode_workout(Workout("x", (), datetime(2026, 12, 1)))  # noqa: DTZ001


# -- generated sessions round-trip --------------------------------------------------------
steps = st.builds(
    WorkoutStep,
    name=st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12),
    intensity=st.sampled_from(Intensity),
    duration=st.sampled_from(Duration),
    amount=st.integers(0, 3600),
    category=st.none() | st.sampled_from([0, 3, 8, 17, 19, 20, 28, 37]),
    exercise=st.none() | st.integers(0, 120),
    weight=st.none() | st.integers(0, 4000).map(lambda q: q / 10),
    unit=st.sampled_from(["kg", "lb"]),
    notes=st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=20),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(steps, max_size=30))
def test_encode_then_decode_gives_back_the_same_steps(generated):
    data = encode_workout(Workout("Generated", tuple(generated), CREATED))
    back = [step_back(values(m)) for m in decode(data) if m.name == "workout_step"]
    for sent, got in zip(generated, back, strict=True):
        unit = sent.unit if sent.weight is not None else "kg"  # no load: no unit written
        assert replace(got, weight=None) == replace(sent, weight=None, unit=unit)
        if sent.weight is None:
            assert got.weight is None
        else:
            assert got.weight == pytest.approx(sent.weight, abs=0.05)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(load_library().exercises)),
            st.integers(1, 5), st.integers(1, 20), st.integers(0, 180),
            st.none() | st.integers(1, 200).map(float),
        ),
        min_size=1, max_size=6,
    )
)  # fmt: skip
def test_generated_sessions_put_every_set_on_the_watch(items):
    session = StrengthSession(StrengthKind.HEAVY, 18 * 60, 45, exercises=tuple(
        prescription(x, sets=n, reps=r, rest_seconds=rest, load=load) for x, n, r, rest, load in items
    ))  # fmt: skip
    data = encode_workout(session_workout(TUESDAY, session, fit_names(), CREATED))
    back = [values(m) for m in decode(data) if m.name == "workout_step"]
    active = [s for s in back if s["intensity"] == "active"]
    expected = [(x, r, load) for x, n, r, _, load in items for _ in range(n)]
    assert len(active) == len(expected)
    for fields, (exercise_id, reps, load) in zip(active, expected, strict=True):
        fit = fit_names()[exercise_id]
        assert fields["wkt_step_name"] == load_library()[exercise_id].name
        assert fields["duration_reps"] == reps
        assert fields["exercise_name"] == fit.name_number
        assert fields["exercise_weight"] == load
    rests = [s for s in back if s["intensity"] == "rest"]
    assert all(s["duration_time"] > 0 for s in rests)


# -- the reviewed mapping -----------------------------------------------------------------
def test_every_exercise_of_the_library_has_a_fit_name():
    library = set(load_library().exercises)
    mapped = set(fit_names())
    assert library - mapped == set(), "exercises without a FIT name in fit_exercises.toml"
    assert mapped - library == set(), "fit_exercises.toml names exercises the library lacks"


def test_every_fit_name_is_in_the_fit_profile_under_its_number():
    categories = fit_profile.FIELD_TYPES["exercise_category"].enum
    for exercise_id, fit in fit_names().items():
        assert categories.get(fit.category_number) == fit.category, exercise_id
        if fit.name is not None:
            names = fit_profile.FIELD_TYPES[f"{fit.category}_exercise_name"].enum
            assert names.get(fit.name_number) == fit.name, exercise_id
