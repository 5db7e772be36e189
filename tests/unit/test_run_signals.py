"""The record-stream signals: drift of pace per heartbeat, best efforts, critical speed and
time in heart-rate zones, on traces whose answers are known by hand."""

from __future__ import annotations

import numpy as np
import pytest

from runlift.domain.activity import Activity, Thresholds, classify
from runlift.domain.model import RunType
from runlift.domain.runsignals import (
    CriticalSpeed,
    Trace,
    best_efforts,
    critical_speed,
    drift,
    heart_rate_seconds,
    signals_of,
    zone_minutes,
)
from runlift.io.activities.track import trace_of

STEP = 5.0


def steady(minutes: float, speed: float, hr: float | list[float]) -> Trace:
    n = int(minutes * 60 / STEP) + 1
    beats = hr if isinstance(hr, list) else [hr] * n
    return Trace(STEP, tuple(i * STEP * speed for i in range(n)), tuple(beats[:n]))


def test_an_even_run_at_an_even_pulse_has_no_drift() -> None:
    assert drift(steady(60, 3.0, 140.0)) == 0.0


def test_a_pulse_creeping_up_at_one_pace_drifts_by_the_ratio_of_the_halves() -> None:
    n = int(70 * 60 / STEP) + 1
    warm = int(600 / STEP)
    beats = [140.0 if i <= warm else 140.0 + 14.0 * (i - warm) / (n - warm) for i in range(n)]
    got = drift(steady(70, 3.0, beats))
    assert got is not None
    # Halves of the steady part average about 143.5 and 150.5 beats at one pace.
    assert 4.0 < got < 5.2


def test_drift_needs_half_an_hour_after_the_warm_up_and_a_pulse() -> None:
    assert drift(steady(35, 3.0, 140.0)) is None
    assert drift(Trace(STEP, steady(60, 3.0, 140.0).distance_m, None)) is None


def test_standing_still_is_left_out_of_the_drift() -> None:
    run = steady(60, 3.0, 140.0)
    assert run.distance_m is not None and run.heart_rate is not None
    # Ten minutes stopped at a light (no distance), the pulse falling meanwhile.
    stop = 120
    distance = list(run.distance_m[:stop]) + [run.distance_m[stop]] * 120
    distance += [d + run.distance_m[stop] for d in run.distance_m[1 : len(run.distance_m) - stop]]
    beats = (
        list(run.heart_rate[:stop])
        + [100.0] * 120
        + list(run.heart_rate[: len(distance) - stop - 120])
    )
    assert drift(Trace(STEP, tuple(distance), tuple(beats))) == 0.0


def test_best_efforts_are_the_fastest_window_of_each_duration() -> None:
    # 20 min easy at 3 m/s, then 5 min hard at 5 m/s, then easy again.
    speeds = [3.0] * 240 + [5.0] * 60 + [3.0] * 240
    distance = [0.0]
    for v in speeds:
        distance.append(distance[-1] + v * STEP)
    efforts = best_efforts(Trace(STEP, tuple(distance), None))
    assert efforts[180] == pytest.approx(900.0)
    assert efforts[300] == pytest.approx(1500.0)
    assert efforts[600] == pytest.approx(1500 + 300 * 3.0)
    assert 1800 in efforts  # 45 min long
    assert best_efforts(Trace(STEP, (0.0, 10.0), None)) == {}


def test_critical_speed_is_the_slope_and_d_prime_the_intercept() -> None:
    efforts = [(t, 200.0 + 4.0 * t) for t in (180, 300, 600, 720, 1200)]
    cs = critical_speed(efforts)
    assert cs == CriticalSpeed(4.0, 200, tuple(efforts))
    assert cs.pace == pytest.approx(250.0)


def test_critical_speed_takes_the_best_of_each_duration_and_only_three_to_twenty_minutes() -> None:
    good = [(t, 200.0 + 4.0 * t) for t in (180, 600, 1200)]
    slower = [(t, 100.0 + 3.5 * t) for t in (180, 600, 1200)]
    outside = [(60, 9_999.0), (1800, 1.0)]
    cs = critical_speed(good + slower + outside)
    assert cs is not None and cs.speed == pytest.approx(4.0) and cs.d_prime == 200


def test_critical_speed_refuses_too_few_efforts_or_a_fit_that_makes_no_sense() -> None:
    assert critical_speed([(180, 900.0), (600, 2600.0)]) is None
    # Short efforts run easy: the line would cross zero above the origin (D' < 0).
    assert critical_speed([(180, 500.0), (600, 2200.0), (1200, 4600.0)]) is None


def test_zone_minutes_count_time_by_share_of_maximum() -> None:
    seconds = [(120, 600.0), (140, 600.0), (155, 600.0), (168, 300.0), (180, 60.0)]
    assert zone_minutes(seconds, 190.0) == (10.0, 10.0, 10.0, 5.0, 1.0)


def test_heart_rate_seconds_leave_out_missing_readings() -> None:
    trace = Trace(STEP, None, (0.0, 150.2, 150.4, 151.0))
    assert heart_rate_seconds(trace) == {150: 10.0, 151: 5.0}


