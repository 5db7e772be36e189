"""The race date of a recovery phase without a database: its bounds, one race a day, and the
edges asking for it exactly when the planner does."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from runlift.domain.context import WeekContext
from runlift.domain.model import Race
from runlift.domain.planner import plan_week
from runlift.domain.rules import DEFAULT_RULES
from runlift.domain.rules.calendar import RecoveryWindow
from runlift.io.planfile import InputError
from runlift.tracking.races import (
    RECOVERY_RACE_WEEKS,
    asks_race_date,
    check_race_date,
    one_per_day,
    race_window,
)
from tests.helpers import MONDAY, athlete, library, run, week

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("day", "taken"),
    [
        (TODAY, True),
        (TODAY + timedelta(days=1), True),  # a day's grace for time zones
        (TODAY + timedelta(days=2), False),
        (TODAY - timedelta(weeks=RECOVERY_RACE_WEEKS), True),
        (TODAY - timedelta(weeks=RECOVERY_RACE_WEEKS, days=1), False),
    ],
)
def test_a_race_date_is_a_day_that_has_been_and_at_most_8_weeks_back(day, taken):
    if taken:
        assert check_race_date(day, TODAY) == day
        return
    with pytest.raises(InputError) as refused:
        check_race_date(day, TODAY, "race_date")
    assert refused.value.field == "race_date"


def test_one_race_a_day_the_goal_race_with_a_name():
    wed = date(2026, 12, 16)
    found = [Race(wed), Race(wed, False, "Winter 10k"), Race(wed, True), Race(MONDAY)]
    assert one_per_day(found) == (Race(MONDAY), Race(wed, True, "Winter 10k"))


def test_a_week_hears_of_races_from_8_weeks_back_to_a_week_after_it():
    assert race_window(MONDAY, MONDAY) == (
        MONDAY - timedelta(weeks=RECOVERY_RACE_WEEKS),
        MONDAY + timedelta(days=13),
    )


WEEKS = {
    "no race": week([run("easy")]),
    "a race last week": week([run("easy")], races=(Race(MONDAY - timedelta(days=2), True),)),
    "a race run this week": week(None, None, [run("race", minutes=50)]),
    "only a race next week": week([run("easy")], races=(Race(MONDAY + timedelta(days=9), True),)),
    "a race on Sunday": week(races=(Race(MONDAY + timedelta(days=6)),)),
}


@pytest.mark.parametrize("phase", ["recovery", "base"])
@pytest.mark.parametrize("name", list(WEEKS))
def test_the_edges_ask_for_the_race_date_exactly_when_the_planner_does(name, phase):
    runner, this_week = athlete(phase=phase), WEEKS[name]
    plan = plan_week(runner, this_week, library())
    ctx = WeekContext(runner, this_week, library().tables.session_minutes)
    planner_asks = DEFAULT_RULES.find(RecoveryWindow).race_unknown(ctx)
    assert asks_race_date(plan) == planner_asks
    expected = phase == "recovery" and name in ("no race", "only a race next week")
    assert asks_race_date(plan) == expected
