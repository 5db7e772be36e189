"""A table of cases per rule: a week, a session on one day, the verdict expected.

`None` means the rule has nothing to say about that session.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from runlift.domain.checker import week_context
from runlift.domain.context import Slot, WeekContext
from runlift.domain.model import DayType, Race, StrengthKind, StrengthSession
from runlift.domain.rules import SESSION_RULES, WEEK_RULES, all_rules
from runlift.domain.rules.calendar import NoOverlap, RaceBuffer, RecoveryWindow, WithinAvailability
from runlift.domain.rules.placement import (
    AvoidLiftAfterLongRun,
    BasePhaseException,
    CoreAnyDay,
    HeavyOnHardDays,
    NoHeavyBeforeQuality,
    RecoveryGap,
    RestDay,
    RunBeforeLift,
)
from runlift.domain.rules.volume import (
    DeloadWithRunning,
    HeavySpacing,
    PhaseDose,
    SessionLength,
    WeeklyHeavyCount,
    weekly_target,
)
from tests.helpers import ARTICLE_WEEK, athlete, clock, library, lift, run, week

SESSION_MINUTES = library().tables.session_minutes

HARD_TUE = week(None, [run("intervals", "06:30", 60)], [run("easy")], None, None, None, None)
BASE_WEEK = week(
    [run("easy")],
    [run("easy")],
    None,
    [run("easy")],
    None,
    [run("easy")],
    [run("long", "08:00", 100)],
)


def judge(
    rule, runner, the_week, day, kind="heavy", start="18:00", minutes=45, legal_plain=0, goal=2
):
    ctx = WeekContext(runner, the_week, SESSION_MINUTES)
    ctx.legal_plain_days = legal_plain
    ctx.loaded_goal = goal
    verdict = rule.check(ctx, day, Slot(StrengthKind(kind), clock(start), minutes))
    return None if verdict is None else verdict.ok


CASES = [
    # heavy-on-hard-days
    (
        "heavy on a hard day in build",
        HeavyOnHardDays(),
        athlete(phase="build"),
        HARD_TUE,
        1,
        "heavy",
        "18:00",
        True,
    ),
    (
        "heavy on an easy day in build",
        HeavyOnHardDays(),
        athlete(phase="build"),
        HARD_TUE,
        2,
        "heavy",
        "18:00",
        False,
    ),
    (
        "heavy on a rest day in peak",
        HeavyOnHardDays(),
        athlete(phase="peak"),
        HARD_TUE,
        3,
        "heavy",
        "18:00",
        False,
    ),
    (
        "plyometrics on an easy day in taper",
        HeavyOnHardDays(),
        athlete(phase="taper"),
        HARD_TUE,
        2,
        "plyometric",
        "18:00",
        False,
    ),
    (
        "core on an easy day in build",
        HeavyOnHardDays(),
        athlete(phase="build"),
        HARD_TUE,
        2,
        "core",
        "18:00",
        None,
    ),
    (
        "heavy on an easy day in base",
        HeavyOnHardDays(),
        athlete(phase="base"),
        BASE_WEEK,
        0,
        "heavy",
        "18:00",
        None,
    ),
    # base-phase-exception
    (
        "heavy on an easy day in base",
        BasePhaseException(),
        athlete(phase="base"),
        BASE_WEEK,
        0,
        "heavy",
        "18:00",
        True,
    ),
    (
        "heavy on an easy day in maintenance",
        BasePhaseException(),
        athlete(phase="maintenance"),
        BASE_WEEK,
        0,
        "heavy",
        "18:00",
        True,
    ),
    (
        "heavy on an easy day in recovery",
        BasePhaseException(),
        athlete(phase="recovery"),
        BASE_WEEK,
        0,
        "heavy",
        "18:00",
        True,
    ),
    (
        "heavy on an easy day in build",
        BasePhaseException(),
        athlete(phase="build"),
        BASE_WEEK,
        0,
        "heavy",
        "18:00",
        None,
    ),
    (
        "heavy on a rest day in base",
        BasePhaseException(),
        athlete(phase="base"),
        BASE_WEEK,
        2,
        "heavy",
        "18:00",
        None,
    ),
    # no-heavy-before-quality
    (
        "heavy the day before intervals",
        NoHeavyBeforeQuality(),
        athlete(),
        HARD_TUE,
        0,
        "heavy",
        "18:00",
        False,
    ),
    (
        "heavy the day before the long run, in base",
        NoHeavyBeforeQuality(),
        athlete(phase="base"),
        BASE_WEEK,
        5,
        "heavy",
        "18:00",
        False,
    ),
    (
        "heavy the day before an easy day",
        NoHeavyBeforeQuality(),
        athlete(),
        HARD_TUE,
        1,
        "heavy",
        "18:00",
        True,
    ),
    (
        "bodyweight the day before intervals",
        NoHeavyBeforeQuality(),
        athlete(),
        HARD_TUE,
        0,
        "bodyweight",
        "18:00",
        None,
    ),
    (
        "Sunday heavy before next Monday's hard day",
        NoHeavyBeforeQuality(),
        athlete(),
        week(None, None, None, None, None, None, [run("easy")], next_day=DayType.HARD),
        6,
        "heavy",
        "18:00",
        False,
    ),
    (
        "Sunday heavy, Monday taken to repeat a rest day",
        NoHeavyBeforeQuality(),
        athlete(),
        HARD_TUE,
        6,
        "heavy",
        "18:00",
        True,
    ),
    # run-before-lift
    ("lift after the quality run", RunBeforeLift(), athlete(), HARD_TUE, 1, "heavy", "18:00", True),
    (
        "lift before the quality run",
        RunBeforeLift(),
        athlete(),
        HARD_TUE,
        1,
        "heavy",
        "05:00",
        False,
    ),
    (
        "lift during the quality run",
        RunBeforeLift(),
        athlete(),
        HARD_TUE,
        1,
        "heavy",
        "07:00",
        False,
    ),
    (
        "lift before an easy run in base",
        RunBeforeLift(),
        athlete(phase="base"),
        BASE_WEEK,
        0,
        "heavy",
        "05:00",
        False,
    ),
    ("lift on a rest day", RunBeforeLift(), athlete(), HARD_TUE, 3, "heavy", "05:00", None),
    ("core before the run", RunBeforeLift(), athlete(), HARD_TUE, 1, "core", "05:00", None),
    # recovery-gap
    ("nine hours after the run", RecoveryGap(), athlete(), HARD_TUE, 1, "heavy", "16:30", True),
    (
        "exactly three hours after the run",
        RecoveryGap(),
        athlete(),
        HARD_TUE,
        1,
        "heavy",
        "10:30",
        True,
    ),
    (
        "ninety minutes after the run",
        RecoveryGap(),
        athlete(),
        HARD_TUE,
        1,
        "heavy",
        "09:00",
        False,
    ),
    ("core straight after the run", RecoveryGap(), athlete(), HARD_TUE, 1, "core", "07:30", None),
    ("no run that day", RecoveryGap(), athlete(), HARD_TUE, 3, "heavy", "18:00", None),
    # rest-day
    (
        "heavy on a rest day",
        RestDay(),
        athlete(phase="base"),
        BASE_WEEK,
        2,
        "heavy",
        "18:00",
        False,
    ),
    (
        "plyometrics on a rest day",
        RestDay(),
        athlete(phase="base"),
        BASE_WEEK,
        2,
        "plyometric",
        "18:00",
        False,
    ),
    (
        "pilates on a rest day",
        RestDay(),
        athlete(phase="base"),
        BASE_WEEK,
        2,
        "pilates",
        "18:00",
        None,
    ),
    ("heavy on a run day", RestDay(), athlete(phase="base"), BASE_WEEK, 0, "heavy", "18:00", None),
    # avoid-lift-after-long-run
    (
        "after the long run when other days serve",
        AvoidLiftAfterLongRun(),
        athlete(),
        ARTICLE_WEEK,
        6,
        "heavy",
        "18:00",
        False,
    ),
    (
        "after a short long run",
        AvoidLiftAfterLongRun(),
        athlete(),
        week(None, None, None, None, None, None, [run("long", "08:00", 80)]),
        6,
        "heavy",
        "18:00",
        None,
    ),
    (
        "core after the long run",
        AvoidLiftAfterLongRun(),
        athlete(),
        ARTICLE_WEEK,
        6,
        "core",
        "18:00",
        None,
    ),
    # core-any-day
    ("core on an easy day", CoreAnyDay(), athlete(), HARD_TUE, 2, "core", "18:00", True),
    ("bodyweight on a rest day", CoreAnyDay(), athlete(), HARD_TUE, 3, "bodyweight", "18:00", True),
    ("pilates on a hard day", CoreAnyDay(), athlete(), HARD_TUE, 1, "pilates", "18:00", True),
    ("heavy is not core work", CoreAnyDay(), athlete(), HARD_TUE, 1, "heavy", "18:00", None),
    # within-availability
    (
        "inside the default 06:00-21:00",
        WithinAvailability(),
        athlete(),
        HARD_TUE,
        1,
        "heavy",
        "18:00",
        None,
    ),
    ("running past 21:00", WithinAvailability(), athlete(), HARD_TUE, 1, "heavy", "20:30", False),
    (
        "a day with no time at all",
        WithinAvailability(),
        athlete(available={"tue": []}),
        HARD_TUE,
        1,
        "core",
        "18:00",
        False,
    ),
    # no-overlap
    ("clear of the run", NoOverlap(), athlete(), HARD_TUE, 1, "core", "07:30", None),
    ("during the run", NoOverlap(), athlete(), HARD_TUE, 1, "core", "07:00", False),
    # race-buffer
    (
        "five days before the goal race",
        RaceBuffer(),
        athlete(phase="taper"),
        week(None, [run("intervals")], races=(Race(date(2026, 12, 6), goal=True),)),
        1,
        "heavy",
        "18:00",
        False,
    ),
    (
        "eight days before the goal race",
        RaceBuffer(),
        athlete(phase="taper"),
        week([run("intervals")], races=(Race(date(2026, 12, 8), goal=True),)),
        0,
        "heavy",
        "18:00",
        None,
    ),
    (
        "two days before a tune-up race",
        RaceBuffer(),
        athlete(phase="build"),
        week(None, None, None, [run("intervals")], None, [run("race")]),
        3,
        "heavy",
        "18:00",
        False,
    ),
    (
        "four days before a tune-up race",
        RaceBuffer(),
        athlete(phase="build"),
        week(None, [run("intervals")], None, None, None, [run("race")]),
        1,
        "heavy",
        "18:00",
        None,
    ),
    (
        "race day itself",
        RaceBuffer(),
        athlete(phase="build"),
        week(None, None, None, None, None, [run("race")]),
        5,
        "heavy",
        "18:00",
        False,
    ),
    (
        "core before the goal race",
        RaceBuffer(),
        athlete(phase="taper"),
        week(None, [run("intervals")], races=(Race(date(2026, 12, 6), goal=True),)),
        1,
        "core",
        "18:00",
        None,
    ),
    # phase-dose, per day: the first week after a race
    (
        "bodyweight three days after a race",
        RecoveryWindow(),
        athlete(phase="recovery"),
        week(None, None, None, [run("easy")], races=(Race(date(2026, 11, 29), goal=True),)),
        2,
        "bodyweight",
        "18:00",
        False,
    ),
    (
        "bodyweight eight days after a race",
        RecoveryWindow(),
        athlete(phase="recovery"),
        week(None, None, None, [run("easy")], races=(Race(date(2026, 11, 22), goal=True),)),
        0,
        "bodyweight",
        "18:00",
        None,
    ),
    (
        "core three days after a race",
        RecoveryWindow(),
        athlete(phase="recovery"),
        week(races=(Race(date(2026, 11, 29), goal=True),)),
        2,
        "core",
        "18:00",
        None,
    ),
    # session-length
    ("heavy for 45 minutes", SessionLength(), athlete(), HARD_TUE, 1, "heavy", "18:00", None),
    ("heavy for 75 minutes", SessionLength(), athlete(), HARD_TUE, 1, "heavy", "18:00", False),
    (
        "bodyweight for 45 minutes",
        SessionLength(),
        athlete(),
        HARD_TUE,
        2,
        "bodyweight",
        "18:00",
        False,
    ),
    ("core for 5 minutes", SessionLength(), athlete(), HARD_TUE, 2, "core", "18:00", False),
]
MINUTES = {"heavy for 75 minutes": 75, "core for 5 minutes": 5}


@pytest.mark.parametrize(
    ("case", "rule", "runner", "the_week", "day", "kind", "start", "expected"),
    CASES,
    ids=[f"{c[1].id}: {c[0]}" for c in CASES],
)
def test_session_rule(case, rule, runner, the_week, day, kind, start, expected):
    minutes = MINUTES.get(case, 45)
    assert judge(rule, runner, the_week, day, kind, start, minutes, legal_plain=2) is expected


def test_long_run_day_is_fine_when_no_other_day_is_left():
    ok = judge(AvoidLiftAfterLongRun(), athlete(), ARTICLE_WEEK, 6, legal_plain=1, goal=2)
    assert ok is True


def week_verdicts(rule, runner, the_week):
    ctx = week_context(runner, the_week, SESSION_MINUTES)
    return [(d.day, d.verdict.ok) for d in rule.check_week(ctx)]


HEAVY_TUE_THU = week(None, [run("hills"), lift("heavy")], None, [run("tempo"), lift("heavy")])

WEEK_CASES = [
    ("48 h apart", HeavySpacing(), athlete(), HEAVY_TUE_THU, [(3, True)]),
    (
        "24 h apart",
        HeavySpacing(),
        athlete(),
        week(None, [run("hills"), lift("heavy")], [run("tempo"), lift("heavy")]),
        [(2, False)],
    ),
    (
        "a plyometric session does not count as heavy",
        HeavySpacing(),
        athlete(),
        week(None, [run("hills"), lift("heavy")], [run("tempo"), lift("plyometric")]),
        [],
    ),
    ("two loaded days for an intermediate", WeeklyHeavyCount(), athlete(), HEAVY_TUE_THU, []),
    (
        "three loaded days without asking",
        WeeklyHeavyCount(),
        athlete(phase="base"),
        week(
            [run("easy"), lift("heavy")],
            None,
            [run("easy"), lift("heavy")],
            None,
            [run("easy"), lift("heavy")],
        ),
        [(4, False)],
    ),
    (
        "three loaded days, asked for",
        WeeklyHeavyCount(),
        athlete(phase="base", heavy_sessions=3),
        week(
            [run("easy"), lift("heavy")],
            None,
            [run("easy"), lift("heavy")],
            None,
            [run("easy"), lift("heavy")],
        ),
        [],
    ),
    (
        "four loaded days",
        WeeklyHeavyCount(),
        athlete(phase="base", heavy_sessions=3),
        week([lift("heavy")], None, [lift("heavy")], None, [lift("heavy")], None, [lift("heavy")]),
        [(6, False)],
    ),
    (
        "a novice lifting heavy",
        WeeklyHeavyCount(),
        athlete("novice"),
        week(None, [run("hills"), lift("heavy")], None, [run("tempo"), lift("bodyweight")]),
        [(1, False)],  # told to start with bodyweight; the heavy one still counts as a main session
    ),
    (
        "one heavy session in build",
        WeeklyHeavyCount(),
        athlete(),
        week(None, [run("hills"), lift("heavy")]),
        [(0, False)],
    ),
    ("two heavy sessions in peak", PhaseDose(), athlete(phase="peak"), HEAVY_TUE_THU, [(3, False)]),
    (
        "one heavy session in peak",
        PhaseDose(),
        athlete(phase="peak"),
        week(None, [run("hills"), lift("heavy")]),
        [],
    ),
    (
        "two heavy sessions in peak, asked for",
        PhaseDose(),
        athlete(phase="peak", heavy_sessions=2),
        HEAVY_TUE_THU,
        [],
    ),
    ("two heavy sessions in build", PhaseDose(), athlete(phase="build"), HEAVY_TUE_THU, []),
    (
        "deload on a cutback week",
        DeloadWithRunning(),
        athlete(),
        week(cutback=True, deload=True),
        [],
    ),
    ("deload without a cutback", DeloadWithRunning(), athlete(), week(deload=True), [(0, False)]),
    (
        "no deload on a cutback week",
        DeloadWithRunning(),
        athlete(),
        week(cutback=True, deload=False),
        [(0, False)],
    ),
    (
        "cutback week, deload left to the planner",
        DeloadWithRunning(),
        athlete(),
        week(cutback=True),
        [],
    ),
]


@pytest.mark.parametrize(
    ("case", "rule", "runner", "the_week", "expected"),
    WEEK_CASES,
    ids=[f"{c[1].id}: {c[0]}" for c in WEEK_CASES],
)
def test_week_rule(case, rule, runner, the_week, expected):
    assert week_verdicts(rule, runner, the_week) == expected


@pytest.mark.parametrize(
    ("runner", "kind", "count"),
    [
        (athlete("intermediate", "build"), StrengthKind.HEAVY, 2),
        (athlete("intermediate", "base", heavy_sessions=3), StrengthKind.HEAVY, 3),
        (athlete("advanced", "peak"), StrengthKind.HEAVY, 1),
        (athlete("advanced", "taper"), StrengthKind.HEAVY, 1),
        (athlete("advanced", "recovery"), StrengthKind.BODYWEIGHT, 2),
        (athlete("novice", "build"), StrengthKind.BODYWEIGHT, 2),
        (athlete("novice", "base", heavy_sessions=3), StrengthKind.BODYWEIGHT, 2),
        (athlete("intermediate", "peak", heavy_sessions=0), StrengthKind.HEAVY, 0),
    ],
)
def test_weekly_target_by_phase_experience_and_request(runner, kind, count):
    target = weekly_target(runner)
    assert (target.kind, target.count) == (kind, count)


def test_every_rule_has_an_id_a_summary_and_a_kind():
    rules = all_rules()
    assert len(rules) == len({r.id for r in (*SESSION_RULES, *WEEK_RULES)})
    for rule in rules.values():
        assert rule.id and rule.summary.endswith(".")
        assert rule.hard in (True, False, None)


def test_every_guideline_rule_id_exists():
    guideline_ids = {
        "heavy-on-hard-days", "base-phase-exception", "no-heavy-before-quality", "run-before-lift",
        "recovery-gap", "heavy-spacing", "rest-day", "weekly-heavy-count",
        "avoid-lift-after-long-run", "session-length", "core-any-day", "phase-dose",
        "race-buffer", "deload-with-running",
    }  # fmt: skip
    assert guideline_ids <= set(all_rules())


def test_hard_and_soft_match_the_guidelines():
    rules = all_rules()
    hard = {"heavy-on-hard-days", "no-heavy-before-quality", "run-before-lift", "race-buffer"}
    soft = {"recovery-gap", "heavy-spacing", "rest-day", "weekly-heavy-count",
            "avoid-lift-after-long-run", "session-length", "phase-dose", "deload-with-running"}  # fmt: skip
    assert {i for i in hard if rules[i].hard is True} == hard
    assert {i for i in soft if rules[i].hard is False} == soft


def test_taper_flags_heavy_work_of_more_than_two_sets():
    from runlift.domain.model import Prescription

    squat = Prescription("back_squat", "Back squat", "squat", 3, 5, None, 80, "kg", 81.1, None, 60)
    session = StrengthSession(StrengthKind.HEAVY, clock("18:00"), 45, True, (squat,))
    taper_week = week(None, [run("intervals"), session])
    assert week_verdicts(PhaseDose(), athlete(phase="taper"), taper_week) == [(1, False)]
    two_sets = StrengthSession(
        StrengthKind.HEAVY, clock("18:00"), 45, True, (replace(squat, sets=2),)
    )
    assert (
        week_verdicts(PhaseDose(), athlete(phase="taper"), week(None, [run("intervals"), two_sets]))
        == []
    )
