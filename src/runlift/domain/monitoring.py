"""Watching the running while strength load changes (guidelines §5).

Signals, robust first: VDOT from races and time trials; critical speed from the best
efforts in the runs' record streams; pace per heartbeat on easy runs (efficiency factor) and
its drift within steady runs; session-RPE load; weekly volume.
`reassess-when-running-declines` fires when running drifts down beyond the noise of the
runner's own weeks for 2-3 weeks while strength load rose, and offers a lighter strength
plan. A mileage ramp alone never drops strength from the plan.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from runlift.domain.log import RaceResult, RunDone, StrengthDone
from runlift.domain.model import RunType
from runlift.domain.runsignals import CS_WEEKS, RunStream, critical_speed

EASY_TYPES = frozenset({RunType.EASY, RunType.RECOVERY})
BASELINE_WEEKS = 6
RECENT_WEEKS = 3
NOISE_FLOOR = 0.02  # a drift smaller than 2 % of the baseline is never called a decline
STRENGTH_RISE = 1.10
MILEAGE_RISE = 1.10


def vdot(distance_km: float, seconds: float) -> float:
    """Daniels & Gilbert VDOT of a race or time trial (5 km in 24:34 gives 39.1)."""
    minutes = seconds / 60
    velocity = distance_km * 1000 / minutes
    vo2 = -4.60 + 0.182258 * velocity + 0.000104 * velocity**2
    fraction = (
        0.8 + 0.1894393 * math.exp(-0.012778 * minutes) + 0.2989558 * math.exp(-0.1932605 * minutes)
    )
    return vo2 / fraction


def efficiency(run: RunDone) -> float | None:
    """Pace per heartbeat: metres a minute per beat a minute, on easy runs with HR and distance."""
    if run.type not in EASY_TYPES or not run.distance_km or not run.avg_hr or run.minutes <= 0:
        return None
    return run.distance_km * 1000 / run.minutes / run.avg_hr


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True)
class WeekSignals:
    week: date
    run_minutes: float = 0.0
    run_km: float = 0.0
    run_load: float = 0.0  # session-RPE
    efficiency: float | None = None  # mean of the week's easy runs
    vdot: float | None = None  # best race or time trial
    strength_load: float = 0.0  # sets x reps x load
    strength_sessions: int = 0
    drift: float | None = None  # mean drift of pace per heartbeat on the week's steady runs, %
    critical_speed: float | None = None  # m/s, from the best efforts of the last CS_WEEKS weeks


def _critical_speeds(streams: Sequence[RunStream], weeks: list[date]) -> dict[date, float]:
    """Critical speed each week from the best efforts of the CS_WEEKS weeks ending with it."""
    by_week: dict[date, list[tuple[int, float]]] = defaultdict(list)
    for run in streams:
        by_week[monday(run.date)].extend(run.efforts)
    out = {}
    for week in weeks:
        window = [week - timedelta(weeks=k) for k in range(CS_WEEKS)]
        fit = critical_speed(e for w in window for e in by_week.get(w, ()))
        if fit is not None:
            out[week] = fit.speed
    return out


def weekly_signals(
    runs: Sequence[RunDone],
    lifts: Sequence[StrengthDone],
    races: Sequence[RaceResult] = (),
    streams: Sequence[RunStream] = (),
) -> list[WeekSignals]:
    """One row per week from the first logged week to the last, empty weeks included.
    `streams` are the signals of runs imported from files (drift, best efforts)."""
    by_week: dict[date, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for run in runs:
        row = by_week[monday(run.date)]
        row["minutes"].append(run.minutes)
        row["km"].append(run.distance_km or 0)
        if run.load is not None:
            row["load"].append(run.load)
        value = efficiency(run)
        if value is not None:
            row["ef"].append(value)
    for lift in lifts:
        if lift.skipped:
            continue
        row = by_week[monday(lift.date)]
        row["strength"].append(lift.volume())
        row["sessions"].append(1)
    for race in races:
        by_week[monday(race.date)]["vdot"].append(vdot(race.distance_km, race.seconds))
    for stream in streams:
        if stream.steady and stream.drift_pct is not None:
            by_week[monday(stream.date)]["drift"].append(stream.drift_pct)
    if not by_week:
        return []
    first, last = min(by_week), max(by_week)
    mondays = [first + timedelta(weeks=k) for k in range((last - first).days // 7 + 1)]
    speeds = _critical_speeds(streams, mondays)
    weeks = []
    for current in mondays:
        row = by_week.get(current, {})
        weeks.append(
            WeekSignals(
                week=current,
                run_minutes=sum(row.get("minutes", [])),
                run_km=sum(row.get("km", [])),
                run_load=sum(row.get("load", [])),
                efficiency=statistics.fmean(row["ef"]) if row.get("ef") else None,
                vdot=max(row["vdot"]) if row.get("vdot") else None,
                strength_load=sum(row.get("strength", [])),
                strength_sessions=len(row.get("sessions", [])),
                drift=round(statistics.fmean(row["drift"]), 2) if row.get("drift") else None,
                critical_speed=speeds.get(current),
            )
        )
    return weeks


@dataclass(frozen=True, slots=True)
class Signal:
    """A weekly running signal the reassess rule watches; `floor` is the least change ever
    called a decline (None: NOISE_FLOOR of the baseline)."""

    label: str
    pick: Callable[[WeekSignals], float | None]
    fmt: str
    higher_is_better: bool = True
    floor: float | None = None


# Critical speed is shown, not judged: it is the best of six weeks, so it lags a decline.
SIGNALS = (
    Signal("pace per heartbeat on easy runs", lambda w: w.efficiency, "{:.3f}"),
    Signal("VDOT from races and time trials", lambda w: w.vdot, "{:.1f}"),
    # Drift is noisy run to run (heat, hills): only a rise of over 2 points is worth a word.
    Signal("drift of pace per heartbeat on steady runs (%)", lambda w: w.drift, "{:.1f}",
           higher_is_better=False, floor=2.0),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class LighterPlan:
    heavy_sessions: int
    sets_less: int = 1
    room_before_quality_days: int = 2
    text: str = ""


@dataclass(frozen=True, slots=True)
class Reassess:
    rule: str
    text: str
    evidence: tuple[str, ...]
    lighter: LighterPlan
    mileage_rising: bool = False
    dates: tuple[date, ...] = field(default=())


def _declined(
    baseline: list[float], recent: list[float], floor: float
) -> tuple[bool, float, float]:
    """Recent weeks below the baseline by more than its own noise (and at least `floor`)."""
    mean = statistics.fmean(baseline)
    noise = statistics.stdev(baseline) if len(baseline) > 1 else 0.0
    margin = max(2 * noise, floor)
    below = [value < mean - max(noise, floor / 2) for value in recent]
    drop = mean - statistics.fmean(recent)
    # A drift, not one bad week: at least two weeks below, the latest among them.
    drifting = sum(below) >= max(2, len(recent) - 1) and below[-1]
    return drop > margin and drifting, mean, margin


def reassess(weeks: Sequence[WeekSignals], heavy_sessions: int) -> Reassess | None:
    """The reassess warning with its evidence, or None when running holds up (or the data is
    too thin to say)."""
    if len(weeks) < BASELINE_WEEKS + RECENT_WEEKS:
        return None
    window = list(weeks[-(BASELINE_WEEKS + RECENT_WEEKS) :])
    base, recent = window[:BASELINE_WEEKS], window[BASELINE_WEEKS:]
    # Weeks without a session (a holiday) say nothing about how much is lifted.
    lifted_before = [w.strength_load for w in base if w.strength_sessions] or [0.0]
    lifted_now = [w.strength_load for w in recent if w.strength_sessions] or [0.0]
    strength_before = statistics.fmean(lifted_before)
    strength_now = statistics.fmean(lifted_now)
    if strength_now <= max(strength_before * STRENGTH_RISE, 1):
        return None
    evidence: list[str] = []
    declined = False
    for signal in SIGNALS:
        label, fmt = signal.label, signal.fmt
        base_values = [v for w in base if (v := signal.pick(w)) is not None]
        recent_pairs = [(w.week, v) for w in recent if (v := signal.pick(w)) is not None]
        if len(base_values) < 3 or len(recent_pairs) < 2:
            continue
        # A signal where lower is better (drift) is turned over, so "down" is always worse.
        turn = 1.0 if signal.higher_is_better else -1.0
        floor = (
            signal.floor
            if signal.floor is not None
            else NOISE_FLOOR * abs(statistics.fmean(base_values))
        )
        down, mean, margin = _declined(
            [turn * v for v in base_values], [turn * v for _, v in recent_pairs], floor
        )
        mean *= turn
        if down:
            declined = True
            weeks_text = ", ".join(f"week of {d:%d %b} {fmt.format(v)}" for d, v in recent_pairs)
            evidence.append(
                f"{label}: {fmt.format(mean)} on average over the {len(base_values)} weeks "
                f"before, now {weeks_text} (a {'drop' if turn > 0 else 'rise'} beyond the "
                f"{fmt.format(margin)} "
                "your own weeks vary by)"
            )
    if not declined:
        return None
    evidence.append(
        f"strength load (sets x reps x load): {strength_before:,.0f} a week before, "
        f"{strength_now:,.0f} a week over the last {len(recent)} weeks"
    )
    km_before = statistics.fmean(w.run_km for w in base)
    km_now = statistics.fmean(w.run_km for w in recent)
    rising = km_now > km_before * MILEAGE_RISE
    keep = min(max(heavy_sessions, 1), 2)
    lighter = LighterPlan(
        heavy_sessions=keep,
        text=(
            f"A lighter strength plan: at most {keep} heavy session{'s' if keep > 1 else ''} "
            "a week and one set fewer on each lift; among the days the rules allow, the "
            "planner already picks those with the most room before the next quality run."
        ),
    )
    text = (
        "Your running has drifted down for the last few weeks while your strength load rose. "
        "The point of lifting is to run better: lighten the strength plan for now."
    )
    if rising:
        text += (
            " Your mileage is rising too; that is a time to keep strength work, lighter,"
            " not to drop it."
        )
    return Reassess(
        "reassess-when-running-declines",
        text,
        tuple(evidence),
        lighter,
        rising,
        tuple(w.week for w in recent),
    )