def _run(minutes: float, hr_seconds: tuple[tuple[int, float], ...]) -> Activity:
    stream = signals_of(Trace(STEP, None, None))
    stream = type(stream)(None, (), hr_seconds)
    return Activity("running", None, minutes * 60, minutes * 60 * 3.0, 150.0, 180.0, stream=stream)


def test_time_in_zones_reads_a_threshold_run_hidden_in_an_easy_average() -> None:
    # 20 min warm-up and cool-down at 130 and 20 min at 170 of 190: average 143, 75 % of max.
    run = _run(60, ((130, 2400.0), (170, 1200.0)))
    reading = classify(run, Thresholds(max_hr=190.0))
    assert reading.type is RunType.THRESHOLD and reading.hard
    assert "20 min at threshold heart rate" in reading.reason


def test_time_in_zones_reads_tempo_and_easy() -> None:
    tempo = _run(50, ((130, 1800.0), (158, 1200.0)))
    assert classify(tempo, Thresholds(max_hr=190.0)).type is RunType.TEMPO
    easy = _run(50, ((135, 2700.0), (158, 300.0)))
    reading = classify(easy, Thresholds(max_hr=190.0))
    assert reading.type is RunType.EASY and "45 of 50 min in zones 1-2" in reading.reason


def test_the_reader_puts_a_stream_on_a_five_second_clock_with_pauses_as_no_pulse() -> None:
    t = np.array([0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 100.0, 101.0, 110.0], dtype=float)
    d = np.array([0, 3, 6, 9, 12, 15, 14, 20, 23, 50], dtype=float)  # one reading goes back
    hr = np.array([140, 141, 142, 143, 144, 145, 146, 120, 121, 125], dtype=float)
    trace = trace_of(t, d, hr)
    assert trace is not None and trace.step == STEP
    assert trace.distance_m is not None and trace.heart_rate is not None
    assert len(trace.distance_m) == len(trace.heart_rate) == 23
    assert list(trace.distance_m) == sorted(trace.distance_m)  # never backwards
    assert trace.heart_rate[1] == 145.0
    assert trace.heart_rate[10] == 0.0  # 50 s from any reading: the pause
    assert trace.heart_rate[20] == 120.0
    assert trace.heart_rate[21] == pytest.approx(122.8)  # between 121 at 101 s and 125 at 110 s


def test_a_trace_needs_two_timed_points() -> None:
    nan = float("nan")
    t = np.array([nan, 5.0])
    assert trace_of(t, np.array([0.0, 1.0]), np.array([140.0, 141.0])) is None


def test_stream_signals_of_a_steady_hour() -> None:
    signals = signals_of(steady(60, 3.0, 140.0))
    assert signals.drift_pct == 0.0
    assert dict(signals.efforts)[1800] == pytest.approx(5400.0)
    assert signals.hr_seconds == ((140, 60 * 60 + STEP),)


def test_a_run_whose_halves_differ_in_pace_has_no_drift() -> None:
    # 25 min at 3.3 m/s then 25 min at 2.6 m/s (a walk home): not one steady run.
    n_half = int(25 * 60 / STEP)
    distance = [0.0]
    for i in range(2 * n_half + int(600 / STEP)):
        distance.append(distance[-1] + (3.3 if i < n_half + 120 else 2.6) * STEP)
    trace = Trace(STEP, tuple(distance), tuple([150.0] * len(distance)))
    assert drift(trace) is None


def test_a_fade_at_one_heart_rate_is_still_drift() -> None:
    # Running by heart rate: the pace slows 6 % over the run, the pulse holds.
    n = int(70 * 60 / STEP) + 1
    distance = [0.0]
    for i in range(1, n):
        distance.append(distance[-1] + 3.0 * (1 - 0.06 * i / n) * STEP)
    got = drift(Trace(STEP, tuple(distance), tuple([145.0] * n)))
    assert got is not None and 2.0 < got < 4.0


def test_a_short_hard_run_is_hard_by_its_zones_or_its_average() -> None:
    # 4 min easy, 12 min at 177 of 190 (93 %), 4 min easy: too short a block for the
    # 15-minute rule, but 60 % of the run.
    short = _run(20, ((130, 480.0), (177, 720.0)))
    reading = classify(short, Thresholds(max_hr=190.0))
    assert reading.type is RunType.THRESHOLD and reading.hard
    # 14 min at 165 (87 %, zone 3) in an 18-min run: too short for the tempo rule of the
    # zones, but its average (162, 85 % of max) reads it as a threshold run.
    steady = Activity(
        "running", None, 18 * 60, 18 * 60 * 3.3, 161.7, 170.0,
        stream=type(short.stream)(None, (), ((150, 240.0), (165, 840.0))),  # type: ignore[misc]
    )  # fmt: skip
    reading = classify(steady, Thresholds(max_hr=190.0))
    assert reading.type is RunType.THRESHOLD and "average heart rate 162" in reading.reason


def test_a_gps_jump_is_not_a_best_effort() -> None:
    t = np.arange(0.0, 1201.0, 1.0)
    d = t * 3.0
    d[600:] += 500.0  # the watch lost its fix and found itself 500 m on
    trace = trace_of(t, d, np.full(len(t), 150.0))
    assert trace is not None
    efforts = best_efforts(trace)
    # The jump counts as 10 m/s for one 5-s step at most: 50 m, not 500.
    assert efforts[180] <= 180 * 3.0 + 50 - 15 + 1
