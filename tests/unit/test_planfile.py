"""Plan files into domain values; anything else is one InputError naming the field."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runlift.domain.model import DayType, RunType, StrengthKind
from runlift.io.planfile import InputError
from runlift.io.weekfile import decode, parse_plan
from tests.helpers import library

LIBRARY = library()
TODAY = date(2026, 11, 25)  # a Wednesday


def plan(days, athlete=None, **week):
    return {
        "athlete": athlete or {"experience": "intermediate", "phase": "build"},
        "week": {"days": days, **week},
    }


def test_weekday_keys_without_a_start_begin_on_the_next_such_day():
    request = parse_plan(
        plan({"mon": "rest", "tue": [{"run": "easy", "minutes": 30}]}), LIBRARY, TODAY
    )
    assert request.week.start == date(2026, 11, 30)
    assert request.week.days[1].runs[0].type is RunType.EASY


def test_iso_date_keys_set_the_week():
    request = parse_plan(plan({"2026-12-02": [{"run": "tempo", "minutes": 50}]}), LIBRARY, TODAY)
    assert request.week.start == date(2026, 12, 2)
    assert request.week.days[0].day_type is DayType.HARD


def test_days_not_listed_are_rest_days_and_a_week_always_has_seven():
    request = parse_plan(
        plan({"tue": [{"run": "hills", "minutes": 50}]}, start="2026-11-30"), LIBRARY, TODAY
    )
    assert len(request.week.days) == 7
    assert [d.day_type for d in request.week.days].count(DayType.REST) == 6


def test_runs_without_a_start_take_the_usual_morning_and_a_second_one_the_evening():
    athlete = {"experience": "novice", "phase": "base", "usual_run_start": "06:15"}
    request = parse_plan(
        plan(
            {"mon": [{"run": "easy", "minutes": 40}, {"run": "shakeout", "minutes": 20}]},
            athlete,
            start="2026-11-30",
        ),
        LIBRARY,
        TODAY,
    )
    first, second = request.week.days[0].runs
    assert (first.start, first.start_given) == (6 * 60 + 15, False)
    assert second.start == first.end + 8 * 60


def test_fixed_strength_items_keep_their_kind_and_may_leave_the_time_to_the_planner():
    request = parse_plan(plan({"thu": [{"strength": "heavy"}]}, start="2026-11-30"), LIBRARY, TODAY)
    session = request.week.days[3].strength[0]
    assert session.kind is StrengthKind.HEAVY and session.fixed
    assert not session.start_given and not session.minutes_given


def test_unquoted_yaml_times_stay_clock_times():
    data = decode(
        "athlete: {experience: novice, phase: base}\nweek:\n  start: 2026-11-30\n  days:\n    mon:\n      - {run: easy, start: 17:30, minutes: 30}\n",
        "x.yaml",
    )
    request = parse_plan(data, LIBRARY, TODAY)
    assert request.week.days[0].runs[0].start == 17 * 60 + 30


def test_kit_overrides_only_what_it_names():
    athlete = {
        "experience": "advanced",
        "phase": "base",
        "units": "lb",
        "kit": {"plates": [45, 10, 5]},
    }
    kit = parse_plan(plan({"mon": "rest"}, athlete), LIBRARY, TODAY).athlete.kit
    assert kit is not None and kit.plates == (5.0, 10.0, 45.0) and kit.barbell == 45


BAD = [
    ({"athlete": {"phase": "build"}, "week": {"days": {"mon": "rest"}}}, "athlete.experience"),
    (
        plan({"mon": "rest"}, {"experience": "intermediate", "phase": "build", "units": "stone"}),
        "athlete.units",
    ),
    (
        plan(
            {"mon": "rest"},
            {"experience": "intermediate", "phase": "build", "available": {"mon": ["20:00-18:00"]}},
        ),
        "athlete.available.mon[0]",
    ),
    (
        plan(
            {"mon": "rest"},
            {"experience": "intermediate", "phase": "build", "one_rep_max": {"back_squat": -1}},
        ),
        "athlete.one_rep_max.back_squat",
    ),
    (
        plan(
            {"mon": "rest"},
            {"experience": "intermediate", "phase": "build", "one_rep_max": {"moon_press": 50}},
        ),
        "athlete.one_rep_max.moon_press",
    ),
    (
        plan({"mon": "rest"}, {"experience": "intermediate", "phase": "build", "formula": "guess"}),
        "athlete.formula",
    ),
    *[
        (
            plan(
                {"mon": "rest"},
                {
                    "experience": "novice",
                    "phase": "base",
                    "rep_tests": [
                        {
                            "exercise": "goblet_squat",
                            "load": 12,
                            "reps": reps,
                            "reps_in_reserve": spare,
                        }
                    ],
                },
            ),
            "athlete.rep_tests[0].reps_in_reserve",
        )
        for reps, spare in ((10, 6), (10, -1), (10, 1.5), (10, "2"), (18, 3))
    ],
    (
        plan({"mon": "rest"}, {"experience": "intermediate", "phase": "build", "colour": "red"}),
        "athlete.colour",
    ),
    (plan({"mon": [{"run": "easy", "minutes": 0}]}), "week.days.mon[0].minutes"),
    (plan({"mon": [{"run": "easy", "minutes": 60, "start": "23:30"}]}), "week.days.mon[0].minutes"),
    (plan({"mon": [{"run": "easy"}]}), "week.days.mon[0].minutes"),
    (plan({"mon": [{"run": "easy", "minutes": 30, "goal": True}]}), "week.days.mon[0].goal"),
    (plan({"mon": [{"strength": "crossfit"}]}), "week.days.mon[0].strength"),
    (plan({"mon": [{"swim": 30}]}), "week.days.mon[0]"),
    (plan({"mon": "tired"}), "week.days.mon"),
    (plan({"mon": "rest", "2026-11-30": "rest"}, start="2026-11-30"), "week.days.2026-11-30"),
    (plan({"2026-12-20": "rest"}, start="2026-11-30"), "week.days.2026-12-20"),
    (plan({"mon": "rest"}, start="30/11/2026"), "week.start"),
    (plan({"mon": "rest"}, next_day="busy"), "week.next_day"),
    (plan({"mon": "rest"}, cutback="yes"), "week.cutback"),
    (plan({}), "week.days"),
    ({"athlete": {"experience": "novice", "phase": "base"}}, "week"),
    ({**plan({"mon": "rest"}), "races": [{"goal": True}]}, "races[0].date"),
    (["not", "a", "mapping"], "plan file"),
]


def test_a_plan_files_rep_test_keeps_the_reps_left():
    athlete = {"experience": "novice", "phase": "base", "equipment": ["dumbbells"],
               "rep_tests": [{"exercise": "goblet_squat", "load": 20, "reps": 10,
                              "reps_in_reserve": 2},
                             {"exercise": "dumbbell_romanian_deadlift", "load": 20, "reps": 8}]}  # fmt: skip
    request = parse_plan(plan({"mon": "rest"}, athlete), LIBRARY, TODAY)
    assert [t.reps_in_reserve for t in request.athlete.rep_tests] == [2, 0]


@pytest.mark.parametrize(("data", "field"), BAD, ids=[b[1] for b in BAD])
def test_bad_input_names_the_field(data, field):
    with pytest.raises(InputError) as caught:
        parse_plan(data, LIBRARY, TODAY)
    assert caught.value.field == field


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 2000) | st.floats(allow_nan=False) | st.text(max_size=8)
    | st.sampled_from(["rest", "easy", "hills", "heavy", "06:30", "17:00-20:00", "2026-11-30", "mon", "novice", "build"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["athlete", "week", "days", "start", "run", "strength", "minutes", "experience", "phase",
                         "mon", "tue", "equipment", "available", "rep_tests", "exercise", "load", "reps", "reps_in_reserve",
                         "races", "kit"]),
        inner, max_size=5),
    max_leaves=20,
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    st.fixed_dictionaries({"athlete": JSONISH, "week": JSONISH})
    | st.fixed_dictionaries(
        {"athlete": st.just({"experience": "novice", "phase": "base"}), "week": JSONISH}
    )
    | st.fixed_dictionaries(
        {"athlete": JSONISH, "week": st.just({"start": "2026-11-30", "days": {"mon": "rest"}})}
    )
    | JSONISH
)
def test_any_shape_of_input_gives_a_plan_or_an_input_error_never_a_crash(data):
    try:
        parse_plan(data, LIBRARY, TODAY)
    except InputError as error:
        assert error.field and str(error)
