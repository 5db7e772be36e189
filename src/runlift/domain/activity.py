"""Recorded activities (a watch's FIT file, a GPX track, a TCX workout) as plain values, and
what runlift reads from them: is it a run, how hard was it, what kind of run was it.

Nothing here reads a file or a clock: the readers in runlift.io.activities build these values,
and the runner's thresholds come in as arguments.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import median

from runlift.domain.log import RaceResult
from runlift.domain.model import RunType
from runlift.domain.runclass import RunWords, names_around_a_race, normalise, read_event
from runlift.domain.runsignals import StreamSignals, zone_minutes

# The words devices and exports use for a sport, folded to runlift's few.
SPORT_WORDS = {
    "running": "running", "run": "running", "trail_running": "running", "trailrun": "running",
    "trail run": "running", "treadmill": "running", "virtualrun": "running",
    "virtual run": "running", "track_running": "running", "street_running": "running",
    "9": "running",  # Strava's older GPX exports number the sport
    "cycling": "cycling", "biking": "cycling", "ride": "cycling", "virtualride": "cycling",
    "virtual ride": "cycling", "ebikeride": "cycling", "mountain biking": "cycling",
    "swimming": "swimming", "swim": "swimming", "lap_swimming": "swimming",
    "open_water": "swimming", "walking": "walking", "walk": "walking", "hiking": "hiking",
    "hike": "hiking", "multisport": "multisport", "transition": "multisport",
    "weighttraining": "strength", "weight training": "strength", "training": "strength",
}  # fmt: skip
FIT_SPORTS = {
    0: "other", 1: "running", 2: "cycling", 3: "transition", 4: "fitness_equipment",
    5: "swimming", 10: "training", 11: "walking", 17: "hiking", 18: "multisport",
}  # fmt: skip
RUNNING_SPEED_LIMIT = 7.0  # m/s (2:23 /km): faster than any runner's average, so a ride
LONG_RUN_MINUTES = 90.0


def sport_named(word: str | None) -> str | None:
    """runlift's name for a sport as a device or an export spells it; None when unknown."""
    if word is None or not word.strip():
        return None
    key = word.strip().lower()
    return SPORT_WORDS.get(key, key.replace(" ", "_"))


@dataclass(frozen=True, slots=True)
class Lap:
    seconds: float  # moving (timer) time
    distance_m: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None

    @property
    def pace(self) -> float | None:
        """Seconds a kilometre; None without a distance."""
        if not self.distance_m or self.distance_m < 1 or self.seconds <= 0:
            return None
        return self.seconds / (self.distance_m / 1000)


@dataclass(frozen=True, slots=True)
class Activity:
    """One recorded activity: its sport (None when the file does not say), start (UTC),
    moving time, distance, heart rate and laps."""

    sport: str | None
    start: datetime | None
    seconds: float
    distance_m: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    laps: tuple[Lap, ...] = ()
    elapsed_seconds: float | None = None
    name: str | None = None
    stream: StreamSignals | None = None  # from the record stream, when the file had one

    @property
    def pace(self) -> float | None:
        return Lap(self.seconds, self.distance_m).pace


@dataclass(frozen=True, slots=True)
class SportCall:
    run: bool
    reason: str


def sport_call(activity: Activity) -> SportCall:
    """Whether the activity is a run, and why (a run, or the sport that makes it something else)."""
    if activity.sport == "running":
        return SportCall(True, "recorded as a run")
    if activity.sport is not None:
        return SportCall(False, f"{activity.sport.replace('_', ' ')}, not a run")
    if activity.seconds <= 0:
        return SportCall(False, "no time recorded")
    speed = (activity.distance_m or 0) / activity.seconds
    if speed > RUNNING_SPEED_LIMIT:
        return SportCall(False, f"no sport recorded, and {speed * 3.6:.0f} km/h is too fast a run")
    return SportCall(True, "no sport recorded; taken as a run (its pace is a runner's)")


@dataclass(frozen=True, slots=True)
class Thresholds:
    """What hard means for this runner: the maximum heart rate and the threshold pace (the
    pace one could hold for about an hour, in seconds a kilometre), and where each came from."""

    max_hr: float | None = None
    threshold_pace: float | None = None
    source: str = ""


def threshold_pace_from_race(distance_km: float, seconds: float) -> float:
    """The pace of a one-hour race predicted from a result (Riegel's exponent 1.06)."""
    one_hour_km = float(distance_km * (3600 / seconds) ** (1 / 1.06))
    return 3600 / one_hour_km


@dataclass(frozen=True, slots=True)
class Reading:
    """How a run is read: its run type, hard or easy, why, and its repeats (if any)."""

    type: RunType
    hard: bool
    reason: str
    repeats: int = 0


def _fmt_pace(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}/km"


