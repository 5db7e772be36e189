"""A season to a goal race: phases, cutbacks, every week planned, replanning only what changed."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date

import pytest

from runlift.catalog import load_season_shape
from runlift.domain.model import Day, Phase, Race, StrengthKind
from runlift.domain.season import lay_out, plan_season, season_week_days
from tests.helpers import ARTICLE_WEEK, athlete, library

SHAPE = load_season_shape()
MARATHON = Race(date(2027, 4, 18), goal=True, name="Marathon")
TYPICAL = {i: Day(d.date, d.runs) for i, d in enumerate(ARTICLE_WEEK.days)}


def phases(weeks):
    return [w.phase for w in weeks]


def test_a_marathon_season_runs_base_build_peak_taper_then_recovery():
    weeks = lay_out(date(2026, 12, 1), MARATHON, 42.2, SHAPE)
    order = phases(weeks)
    assert order == sorted(
        order, key=[Phase.BASE, Phase.BUILD, Phase.PEAK, Phase.TAPER, Phase.RECOVERY].index
    )
    assert (
        order.count(Phase.TAPER) == 3
        and order.count(Phase.PEAK) == 3
        and order.count(Phase.RECOVERY) == 2
    )
    race_weeks = [w for w in weeks if w.race is not None]
    assert len(race_weeks) == 1 and race_weeks[0].phase is Phase.TAPER
    assert 0 <= (MARATHON.date - race_weeks[0].start).days < 7


@pytest.mark.parametrize(
    ("start", "distance"),
    [
        (date(2026, 12, 1), 42.2),
        (date(2027, 2, 1), 21.1),
        (date(2027, 3, 20), 5),
        (date(2027, 4, 14), 10),
    ],
)
def test_phases_shrink_to_the_weeks_available_and_cutbacks_come_every_few_weeks(start, distance):
    weeks = lay_out(start, MARATHON, distance, SHAPE)
    assert weeks[0].start <= start and weeks[-1].phase is Phase.RECOVERY
    assert any(w.race for w in weeks)
    cutbacks = [w.index for w in weeks if w.cutback]
    assert all(b - a >= 3 for a, b in itertools.pairwise(cutbacks))
    assert all(weeks[i].phase in (Phase.BASE, Phase.BUILD, Phase.PEAK) for i in cutbacks)
    run_of_loading = 0
    for w in weeks:
        if w.phase not in (Phase.BASE, Phase.BUILD, Phase.PEAK):
            break
        run_of_loading = 0 if w.cutback else run_of_loading + 1
        assert run_of_loading <= 5


def test_a_goal_race_before_the_start_is_refused():
    with pytest.raises(ValueError, match="before the season"):
        lay_out(date(2027, 5, 1), MARATHON, 42.2, SHAPE)


def _season():
    weeks = lay_out(date(2027, 1, 4), MARATHON, 42.2, SHAPE)
    inputs = [season_week_days(w, TYPICAL, 210, 8 * 60) for w in weeks]
    runner = replace(
        athlete(
            available={
                d: ["17:00-21:00"] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
            }
        )
    )
    return runner, weeks, inputs, plan_season(runner, weeks, inputs, library(), (MARATHON,))


def test_every_week_is_planned_with_its_phase_and_the_race_buffer_holds():
    _, weeks, _, season = _season()
    for week, plan in zip(weeks, season.plans, strict=True):
        heavy = sum(1 for d in plan.week.days for s in d.strength if s.kind is StrengthKind.HEAVY)
        assert plan.violations == ()
        if week.phase is Phase.PEAK:
            assert heavy <= 1
        if week.phase is Phase.RECOVERY:
            assert heavy == 0
        for day in plan.week.days:
            if 0 <= (MARATHON.date - day.date).days <= 7:
                assert not any(s.is_loaded for s in day.strength)
        if week.cutback:
            assert all(
                s.deload for d in plan.week.days for s in d.strength if s.kind is StrengthKind.HEAVY
            )


def test_changing_one_week_replans_only_it_and_the_week_before():
    runner, weeks, inputs, season = _season()
    changed = list(inputs)
    monday_quality = inputs[5].days[1].runs
    changed[5] = replace(
        inputs[5], days=(Day(inputs[5].days[0].date, monday_quality), *inputs[5].days[1:])
    )
    again = plan_season(runner, weeks, changed, library(), (MARATHON,), previous=season)
    same = [a is b for a, b in zip(season.plans, again.plans, strict=True)]
    assert same[5] is False and same[4] is False
    assert all(same[i] for i in range(len(same)) if i not in (4, 5))


def test_no_more_than_four_loading_weeks_between_cutbacks_before_the_taper():
    weeks = lay_out(date(2026, 6, 1), Race(date(2026, 10, 4), goal=True), 42.2, SHAPE)
    run = 0
    for week in weeks:
        if week.phase in (Phase.TAPER, Phase.RECOVERY):
            break
        run = 0 if week.cutback else run + 1
        assert run <= SHAPE.cutback_every
