"""The log's targets in the planned week: the planner prescribes what `progress` says next."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from runlift.domain.log import ExerciseDone, SetDone, StrengthDone
from runlift.domain.model import StrengthKind
from runlift.domain.planner import plan_week
from runlift.domain.targets import log_steps
from tests.helpers import ARTICLE_WEEK, EVENINGS, athlete, library

LIB = library()
ALEX = athlete(available=EVENINGS, one_rep_max=(("back_squat", 90.0),))


def session(on: date, *lifts: tuple[str, int, int, float | None, int | None]) -> StrengthDone:
    """`("back_squat", 3, 7, 70, 2)`: 3 sets of 7 at 70 kg with 2 in reserve."""
    done = tuple(
        ExerciseDone(lift, tuple(SetDone(reps, load, rir) for _ in range(sets)))
        for lift, sets, reps, load, rir in lifts
    )
    return StrengthDone(on, StrengthKind.HEAVY, done)


SQUATS = [  # 3 x 6 hits the target it sets; 3 x 7 twice beats it: one more rep
    session(date(2026, 11, 17), ("back_squat", 3, 6, 70, 2)),
    session(date(2026, 11, 19), ("back_squat", 3, 7, 70, 2)),
    session(date(2026, 11, 24), ("back_squat", 3, 7, 70, 2)),
]


def doses(plan, lift):
    return [
        (d.date, x.sets, x.reps, x.load, x.progression)
        for d in plan.week.days
        for s in d.strength
        for x in s.exercises
        if x.exercise_id == lift
    ]


def test_the_log_replays_into_each_lifts_step():
    log = [*SQUATS, session(date(2026, 11, 26), ("goblet_squat", 3, 20, 16, None))]
    steps = log_steps(ALEX, log, LIB)
    squat, goblet = steps["back_squat"], steps["goblet_squat"]
    assert (squat.action, squat.target.sets, squat.target.reps, squat.target.load) == (
        "add reps", 3, 7, 70
    )  # fmt: skip
    # 16 kg for 20 implies 26.7 kg: 20 kg is 75 % of it, for the bottom of the range.
    assert (goblet.action, goblet.target.reps, goblet.target.load) == ("far too light", 6, 20)


def test_jumps_core_and_holds_get_no_target():
    log = [session(date(2026, 11, 17), ("bounding", 3, 5, None, None), ("plank", 2, 1, None, None))]
    assert log_steps(ALEX, log, LIB) == {}


def test_the_planned_week_prescribes_the_logs_next_step_not_a_percentage_of_the_max():
    without = plan_week(ALEX, ARTICLE_WEEK, LIB)
    assert doses(without, "back_squat") == [(date(2026, 12, 1), 3, 6, 70, None)]  # 78.6 % of 90
    steps = log_steps(ALEX, SQUATS, LIB)
    planned = plan_week(ALEX, ARTICLE_WEEK, LIB, targets=steps)
    assert doses(planned, "back_squat") == [(date(2026, 12, 1), 3, 7, 70, "add reps")]
    item = next(x for d in planned.week.days for s in d.strength for x in s.exercises
                if x.exercise_id == "back_squat")  # fmt: skip
    assert (item.reps_in_reserve, item.percent_1rm, item.one_rep_max) == (2, 77.8, 90)


def test_without_a_log_the_plan_is_the_composers():
    assert plan_week(ALEX, ARTICLE_WEEK, LIB, targets={}) == plan_week(ALEX, ARTICLE_WEEK, LIB)


def test_a_deload_week_halves_the_sets_and_keeps_the_targets_reps_and_load():
    steps = log_steps(ALEX, SQUATS, LIB)
    cutback = replace(ARTICLE_WEEK, cutback=True)
    assert doses(plan_week(ALEX, cutback, LIB, targets=steps), "back_squat") == [
        (date(2026, 12, 1), 2, 7, 70, "add reps")
    ]


def test_the_lighter_plan_takes_a_set_off_and_keeps_the_targets_reps_and_load():
    steps = log_steps(ALEX, SQUATS, LIB)
    lighter = replace(ALEX, lighter=True)
    assert doses(plan_week(lighter, ARTICLE_WEEK, LIB, targets=steps), "back_squat") == [
        (date(2026, 12, 1), 2, 7, 70, "add reps")
    ]


def test_easy_day_body_weight_work_keeps_its_lighter_dose():
    planned = plan_week(ALEX, ARTICLE_WEEK, LIB)
    saturday = next(d for d in planned.week.days if d.date == date(2026, 12, 5))
    lunge = saturday.strength[0].exercises[0]
    log = [session(date(2026, 11, 17), (lunge.exercise_id, 3, 8, None, 2))]
    steps = log_steps(ALEX, log, LIB)
    assert lunge.exercise_id in steps
    again = plan_week(ALEX, ARTICLE_WEEK, LIB, targets=steps)
    assert again.week.days[5] == saturday  # 2 x 12, 3 in reserve: not the heavy range's 8


def test_a_novice_who_beat_a_rung_twice_is_planned_the_next_one():
    novice = athlete("novice", "base", equipment=frozenset(), available=EVENINGS)
    first = date(2026, 11, 20)
    log = [
        replace(session(first + timedelta(days=i), ("air_squat", 2, 12, None, None)),
                kind=StrengthKind.BODYWEIGHT)
        for i in range(2)
    ]  # fmt: skip
    steps = log_steps(novice, log, LIB)
    assert (steps["air_squat"].action, steps["air_squat"].target.exercise_id) == (
        "climb", "figure_four_squat"
    )  # fmt: skip
    before = plan_week(novice, ARTICLE_WEEK, LIB)
    after = plan_week(novice, ARTICLE_WEEK, LIB, targets=steps)
    assert doses(before, "air_squat") == [(date(2026, 12, 1), 2, 10, None, None)]
    assert doses(after, "air_squat") == []
    assert doses(after, "figure_four_squat") == [(date(2026, 12, 1), 2, 7, None, "climb")]
    # The rung climbed from counts as used: Friday still varies the squat as before.
    assert after.week.days[4].strength == before.week.days[4].strength


def test_a_swap_at_the_gym_takes_the_swapped_lifts_own_target():
    from runlift.domain.prescription import known_maxes
    from runlift.domain.sessions import Composer

    log = [*SQUATS, session(date(2026, 11, 26), ("goblet_squat", 3, 8, 24, 2))]
    steps = log_steps(ALEX, log, LIB)
    plan = plan_week(ALEX, ARTICLE_WEEK, LIB, targets=steps)
    tuesday = plan.week.days[1].strength[0]
    squat = tuesday.exercises[0]
    assert (squat.exercise_id, squat.reps, squat.load) == ("back_squat", 7, 70)
    composer = Composer(ALEX, LIB, known_maxes(ALEX, LIB.tables), steps)
    goblet = composer.swapped(tuesday.kind, 0, squat, LIB["goblet_squat"])
    assert (goblet.sets, goblet.reps, goblet.load, goblet.progression) == (3, 8, 24, "hold")
    untracked = Composer(ALEX, LIB, known_maxes(ALEX, LIB.tables))
    assert untracked.swapped(tuesday.kind, 0, squat, LIB["goblet_squat"]).progression is None
