"""Reading a run's intensity and kind, and the usual week, as pure functions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from runlift.domain.activity import (
    Activity,
    Lap,
    Thresholds,
    classify,
    sport_named,
    threshold_pace_from_race,
    typical_week,
)
from runlift.domain.model import RunType

START = datetime(2026, 11, 2, 6, 30, tzinfo=UTC)


def run(minutes, km, hr=None, laps=()):
    return Activity("running", START, minutes * 60, km * 1000, hr, None, tuple(laps))


def repeats(n, work_s, work_pace, jog_s=120, jog_pace=420):
    laps = [Lap(600, 600 / 360 * 1000)]
    for _ in range(n):
        laps += [Lap(work_s, work_s / work_pace * 1000), Lap(jog_s, jog_s / jog_pace * 1000)]
    return laps


@pytest.mark.parametrize(
    ("activity", "thresholds", "kind", "hard"),
    [
        (run(40, 6.7, hr=135), Thresholds(max_hr=190), RunType.EASY, False),
        (run(45, 10, hr=168), Thresholds(max_hr=190), RunType.THRESHOLD, True),
        (run(45, 9.5, hr=155), Thresholds(max_hr=190), RunType.TEMPO, True),
        (run(120, 20, hr=140), Thresholds(max_hr=190), RunType.LONG, True),
        (run(40, 6.7), Thresholds(threshold_pace=300), RunType.EASY, False),
        (run(40, 8.5), Thresholds(threshold_pace=290), RunType.THRESHOLD, True),
        (run(40, 6.7), Thresholds(), RunType.EASY, False),
        (run(50, 9, laps=repeats(6, 180, 240)), Thresholds(), RunType.INTERVALS, True),
        (run(40, 7, laps=repeats(10, 60, 210)), Thresholds(), RunType.SPEED, True),
        (
            run(
                50,
                9,
                laps=[
                    Lap(600, 1600),
                    Lap(600, 1650),
                    Lap(600, 1700),
                    Lap(600, 1900),
                    Lap(600, 2000),
                ],
            ),
            Thresholds(),
            RunType.PROGRESSION,
            True,
        ),
        (
            run(40, 7, laps=[Lap(600, 1700), Lap(600, 1720), Lap(600, 1690), Lap(600, 1710)]),
            Thresholds(),
            RunType.EASY,
            False,
        ),
    ],
)
def test_reads_the_kind_of_run_with_a_reason(activity, thresholds, kind, hard):
    reading = classify(activity, thresholds)
    assert (reading.type, reading.hard) == (kind, hard)
    assert reading.reason


def test_even_laps_are_not_repeats():
    laps = [Lap(300, 1000)] * 8
    assert classify(run(40, 8, laps=laps), Thresholds()).repeats == 0


def test_threshold_pace_from_a_10k_race_is_a_little_slower_than_its_pace():
    pace = threshold_pace_from_race(10, 45 * 60)
    assert 270 < pace < 285


@pytest.mark.parametrize(
    ("word", "sport"),
    [
        ("Run", "running"),
        ("9", "running"),
        ("Ride", "cycling"),
        ("Swim", "swimming"),
        (None, None),
        ("Yoga", "yoga"),
    ],
)
def test_sport_words_fold_to_runliftss_names(word, sport):
    assert sport_named(word) == sport


def test_the_usual_week_keeps_the_days_run_in_at_least_half_of_the_weeks():
    monday = date(2026, 10, 5)
    runs = []
    for week in range(4):
        base = monday + timedelta(weeks=week)
        runs.append((base + timedelta(days=1), RunType.INTERVALS, 55.0))
        runs.append((base + timedelta(days=6), RunType.LONG, 100.0))
        if week % 2:
            runs.append((base + timedelta(days=3), RunType.EASY, 40.0))
    runs.append((monday + timedelta(days=4), RunType.EASY, 30.0))  # one Friday only
    week = typical_week(runs, monday + timedelta(weeks=4, days=-1))
    kinds = [d.type for d in week]
    assert kinds == [None, RunType.INTERVALS, None, RunType.EASY, None, None, RunType.LONG]
    assert week[6].minutes == 100 and week[4].weeks_run == 1
