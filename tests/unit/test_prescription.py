"""One-rep max formulas, the RPE chart and loads the kit can make (guidelines §3-4)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from runlift.domain.model import Experience, Phase, RepTest, StrengthKind, Units
from runlift.domain.prescription import (
    EstimateError,
    estimate_from_set,
    estimate_one_rep_max,
    known_maxes,
    percent_of_max,
    reps_in_reserve_for,
    round_load,
)
from runlift.domain.sessions import Composer
from tests.helpers import GYM, athlete, library

TABLES = library().tables


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("epley", 116.7),
        ("brzycki", 112.5),
        ("lander", 113.7),
        ("lombardi", 117.5),
        ("mayhew", 119.0),
        ("oconner", 112.5),
        ("wathan", 116.6),
    ],
)
def test_each_formula_matches_the_guidelines_for_100_by_5(formula, expected):
    estimate = estimate_one_rep_max(100, 5, TABLES.formulas[formula])
    assert round(estimate.one_rep_max, 1) == expected


@pytest.mark.parametrize("formula", list(TABLES.formulas))
def test_one_rep_returns_the_load_itself(formula):
    assert estimate_one_rep_max(82.5, 1, TABLES.formulas[formula]).one_rep_max == 82.5


def test_tests_of_11_to_20_reps_are_rough_and_more_are_refused():
    epley = TABLES.formulas["epley"]
    assert not estimate_one_rep_max(50, 10, epley).rough
    assert estimate_one_rep_max(50, 11, epley).rough
    assert estimate_one_rep_max(50, 20, epley).rough
    with pytest.raises(EstimateError, match="too light"):
        estimate_one_rep_max(50, 21, epley)
    with pytest.raises(EstimateError, match="1 to 20"):
        estimate_one_rep_max(50, 0, epley)


def test_rpe_chart_by_reps_plus_reps_in_reserve():
    assert percent_of_max(1, 0, TABLES) == 100
    assert percent_of_max(6, 2, TABLES) == 78.6
    assert percent_of_max(5, 0, TABLES) == 86.3
    assert percent_of_max(10, 4, TABLES) == 62.6
    assert reps_in_reserve_for(6, 78.6, TABLES) == 2


@pytest.mark.parametrize(
    ("dose",),
    [(key,) for key in TABLES.doses if key.split(".")[0] in ("heavy", "heavy_b")],
)
def test_heavy_doses_stay_within_75_to_85_percent_and_4_to_10_reps(dose):
    d = TABLES.dose(dose)
    assert 1 <= d.sets <= 3
    assert 4 <= d.reps <= 10
    assert 75 <= percent_of_max(d.reps, d.reps_in_reserve, TABLES) <= 85


def test_fewer_reps_go_with_the_higher_percentage():
    a, b = TABLES.dose("heavy.intermediate"), TABLES.dose("heavy_b.intermediate")
    assert a.reps < b.reps
    assert percent_of_max(a.reps, a.reps_in_reserve, TABLES) > percent_of_max(
        b.reps, b.reps_in_reserve, TABLES
    )


KG, LB = TABLES.kits[Units.KG], TABLES.kits[Units.LB]


@pytest.mark.parametrize(
    ("target", "implement", "kit", "expected"),
    [
        (23.9, "kettlebell", KG, 24),
        (21.9, "kettlebell", KG, 20),  # 20 and 24 are the bells either side; 20 is nearer
        (22.0, "kettlebell", KG, 20),  # a tie goes lighter
        (13.0, "dumbbells", KG, 12),
        (70.7, "barbell", KG, 70),  # 20 kg bar + steps of 2 x 1.25 kg
        (71.3, "barbell", KG, 72.5),
        (10.0, "barbell", KG, 20),  # never lighter than the empty bar
        (196.0, "barbell", LB, 195),  # 45 lb bar + steps of 2 x 2.5 lb
        (41.0, "cable", KG, 40),
        (47, "dumbbells", LB, 45),
    ],
)
def test_loads_round_to_what_the_kit_can_make(target, implement, kit, expected):
    assert round_load(target, implement, kit) == expected


@pytest.mark.parametrize(
    ("target", "implement", "kit", "ceiling", "expected"),
    [
        (48.7, "kettlebell", LB, 51.0, 44),  # 53 lb is nearer but above 85 % of a 60 lb max
        (23.9, "kettlebell", KG, 25.5, 24),  # nearest is inside the band: kept
        (71.3, "barbell", KG, 71.0, 70),  # one plate step down
        (3.0, "dumbbells", KG, 0.5, 1),  # nothing light enough: the lightest there is
    ],
)
def test_a_rounded_load_stays_under_the_top_of_the_band(target, implement, kit, ceiling, expected):
    assert round_load(target, implement, kit, ceiling) == expected


def test_known_values_win_over_rep_tests():
    runner = replace(
        athlete(one_rep_max=(("back_squat", 100.0),)), rep_tests=(RepTest("back_squat", 80, 5),)
    )
    maxes = known_maxes(runner, TABLES)
    assert maxes["back_squat"].value == 100
    assert maxes["back_squat"].source == "given"


def test_rep_tests_name_their_formula():
    runner = replace(athlete(), rep_tests=(RepTest("goblet_squat", 24, 8),))
    assert known_maxes(runner, TABLES)["goblet_squat"].source == "Epley from 24 kg x 8"
    assert known_maxes(runner, TABLES, "brzycki")["goblet_squat"].source.startswith("Brzycki")


def test_a_novice_set_stopped_with_reps_left_counts_them_through_the_rpe_chart():
    epley = TABLES.formulas["epley"]
    # 20 kg x 10 with 2 left is as hard as 12 to failure: 68.0 % of a max, so 29.4 kg.
    spare = estimate_from_set(20, 10, epley, TABLES, reps_in_reserve=2)
    assert spare.chart and spare.method == "rpe_chart" and spare.label == "RPE chart"
    assert round(spare.one_rep_max, 1) == round(20 * 100 / 68.0, 1) == 29.4
    assert spare.one_rep_max > estimate_from_set(20, 10, epley, TABLES).one_rep_max  # 26.7
    assert spare.rough  # a 12-rep effort predicts roughly
    assert spare.source("kg") == "RPE chart from 20 kg x 10 with 2 in reserve"
    # Nothing left: the formula, as before.
    assert estimate_from_set(100, 5, epley, TABLES) == estimate_one_rep_max(100, 5, epley)
    # Past the chart's 14 (12 reps with 3 left): the formula at n = 15, still rough.
    past = estimate_from_set(20, 12, epley, TABLES, reps_in_reserve=3)
    assert not past.chart and past.one_rep_max == pytest.approx(20 * (1 + 15 / 30))


@pytest.mark.parametrize(
    ("reps", "spare", "message"),
    [(8, 6, "from 0 to 5"), (8, -1, "from 0 to 5"), (18, 3, "as light as 21 reps to failure")],
)
def test_reps_in_reserve_past_what_a_runner_can_judge_are_refused(reps, spare, message):
    with pytest.raises(EstimateError, match=message) as refused:
        estimate_from_set(20, reps, TABLES.formulas["epley"], TABLES, reps_in_reserve=spare)
    assert refused.value.field == "reps_in_reserve"


def test_a_rep_test_with_reps_in_reserve_gives_the_plan_its_estimate():
    runner = replace(athlete(), rep_tests=(RepTest("goblet_squat", 20, 10, 2),))
    known = known_maxes(runner, TABLES)["goblet_squat"]
    assert known.value == 29.4 and known.rough
    assert known.source == "RPE chart from 20 kg x 10 with 2 in reserve"


def composer(experience="intermediate", phase="build", equipment=GYM, maxes=()):
    runner = athlete(experience, phase, equipment=equipment, one_rep_max=maxes)
    return Composer(runner, library(), known_maxes(runner, TABLES))


def test_a_tested_lift_comes_first_within_its_pattern():
    session = composer(maxes=(("goblet_squat", 40.0),)).compose(StrengthKind.HEAVY, total=2)
    assert session.exercises[0].exercise_id == "goblet_squat"
    assert session.exercises[0].load == 32  # 78.6 % of 40 = 31.4 -> the 32 kg bell


def test_without_a_max_loads_are_given_as_reps_in_reserve():
    session = composer().compose(StrengthKind.HEAVY, total=2)
    lifted = [x for x in session.exercises if x.reps is not None]
    assert lifted and all(x.load is None and x.reps_in_reserve == 2 for x in lifted)


def test_heavy_sessions_vary_their_exercises_across_the_week():
    c = composer()
    first = {x.exercise_id for x in c.compose(StrengthKind.HEAVY, index=0, total=2).exercises}
    second = {x.exercise_id for x in c.compose(StrengthKind.HEAVY, index=1, total=2).exercises}
    assert not first & second


def test_body_weight_only_still_gets_a_heavy_session_from_the_top_rungs():
    session = composer(equipment=frozenset()).compose(StrengthKind.HEAVY, total=1)
    assert {x.pattern for x in session.exercises} >= {"squat", "lunge", "hinge", "push"}
    assert all(library()[x.exercise_id].equipment == (frozenset(),) for x in session.exercises)


def test_novices_stay_on_the_lower_rungs_and_get_calf_raises():
    session = composer("novice").compose(StrengthKind.BODYWEIGHT, main=True, plyometrics=True)
    assert all(library()[x.exercise_id].level <= 2 for x in session.exercises)
    assert session.exercises[0].exercise_id == "calf_raise"
    assert 10 <= session.minutes <= 30


def test_deload_halves_the_sets():
    normal = composer().compose(StrengthKind.HEAVY, total=2)
    light = composer().compose(StrengthKind.HEAVY, total=2, deload=True)
    assert [x.sets for x in normal.exercises] == [3] * len(normal.exercises)
    assert [x.sets for x in light.exercises] == [2] * len(light.exercises)


def test_taper_keeps_heavy_work_to_two_sets():
    session = composer(phase="taper").compose(StrengthKind.HEAVY, total=1, plyometrics=True)
    assert max(x.sets for x in session.exercises) <= 2
    assert 30 <= session.minutes <= 60


@pytest.mark.parametrize("experience", list(Experience))
@pytest.mark.parametrize("phase", list(Phase))
@pytest.mark.parametrize("total", [1, 2, 3])
def test_heavy_sessions_are_estimated_within_30_to_60_minutes(experience, phase, total):
    c = composer(experience.value, phase.value)
    for index in range(total):
        session = c.compose(StrengthKind.HEAVY, index=index, total=total, plyometrics=index == 0)
        assert 30 <= session.minutes <= 60
        assert c.estimate_minutes(StrengthKind.HEAVY, list(session.exercises)) <= 60