def work_laps(laps: tuple[Lap, ...]) -> list[int]:
    """The indexes of the fast laps of a run in repeats: the laps on the quick side of the
    widest gap (at least 12 %) between the sorted lap paces. Laps under 20 s are ignored."""
    paced = [(lap.pace, i) for i, lap in enumerate(laps) if lap.pace and lap.seconds >= 20]
    if len(paced) < 3:
        return []
    ordered = sorted(paced)
    gaps = [(ordered[k + 1][0] / ordered[k][0], k) for k in range(len(ordered) - 1)]
    ratio, at = max(gaps)
    if ratio < 1.12:
        return []
    return sorted(i for _, i in ordered[: at + 1])


def _alternates(work: list[int]) -> int:
    """How many of the work laps stand apart, with a slower lap between them."""
    runs = 0
    last = -2
    for i in work:
        if i != last + 1:
            runs += 1
        last = i
    return runs


THRESHOLD_ZONE_MINUTES = 15.0  # this long in zones 4-5 (87 % of max and up): a threshold run
TEMPO_ZONE_MINUTES = 20.0  # this long in zone 3 and up, and a third of the run: a tempo run
SHORT_RUN_SHARE = 0.4  # or, in a shorter run, this share of it in zones 4-5 ...
SHORT_RUN_MINUTES = 5.0  # ... and at least this long


def _by_zones(activity: Activity, max_hr: float) -> Reading | None:
    """Read a run by its time in heart-rate zones; None when the file had no heart rate."""
    if activity.stream is None or not activity.stream.hr_seconds:
        return None
    zones = zone_minutes(activity.stream.hr_seconds, max_hr)
    total = sum(zones)
    hard, tempo = zones[3] + zones[4], zones[2] + zones[3] + zones[4]
    # A short run is read against its own length: 12 of 20 min in zones 4-5 is a hard run.
    short_hard = hard >= SHORT_RUN_SHARE * total and hard >= SHORT_RUN_MINUTES
    if hard >= THRESHOLD_ZONE_MINUTES or short_hard:
        return Reading(
            RunType.THRESHOLD, True, f"{hard:.0f} min at threshold heart rate or above (zones 4-5)"
        )
    if tempo >= TEMPO_ZONE_MINUTES and tempo * 3 >= total:
        return Reading(
            RunType.TEMPO, True, f"{tempo:.0f} of {total:.0f} min in zone 3 or above: tempo"
        )
    return Reading(
        RunType.EASY, False, f"{total - tempo:.0f} of {total:.0f} min in zones 1-2 (easy)"
    )


def _effort(activity: Activity, thresholds: Thresholds) -> tuple[float | None, str]:
    """How hard the run was as one number (1 = at threshold, higher harder) and by what."""
    if thresholds.max_hr and activity.avg_hr:
        share = activity.avg_hr / thresholds.max_hr
        # Threshold sits near 88 % of maximum heart rate; easy running below 80 % (zones 1-2).
        return share / 0.88, f"average heart rate {activity.avg_hr:.0f} is {share:.0%} of max"
    if thresholds.threshold_pace and activity.pace:
        return thresholds.threshold_pace / activity.pace, (
            f"pace {_fmt_pace(activity.pace)} against threshold "
            f"{_fmt_pace(thresholds.threshold_pace)}"
        )
    return None, "no heart rate or threshold to judge by"


def classify(activity: Activity, thresholds: Thresholds) -> Reading:
    """Read a run as one of runlift's run types, with the reason in words.

    Repeats (three or more fast laps with slower laps between) make intervals, or speed when
    the repeats are short (90 s or less). Then, when the file had heart rate and the maximum
    is known, the time in zones: 15 min or more in zones 4-5 (or 40 % of a shorter run, 5
    min at least) is a threshold run, 20 min or more in zone 3 and up (a third of the run at
    least) a tempo run. Then the average effort: at or above 95 % of threshold (heart rate
    at 84 % of max or more, or pace within about 5 % of threshold) is a threshold run,
    91-95 % a tempo run. Easier running is a long run from 90 minutes, a progression when
    its last laps are clearly faster, or else easy."""
    minutes = activity.seconds / 60
    work = work_laps(activity.laps)
    repeats = _alternates(work)
    if repeats >= 3:
        lengths = [activity.laps[i].seconds for i in work]
        typical = median(lengths)
        kind = RunType.SPEED if typical <= 90 else RunType.INTERVALS
        return Reading(
            kind,
            True,
            f"{repeats} fast repeats of about {typical:.0f} s with slower laps between",
            repeats,
        )
    zoned = _by_zones(activity, thresholds.max_hr) if thresholds.max_hr else None
    if zoned is not None and zoned.hard:
        return zoned
    # The zones found no long hard block; the average may still read a short hard run.
    effort, basis = _effort(activity, thresholds)
    if effort is not None and effort >= 0.95:
        return Reading(RunType.THRESHOLD, True, f"{basis}: at threshold or harder")
    if effort is not None and effort >= 0.91:
        return Reading(RunType.TEMPO, True, f"{basis}: tempo, just under threshold")
    if zoned is not None:
        basis = zoned.reason
    if _faster_finish(activity.laps):
        return Reading(RunType.PROGRESSION, True, f"{basis}; the last laps clearly faster")
    if minutes >= LONG_RUN_MINUTES:
        return Reading(RunType.LONG, True, f"{minutes:.0f} min, at least {LONG_RUN_MINUTES:.0f}")
    if zoned is not None:
        return zoned
    if effort is None:
        return Reading(RunType.EASY, False, f"{basis}: taken as easy")
    return Reading(RunType.EASY, False, f"{basis}: easy")


