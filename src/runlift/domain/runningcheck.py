"""Is lifting costing the running? The answer `progress` gives (guidelines §5).

The last RECENT_WEEKS weeks of the log are read against the BASELINE_WEEKS before them, and
the answer is one of five, never a silence a view could mistake for good news:

- too few weeks logged to say;
- nothing to judge the running by (no easy runs with heart rate, races or watch files);
- running holds up: no signal declined;
- a signal declined while strength load was level or falling: lifting is unlikely the cause,
  so the answer names what else to look at;
- `reassess-when-running-declines`: a signal declined while strength load rose, with the
  evidence and a lighter strength plan. A mileage ramp alone never drops strength work.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from runlift.domain.monitoring import WeekSignals

BASELINE_WEEKS = 6
RECENT_WEEKS = 3
NOISE_FLOOR = 0.02  # a drift smaller than 2 % of the baseline is never called a decline
STRENGTH_RISE = 1.10  # strength load up by more than 10 %: lifting may be the cause
STRENGTH_FALL = 0.90  # down by more than 10 %: the load fell, not just held
MILEAGE_RISE = 1.10


@dataclass(frozen=True, slots=True)
class Signal:
    """A weekly running signal the check watches; `floor` is the least change ever called a
    decline (None: NOISE_FLOOR of the baseline). `in_points`: its change is said in points
    (VDOT, drift in %), not as a percentage of the baseline."""

    label: str
    pick: Callable[[WeekSignals], float | None]
    fmt: str
    higher_is_better: bool = True
    floor: float | None = None
    in_points: bool = False


# Critical speed is shown, not judged: it is the best of six weeks, so it lags a decline.
SIGNALS = (
    Signal("pace per heartbeat on easy runs", lambda w: w.efficiency, "{:.3f}"),
    Signal("VDOT from races and time trials", lambda w: w.vdot, "{:.1f}", in_points=True),
    # Drift is noisy run to run (heat, hills): only a rise of over 2 points is worth a word.
    Signal("drift of pace per heartbeat on steady runs (%)", lambda w: w.drift, "{:.1f}",
           higher_is_better=False, floor=2.0, in_points=True),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Decline:
    """A signal that moved the wrong way by more than the runner's own weeks vary."""

    signal: Signal
    before: float  # the mean of the baseline weeks with a value
    baseline_weeks: int
    weeks: tuple[tuple[date, float], ...]  # the recent weeks with a value
    margin: float  # what the runner's own weeks vary by (at least the signal's floor)

    @property
    def now(self) -> float:
        return statistics.fmean(v for _, v in self.weeks)

    @property
    def change(self) -> float:
        """How much worse, in points or in percent of `before`; always positive."""
        moved = abs(self.now - self.before)
        return moved if self.signal.in_points else 100 * moved / abs(self.before)

    def amount(self) -> str:
        """ "down 7 %", "up 3.1 points"."""
        way = "down" if self.signal.higher_is_better else "up"
        if self.signal.in_points:
            return f"{way} {self.change:.1f} points"
        return f"{way} {self.change:.0f} %"

    def text(self) -> str:
        fmt = self.signal.fmt
        weeks = ", ".join(f"week of {d:%d %b} {fmt.format(v)}" for d, v in self.weeks)
        return (
            f"{self.signal.label}: {fmt.format(self.before)} on average over the "
            f"{self.baseline_weeks} weeks before, now {weeks} ({self.amount()}, more than "
            "your own weeks usually vary)"
        )


class Verdict(StrEnum):
    TOO_FEW_WEEKS = "too_few_weeks"
    NOTHING_TO_JUDGE = "nothing_to_judge"
    HOLDS_UP = "holds_up"
    DECLINED_LIFTING_FLAT = "declined_lifting_flat"
    REASSESS = "reassess"


# What else slows a runner down when lifting did not rise: each a thing the runner can check.
MILEAGE_JUMP = "a jump in mileage or in hard sessions"
LOOK_AT = (
    "sleep: fewer hours or broken nights",
    "illness: a cold coming on, or one not quite over",
    MILEAGE_JUMP,
    "heat or humidity, which raise the heart rate at any pace",
    "stress at work or at home",
    "new shoes, or a new or hillier route",
    "whether a cutback week is due: an easier week often brings the numbers back",
)


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
    title: str = "Your running has dipped while your lifting rose"


@dataclass(frozen=True, slots=True)
class RunningCheck:
    """The answer, in the runner's words (`title`, `text`, `look_at`) and as data."""

    verdict: Verdict
    title: str
    text: str
    weeks_logged: int
    judged: tuple[str, ...] = ()  # the signals with enough weeks to judge
    declines: tuple[Decline, ...] = ()
    strength_before: float = 0.0  # sets x reps x load a week, over weeks with a session
    strength_now: float = 0.0
    look_at: tuple[str, ...] = ()
    warning: Reassess | None = None


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


