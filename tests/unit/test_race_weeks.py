"""Weeks around a race, double days, jumps and fixed sessions: what a coach would check."""

from __future__ import annotations

from datetime import timedelta

import pytest

from runlift.domain.checker import judge, week_context
from runlift.domain.context import Slot
from runlift.domain.model import LOADED_KINDS, Race, StrengthKind, StrengthSession
from runlift.domain.planner import plan_week
from runlift.domain.rules import DEFAULT_RULES
from runlift.domain.rules.calendar import RecoveryWindow
from runlift.domain.rules.volume import HeavySpacing, PhaseDose
from tests.helpers import MONDAY, athlete, clock, lift, run, week
from tests.helpers import library as load

LIBRARY = load()
MINUTES = LIBRARY.tables.session_minutes
GENTLE = {StrengthKind.CORE, StrengthKind.PILATES}
LEG_WORK = {"lunge", "squat", "hinge", "plyometric"}


def kinds(plan, day):
    return [s.kind for s in plan.week.days[day].strength]


def leg_exercises(plan, day):
    return [
        x.exercise_id
        for s in plan.week.days[day].strength
        for x in s.exercises
        if x.pattern in LEG_WORK or x.exercise_id == "calf_raise"
    ]


def warned(plan):
    return {(w.day, w.verdict.rule) for w in plan.warnings}


def checked(runner, the_week, rules=DEFAULT_RULES):
    j = judge(runner, the_week, MINUTES, rules=rules)
    return {(w.day, w.verdict.rule) for w in (*j.warnings, *j.violations)}


BUILD_WEEK = [
    [run("easy")],
    [run("intervals", "06:30", 60)],
    [run("easy")],
    [run("tempo", "06:30", 50)],
    [run("easy")],
    None,
    [run("long", "08:00", 120)],
]


@pytest.mark.parametrize("race_day", range(7))
def test_nothing_beyond_core_after_a_midweek_goal_race(race_day):
    days = [list(d) if d else [] for d in BUILD_WEEK]
    days[race_day] = [run("race", "08:00", 200, goal=True)]
    the_week = week(*days)
    plan = plan_week(athlete(phase="taper"), the_week, LIBRARY)
    for day in range(race_day, 7):
        assert set(kinds(plan, day)) <= GENTLE, (race_day, day, kinds(plan, day))
        assert not leg_exercises(plan, day)
    assert not kinds(plan, race_day), "nothing on race day itself"
    assert checked(plan.athlete, plan.week) <= warned(plan) | {
        (v.day, v.verdict.rule) for v in plan.violations
    }
    assert not any(rule == "weekly-heavy-count" for _, rule in warned(plan))


@pytest.mark.parametrize("days_before", range(1, 8))
def test_the_week_after_a_race_in_the_previous_week_stays_gentle(days_before):
    race = Race(MONDAY - timedelta(days=days_before), goal=True)
    the_week = week(*BUILD_WEEK, races=(race,))
    plan = plan_week(athlete(phase="recovery"), the_week, LIBRARY)
    for day in range(7):
        since = days_before + day
        if since <= 7:  # the 7 days after the race, the 7th included
            assert set(kinds(plan, day)) <= GENTLE, (days_before, day)
            assert not leg_exercises(plan, day)
    assert checked(plan.athlete, plan.week) <= warned(plan)


def test_the_day_before_a_goal_race_holds_core_at_most():
    days = [list(d) if d else [] for d in BUILD_WEEK]
    days[6] = [run("race", "09:00", 210, goal=True)]
    plan = plan_week(athlete(phase="taper"), week(*days), LIBRARY)
    for day in range(7):
        assert set(kinds(plan, day)) <= GENTLE
        assert not leg_exercises(plan, day)
    assert not any(rule == "weekly-heavy-count" for _, rule in warned(plan))


def test_race_next_week_keeps_its_buffer_and_light_work_gentle():
    race = Race(MONDAY + timedelta(days=9), goal=True)  # Wednesday next week
    plan = plan_week(athlete(phase="taper"), week(*BUILD_WEEK, races=(race,)), LIBRARY)
    for day in range(2, 7):  # within 7 days of the race
        assert not any(k in LOADED_KINDS or k is StrengthKind.BODYWEIGHT for k in kinds(plan, day))
    assert checked(plan.athlete, plan.week) <= warned(plan)


def test_recovery_without_a_race_date_plans_core_only_and_asks_for_it():
    plan = plan_week(athlete(phase="recovery"), week(*BUILD_WEEK), LIBRARY)
    planned = {k for d in plan.week.days for k in (s.kind for s in d.strength)}
    assert planned == {StrengthKind.CORE}
    asked = [w.verdict.text for w in plan.warnings if w.verdict.rule == "phase-dose"]
    assert asked and "race date" in asked[0]
    assert checked(plan.athlete, plan.week) <= warned(plan)


