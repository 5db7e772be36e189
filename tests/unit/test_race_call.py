"""Which activity names make a race result, at what distance and time."""

from __future__ import annotations

from datetime import date

import pytest

from runlift.domain.activity import Activity, race_call
from runlift.io.planimport import load_run_words

WORDS = load_run_words()
DAY = date(2026, 11, 21)


def _call(name: str, metres: float, seconds: float, elapsed: float | None = None):
    activity = Activity("running", None, seconds, metres, name=name, elapsed_seconds=elapsed)
    return race_call(activity, DAY, WORDS)


@pytest.mark.parametrize(
    ("name", "metres", "distance", "trial"),
    [
        ("Parkrun #412", 5080, 5.0, False),  # GPS long by 1.6 %: the named 5 km
        ("Berlin Half Marathon", 21_300, 21.0975, False),
        ("Club 10K race", 10_150, 10.0, False),
        ("5k time trial", 5000, 5.0, True),
        ("Local race", 7_340, 7.34, False),  # no distance named: the watch's
        ("Rotterdam half marathon", 23_500, 23.5, False),  # 11 % over: the watch's
    ],
)
def test_a_race_name_logs_a_result(name, metres, distance, trial):
    call = _call(name, metres, 1500, elapsed=1510)
    assert call is not None
    assert call.result.distance_km == distance and call.result.time_trial is trial
    assert call.result.seconds == 1510  # the clock, not the moving time
    assert call.result.date == DAY and call.result.name == name


@pytest.mark.parametrize(
    "name",
    [
        "Morning 10k", "Easy run", "Half", "Marathon pace 16k", "",
        # Around a race, not the race: each would set a false threshold pace.
        "Easy jog after parkrun", "Warm up for parkrun", "Cool down after race",
        "Post-race jog", "Marathon training", "Race recce", "Cheering at the marathon",
        "Pacing at parkrun", "Parkrun tail walker",
    ],
)  # fmt: skip
def test_other_names_are_not_races(name):
    assert _call(name, 10_000, 3000) is None


def test_a_race_named_run_at_an_easy_heart_rate_is_not_a_result():
    easy = Activity("running", None, 1800, 5000, 120.0, 130.0, name="parkrun", elapsed_seconds=1800)
    assert race_call(easy, DAY, WORDS, max_hr=190.0) is None  # 63 % of max: run with a friend
    hard = Activity("running", None, 1320, 5000, 172.0, 185.0, name="parkrun", elapsed_seconds=1320)
    assert race_call(hard, DAY, WORDS, max_hr=190.0) is not None
    assert race_call(easy, DAY, WORDS) is not None  # no maximum known: the name decides


def test_a_race_without_a_distance_is_not_a_result():
    assert _call("Parkrun", 0, 1300) is None