def _judge(
    base: Sequence[WeekSignals], recent: Sequence[WeekSignals]
) -> tuple[list[str], list[Decline]]:
    """The signals with enough weeks to judge, and those of them that declined."""
    judged: list[str] = []
    declines: list[Decline] = []
    for signal in SIGNALS:
        base_values = [v for w in base if (v := signal.pick(w)) is not None]
        recent_pairs = [(w.week, v) for w in recent if (v := signal.pick(w)) is not None]
        if len(base_values) < 3 or len(recent_pairs) < 2:
            continue
        judged.append(signal.label)
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
        if down:
            declines.append(
                Decline(signal, turn * mean, len(base_values), tuple(recent_pairs), margin)
            )
    return judged, declines


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def check_running(weeks: Sequence[WeekSignals], heavy_sessions: int) -> RunningCheck:
    """Whether lifting is costing the running, from the weekly signals (one of five answers)."""
    needed = BASELINE_WEEKS + RECENT_WEEKS
    if len(weeks) < needed:
        return RunningCheck(
            Verdict.TOO_FEW_WEEKS,
            "Not enough weeks logged yet",
            f"{len(weeks)} week{'s' if len(weeks) != 1 else ''} logged: the running trend is "
            f"judged from {needed} weeks on.",
            len(weeks),
        )
    window = list(weeks[-needed:])
    base, recent = window[:BASELINE_WEEKS], window[BASELINE_WEEKS:]
    judged, declines = _judge(base, recent)
    # Weeks without a session (a holiday) say nothing about how much is lifted.
    lifted_before = [w.strength_load for w in base if w.strength_sessions] or [0.0]
    lifted_now = [w.strength_load for w in recent if w.strength_sessions] or [0.0]
    before, now = statistics.fmean(lifted_before), statistics.fmean(lifted_now)
    if not judged:
        return RunningCheck(
            Verdict.NOTHING_TO_JUDGE,
            "Nothing to judge your running by yet",
            f"Over the last {needed} weeks too few weeks have easy runs logged with distance "
            "and average heart rate, a race or time trial, or steady runs imported from a "
            "watch. Log those and this check can say whether lifting is costing your running.",
            len(weeks),
            strength_before=before,
            strength_now=now,
        )
    if not declines:
        return RunningCheck(
            Verdict.HOLDS_UP,
            "Running holds up",
            f"Running holds up: {_and(judged)} stayed within your usual range over the last "
            f"{RECENT_WEEKS} weeks, so there is no sign that lifting is costing your running.",
            len(weeks),
            tuple(judged),
            strength_before=before,
            strength_now=now,
        )
    km_before = statistics.fmean(w.run_km for w in base)
    km_now = statistics.fmean(w.run_km for w in recent)
    rising = km_now > km_before * MILEAGE_RISE
    if now <= max(before * STRENGTH_RISE, 1):
        return _not_lifting(len(weeks), judged, declines, before, now, km_before, km_now)
    warning = _reassess(declines, before, now, rising, heavy_sessions, recent)
    return RunningCheck(
        Verdict.REASSESS,
        warning.title,
        warning.text,
        len(weeks),
        tuple(judged),
        tuple(declines),
        before,
        now,
        warning=warning,
    )


def _not_lifting(
    logged: int,
    judged: list[str],
    declines: list[Decline],
    before: float,
    now: float,
    km_before: float,
    km_now: float,
) -> RunningCheck:
    """A decline while strength load held level or fell: say so, and what else to look at."""
    loads = f"{before:,.0f} a week before, {now:,.0f} a week over the last {RECENT_WEEKS} weeks"
    if before <= 0 and now <= 0:
        lifting = "you logged no strength work in these weeks, so lifting is not the cause"
    elif now < before * STRENGTH_FALL:
        lifting = f"your strength load fell ({loads}), so lifting is unlikely to be the cause"
    else:
        lifting = (
            f"your strength load stayed about level ({loads}), so lifting is unlikely to be "
            "the cause"
        )
    look_at = list(LOOK_AT)
    if km_now > km_before * MILEAGE_RISE:  # the general line gives way to the runner's own
        look_at.remove(MILEAGE_JUMP)
        rise = f"up {100 * (km_now / km_before - 1):.0f} % " if km_before > 0 else "up "
        look_at.insert(
            0,
            f"your mileage: {rise}({km_before:.0f} km a week before, {km_now:.0f} km a week "
            "lately)",
        )
    what = _and([d.signal.label.split(" (")[0] for d in declines])
    return RunningCheck(
        Verdict.DECLINED_LIFTING_FLAT,
        "Your running has dipped, but lifting is unlikely to be the cause",
        f"Your {what} got worse over the last {RECENT_WEEKS} weeks, but {lifting}. "
        "Keep the strength plan as it is and look at what else changed.",
        logged,
        tuple(judged),
        tuple(declines),
        before,
        now,
        tuple(look_at),
    )


def _reassess(
    declines: list[Decline],
    before: float,
    now: float,
    rising: bool,
    heavy_sessions: int,
    recent: Sequence[WeekSignals],
) -> Reassess:
    evidence = [d.text() for d in declines]
    evidence.append(
        f"strength load (sets x reps x load): {before:,.0f} a week before, "
        f"{now:,.0f} a week over the last {len(recent)} weeks"
    )
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


def reassess(weeks: Sequence[WeekSignals], heavy_sessions: int) -> Reassess | None:
    """The reassess warning alone: None for every other answer of `check_running`."""
    return check_running(weeks, heavy_sessions).warning