def test_bodyweight_comes_back_on_the_eighth_day_after_the_race():
    race = Race(MONDAY - timedelta(days=1), goal=True)  # Sunday: the next Monday is day 8
    the_week = week(*BUILD_WEEK, races=(race,))
    for day in range(7):
        since = 1 + day
        verdict = RecoveryWindow().check(
            week_context(athlete(phase="recovery"), the_week, MINUTES),
            day,
            Slot(StrengthKind.BODYWEIGHT, 1080, 25),
        )
        assert (verdict is None) is (since > 7), since


def test_recovery_with_a_race_long_past_plans_bodyweight_again():
    race = Race(MONDAY - timedelta(days=10), goal=True)
    plan = plan_week(athlete(phase="recovery"), week(*BUILD_WEEK, races=(race,)), LIBRARY)
    planned = [k for d in plan.week.days for k in (s.kind for s in d.strength)]
    assert StrengthKind.BODYWEIGHT in planned
    assert not any("race date" in w.verdict.text for w in plan.warnings)


def test_lifting_sits_between_a_quality_run_and_a_later_easy_run():
    double = [run("threshold", "06:30", 60), run("easy", "18:00", 40)]
    easy_double = [run("easy", "06:30", 40), run("easy", "18:00", 40)]
    the_week = week(
        easy_double,
        double,
        easy_double,
        double,
        easy_double,
        easy_double,
        [run("long", "08:00", 100)],
    )
    plan = plan_week(athlete(phase="build"), the_week, LIBRARY)
    heavy = [
        (d, s)
        for d, day in enumerate(plan.week.days)
        for s in day.strength
        if s.kind.value == "heavy"
    ]
    assert [d for d, _ in heavy] == [1, 3]
    for _, session in heavy:
        assert clock("07:30") + 180 <= session.start
        assert session.end + 60 <= clock("18:00")
    assert not any(rule == "recovery-gap" for _, rule in warned(plan))
    assert checked(plan.athlete, plan.week) <= warned(plan)


def test_doubles_on_easy_days_in_base_lift_after_both_runs():
    double = [run("easy", "06:30", 40), run("easy", "12:00", 30)]
    the_week = week(*[list(double) for _ in range(7)])
    plan = plan_week(athlete(phase="base"), the_week, LIBRARY)
    for day in plan.week.days:
        for s in day.strength:
            if s.kind in LOADED_KINDS:
                assert s.start >= clock("12:30")


def test_jumps_go_to_the_session_on_fresh_legs():
    # Thu (tempo) and Sun (a 110-min long run) are the only legal days. Sunday has more room
    # before the next hard day, which alone would give it the jumps; the legs are fresher on
    # Thursday.
    the_week = week(
        [run("easy")],
        [run("easy")],
        [run("easy")],
        [run("tempo", "06:30", 45)],
        [run("easy")],
        [run("tempo", "06:30", 45)],
        [run("long", "07:00", 110)],
    )
    plan = plan_week(athlete(phase="build"), the_week, LIBRARY)
    heavy = {
        d
        for d, day in enumerate(plan.week.days)
        for s in day.strength
        if s.kind is StrengthKind.HEAVY
    }
    assert heavy == {3, 6}
    jumps = {
        d
        for d, day in enumerate(plan.week.days)
        for s in day.strength
        for x in s.exercises
        if x.pattern == "plyometric" and s.kind is StrengthKind.HEAVY
    }
    assert jumps == {3}


def test_jumps_are_dropped_when_every_heavy_session_follows_a_long_run():
    the_week = week(
        [run("easy")],
        [run("easy")],
        [run("easy")],
        [run("easy")],
        [run("easy")],
        [run("easy")],
        [run("long", "07:00", 120)],
    )
    runner = athlete(phase="build", heavy_sessions=1)
    plan = plan_week(runner, the_week, LIBRARY)
    heavy = [s for d in plan.week.days for s in d.strength if s.kind is StrengthKind.HEAVY]
    assert heavy
    assert not any(x.pattern == "plyometric" for s in heavy for x in s.exercises)
    texts = [v.text for r in plan.reasons for v in r]
    assert any("No jumps this week" in t for t in texts)


