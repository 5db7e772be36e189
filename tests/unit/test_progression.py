"""Progression asserted as whole series of sessions (as wger's slot-entry tests do)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from runlift.domain.log import ExerciseDone, SetDone
from runlift.domain.model import Units
from runlift.domain.progression import (
    Target,
    estimated_max,
    load_down,
    load_up,
    next_step,
    reset_load,
    retest_due,
)
from tests.helpers import library

LIB = library()
TABLES = LIB.tables
KG = TABLES.kits[Units.KG]


def simulate(target, performances, implement="barbell", climb=False):
    """Feed the planner one session at a time; `performances(target)` says what was lifted.
    Returns the series of (load, reps, action) it prescribes."""
    series = []
    history: list[ExerciseDone] = []
    for perform in performances:
        done = ExerciseDone(target.exercise_id, perform(target))
        history.append(done)
        step = next_step(target, history, implement, KG, TABLES, LIB, climb=climb)
        if step.target != target:
            history = []
        target = step.target
        series.append((target.load, target.reps, step.action))
    return series


def beat(target):
    return tuple(SetDone(target.reps + 2, target.load, 2) for _ in range(target.sets))


def hit(target):
    return tuple(SetDone(target.reps, target.load, 0) for _ in range(target.sets))


def miss(target):
    return tuple(SetDone(target.reps - 2, target.load, 0) for _ in range(target.sets))


def test_double_progression_adds_reps_then_load_over_twelve_sessions():
    start = Target("back_squat", 3, 6, 80.0, low=6, high=8)
    series = simulate(start, [beat] * 12)
    assert [(load, reps) for load, reps, _ in series] == [
        (80.0, 6), (80.0, 7),  # beaten twice at 6: one more rep
        (80.0, 7), (80.0, 8),
        (80.0, 8), (82.5, 6),  # top of the range beaten twice: +2.5 kg (3 %), back to 6
        (82.5, 6), (82.5, 7),
        (82.5, 7), (82.5, 8),
        (82.5, 8), (85.0, 6),
    ]  # fmt: skip


def test_hitting_the_target_without_spare_reps_holds():
    series = simulate(Target("back_squat", 3, 6, 80.0, 6, 8), [hit] * 10)
    assert {(load, reps) for load, reps, _ in series} == {(80.0, 6)}


def test_two_misses_in_a_row_step_back_and_one_miss_holds():
    start = Target("back_squat", 3, 6, 100.0, 6, 8)
    series = simulate(start, [miss, hit, miss, miss, beat, beat])
    assert [(load, reps, action) for load, reps, action in series] == [
        (100.0, 6, "hold"),
        (100.0, 6, "hold"),
        (100.0, 6, "hold"),
        (95.0, 6, "step back"),
        (95.0, 6, "hold"),
        (95.0, 7, "add reps"),
    ]


def twenty(target):
    return tuple(SetDone(20, target.load) for _ in range(target.sets))


def test_twenty_reps_in_a_set_means_far_too_light():
    start = Target("goblet_squat", 3, 8, 12.0, 8, 10)
    step = next_step(
        start, [ExerciseDone("goblet_squat", (SetDone(20, 12.0),))], "kettlebell", KG, TABLES
    )
    assert step.action == "far too light"
    assert step.target.load is not None and step.target.load >= 12 * 1.15  # a real jump, not a step
    assert step.target.load <= 12 * (1 + 20 / 30) * 0.85


def test_a_set_of_twenty_resets_the_load_from_its_max_over_a_series_of_sessions():
    """8 kg for 20 implies 13.3 kg (Epley): 10 kg, 75 % of it, for 6. Built up to 3 x 8, 20
    reps again imply 16.7 kg: 14 kg (84 %), the bell in the band nearest 78.6 % (6 + 2)."""
    start = Target("goblet_squat", 3, 8, 8.0, 6, 8)
    series = simulate(start, [twenty, beat, beat, beat, beat, twenty, beat], "kettlebell")
    assert series == [
        (10.0, 6, "far too light"),
        (10.0, 6, "hold"), (10.0, 7, "add reps"),
        (10.0, 7, "hold"), (10.0, 8, "add reps"),
        (14.0, 6, "far too light"),  # not the next bell (12 kg): the max says 14
        (14.0, 6, "hold"),
    ]  # fmt: skip


def test_twenty_reps_session_after_session_jump_by_the_max_each_time():
    series = simulate(Target("back_squat", 3, 8, 40.0, 6, 8), [twenty] * 3 + [beat] * 2)
    assert [(load, reps) for load, reps, _ in series] == [
        (52.5, 6), (70.0, 6), (92.5, 6),  # each 78.6 % of load x 1.67, to the bar's 2.5 kg
        (92.5, 6), (92.5, 7),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("implement", "load", "reps", "reset"),
    [
        ("kettlebell", 16, 20, 20),  # max 26.7: 20 kg is 75 %; 24 kg would be 90 %
        ("kettlebell", 24, 30, 32),  # past 20 reps counts as 20: max 40, not 48
        ("barbell", 40, 20, 52.5),
        ("dumbbells", 10, 22, 14),  # max 16.7: 14 kg, 84 %
        ("cable", 30, 20, 40),
    ],
)
def test_the_reset_load_lands_in_the_heavy_band_of_the_sets_max(implement, load, reps, reset):
    assert reset_load(SetDone(reps, load), 6, implement, KG, TABLES) == reset
    e1rm = load * (1 + min(reps, 20) / 30)
    assert 75 <= reset / e1rm * 100 <= 85


def test_a_kit_with_nothing_heavier_in_reach_keeps_the_load_and_says_so():
    one_bell = replace(KG, kettlebells=(16.0, 32.0))  # 32 kg is 120 % of the max 16 x 20 implies
    start = Target("goblet_squat", 3, 8, 16.0, 6, 8)
    step = next_step(start, [ExerciseDone("goblet_squat", twenty(start))], "kettlebell",
                     one_bell, TABLES)  # fmt: skip
    assert (step.target, step.action) == (start, "far too light")
    assert "nothing heavier" in step.reason


def test_the_smallest_kit_step_is_used_even_when_it_is_big():
    assert load_up(16, "kettlebell", KG) == 18  # the next bell
    assert load_up(100, "barbell", KG) == 102.5
    assert load_up(20, "dumbbells", KG) == 22.5
    assert load_down(100, "barbell", KG) == 95
    assert load_down(16, "kettlebell", KG) == 14


def test_novices_climb_the_ladder_when_they_beat_the_top_of_the_range_twice():
    start = Target("air_squat", 2, 12, None, 10, 12)
    series = simulate(start, [beat, beat], implement=None, climb=True)
    assert series[-1][2] == "climb"
    assert LIB["air_squat"].progresses_to[0] in {"goblet_squat", *LIB["air_squat"].progresses_to}


def test_estimated_max_uses_the_effort_logged_or_epley():
    assert estimated_max([SetDone(5, 100, 0)], TABLES) == round(100 * 100 / 86.3, 1)
    assert estimated_max([SetDone(5, 100)], TABLES) == round(100 * (1 + 5 / 30), 1)
    assert estimated_max([SetDone(15, 100)], TABLES) is None


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        (None, "No one-rep max"),
        (date(2026, 11, 1), None),
        (date(2026, 10, 1), "plan a retest"),
        (date(2026, 9, 1), "time to retest"),
    ],
)
def test_retest_reminder_every_six_to_eight_weeks(last, expected):
    message = retest_due(last, date(2026, 11, 25))
    assert (message is None) if expected is None else (expected in message)


def test_a_deload_with_fewer_sets_is_not_a_miss():
    def deload(target):
        return tuple(SetDone(target.reps, target.load, 1) for _ in range(max(1, target.sets - 2)))

    series = simulate(Target("back_squat", 3, 6, 80.0, 6, 8), [deload, deload])
    assert [action for _, _, action in series] == ["hold", "hold"]