def _faster_finish(laps: tuple[Lap, ...]) -> bool:
    paces = [lap.pace for lap in laps if lap.pace and lap.seconds >= 60]
    if len(paces) < 4:
        return False
    third = max(1, len(paces) // 3)
    first = sum(paces[:third]) / third
    last = sum(paces[-third:]) / third
    return last <= first * 0.92


@dataclass(frozen=True, slots=True)
class UsualDay:
    """A weekday of the runner's usual week: the run type most often run that day (None when
    the day is usually without a run), in how many of the weeks looked at, and how long."""

    weekday: int  # 0 = Monday
    type: RunType | None
    weeks_run: int
    weeks: int
    minutes: float | None = None


def typical_week(
    runs: Sequence[tuple[date, RunType, float]], last_day: date, weeks: int = 4
) -> tuple[UsualDay, ...]:
    """The usual week from the runs of the `weeks` weeks up to `last_day`: a weekday is a run
    day when a run fell on it in at least half of those weeks, and its type is the one run
    most often that day (the harder one on a tie, by the order of RunType)."""
    first = last_day - timedelta(days=7 * weeks - 1)
    by_day: dict[int, dict[date, list[tuple[RunType, float]]]] = {d: {} for d in range(7)}
    for day, kind, minutes in runs:
        if first <= day <= last_day:
            by_day[day.weekday()].setdefault(day, []).append((kind, minutes))
    order = list(RunType)
    out = []
    for weekday in range(7):
        days = by_day[weekday]
        if len(days) * 2 < weeks or not days:
            out.append(UsualDay(weekday, None, len(days), weeks))
            continue
        # One type a day: the day's hardest run (the first in RunType's order).
        kinds = Counter(min((k for k, _ in done), key=order.index) for done in days.values())
        top = max(kinds.items(), key=lambda item: (item[1], -order.index(item[0])))[0]
        minutes = median(sum(m for _, m in done) for done in days.values())
        out.append(UsualDay(weekday, top, len(days), weeks, round(minutes)))
    return tuple(out)


RACE_CONFIDENCE = 0.6  # how sure the name must be: "Morning 10k" is a run, "Parkrun #412" a race
STANDARD_WITHIN = 0.05  # a measured distance this close to the named one is that distance
RACE_EFFORT = 0.80  # a race averages at least this share of maximum heart rate (a marathon ~85 %)


@dataclass(frozen=True, slots=True)
class RaceCall:
    """A run its name calls a race or a time trial: the result to log, and why."""

    result: RaceResult
    reason: str


def race_call(
    activity: Activity, day: date, words: RunWords, max_hr: float | None = None
) -> RaceCall | None:
    """The race result of a run named as a race ("Parkrun #412", "Berlin Half Marathon",
    "5k time trial"), or None: when the name also says it was around a race ("Easy jog after
    parkrun", "Marathon training"), or when its heart rate says it was run easy (an average
    under 80 % of the maximum, when both are known). The distance is the one the name gives
    when the watch measured within 5 % of it (GPS runs long), else the watch's; the time is
    the elapsed time (the clock does not stop at a race's water station)."""
    if not activity.name or not activity.distance_m:
        return None
    reading = read_event(activity.name, "", words)
    if reading.kind != RunType.RACE.value or reading.confidence < RACE_CONFIDENCE:
        return None
    if names_around_a_race(activity.name, words) is not None:
        return None
    if max_hr and activity.avg_hr and activity.avg_hr < RACE_EFFORT * max_hr:
        return None
    measured = activity.distance_m / 1000
    named = reading.distance_km
    close = named is not None and abs(measured - named) <= STANDARD_WITHIN * named
    distance = named if close and named is not None else round(measured, 2)
    seconds = activity.elapsed_seconds or activity.seconds
    trial = "time trial" in normalise(activity.name) or " tt" in f" {normalise(activity.name)}"
    what = "time trial" if trial else "race"
    return RaceCall(
        RaceResult(day, distance, round(seconds), trial, activity.name[:100]),
        f"named a {what} ({reading.reason.split(';')[0]}): {distance:g} km in "
        f"{_clock(seconds)} logged as a {what} result",
    )


def _clock(seconds: float) -> str:
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