def test_a_longer_heavy_spacing_moves_the_planner_check_and_words_together():
    the_week = week(
        [run("easy")],
        [run("hills", "06:30", 60)],
        [run("easy")],
        [run("threshold", "06:30", 55)],
        [run("easy")],
        None,
        [run("long", "08:00", 120)],
    )
    runner = athlete(phase="build")
    rules = DEFAULT_RULES.replacing(HeavySpacing(hours=72))

    def heavy_days(plan):
        return [
            d
            for d, day in enumerate(plan.week.days)
            for s in day.strength
            if s.kind is StrengthKind.HEAVY
        ]

    assert heavy_days(plan_week(runner, the_week, LIBRARY)) == [1, 3]  # Tue, Thu: 48 h apart
    plan = plan_week(runner, the_week, LIBRARY, rules=rules)
    # 72 h: Tue and Thu would break the spacing, so the long-run day is the lesser evil.
    assert heavy_days(plan) == [3, 6]
    assert {(w.day, w.verdict.rule) for w in plan.warnings} == {(6, "avoid-lift-after-long-run")}
    assert checked(runner, plan.week, rules) <= warned(plan)
    fixed = week(
        [run("easy")],
        [run("hills", "06:30", 60)],
        [run("easy")],
        [run("threshold", "06:30", 55), lift("heavy", "18:00")],
        [run("easy")],
        [run("tempo", "06:30", 40)],
        [run("easy")],
    )
    plan = plan_week(runner, fixed, LIBRARY, rules=rules)
    spacing = [w.verdict.text for w in plan.warnings if w.verdict.rule == "heavy-spacing"]
    assert spacing and "72 h" in spacing[0]
    assert "72 h" in rules.find(HeavySpacing).summary
    assert "48 h" in DEFAULT_RULES.find(HeavySpacing).summary


def test_a_fixed_session_that_breaks_a_rule_is_told_where_it_could_go():
    the_week = week(
        None,
        [run("hills", "06:30", 60)],
        [run("easy"), lift("heavy", "18:00")],
        [run("threshold", "06:30", 55)],
    )
    plan = plan_week(athlete(phase="build", heavy_sessions=1), the_week, LIBRARY)
    advice = [v.text for v in plan.reasons[2] if v.text.startswith("Your own heavy session")]
    assert advice and "would keep every rule" in advice[0]
    assert not any(
        "preferences favour" in v.text for r in plan.reasons for v in r if "Wednesday" in v.text
    )


def test_advice_goes_only_to_the_fixed_session_that_breaks_a_rule():
    # The planner's own heavy session on Tuesday has a short gap after the run; the runner's
    # core session that morning keeps every rule and must not be told to move.
    days = [list(d) if d else [] for d in BUILD_WEEK]
    days[1] = [run("intervals", "06:30", 60), lift("core", "10:00", 20)]
    runner = athlete(phase="peak", available={"tue": ["07:30-10:30"], "thu": [], "sun": []})
    plan = plan_week(runner, week(*days), LIBRARY)
    assert not any("Your own core session" in v.text for r in plan.reasons for v in r)


def test_a_fixed_session_without_a_time_keeps_clear_of_the_runs():
    runner = athlete(available={"mon": []})
    untimed = StrengthSession(StrengthKind.CORE, 0, 20, fixed=True, start_given=False)
    the_week = week([run("easy", "18:00", 45), untimed])
    plan = plan_week(runner, the_week, LIBRARY)
    assert not any(v.verdict.rule == "no-overlap" for v in plan.violations)
    [core] = [s for s in plan.week.days[0].strength if s.fixed]
    assert core.start >= clock("18:45") or core.end <= clock("18:00")


def test_a_one_set_taper_is_planned_at_one_set_and_says_so():
    rules = DEFAULT_RULES.replacing(PhaseDose(taper_sets=1))
    days = [list(d) if d else [] for d in BUILD_WEEK]
    plan = plan_week(athlete(phase="taper"), week(*days), LIBRARY, rules=rules)
    heavy = [s for d in plan.week.days for s in d.strength if s.kind is StrengthKind.HEAVY]
    assert heavy and all(x.sets == 1 for s in heavy for x in s.exercises)
    assert not any(w.verdict.rule == "phase-dose" for w in plan.warnings)
    texts = [v.text for r in plan.reasons for v in r]
    assert any("at 1 set," in t for t in texts) and not any("1-1 sets" in t for t in texts)


def test_recovery_known_only_by_a_later_race_asks_for_the_one_before():
    race = Race(MONDAY + timedelta(days=20), goal=True)
    plan = plan_week(athlete(phase="recovery"), week(*BUILD_WEEK, races=(race,)), LIBRARY)
    asked = [w.verdict.text for w in plan.warnings if w.verdict.rule == "phase-dose"]
    assert asked and "the race you are recovering from" in asked[0]


def test_recovery_after_the_first_week_has_core_beside_its_bodyweight_sessions():
    race = Race(MONDAY - timedelta(days=10), goal=True)
    plan = plan_week(athlete(phase="recovery"), week(*BUILD_WEEK, races=(race,)), LIBRARY)
    planned = [s.kind for d in plan.week.days for s in d.strength]
    assert planned.count(StrengthKind.BODYWEIGHT) == 2 and StrengthKind.CORE in planned
