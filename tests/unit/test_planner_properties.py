"""Properties over random weeks, phases, experience levels and equipment."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runlift.domain.checker import judge
from runlift.domain.model import (
    DEFAULT_WINDOW,
    EQUIPMENT,
    LOADED_KINDS,
    Athlete,
    Experience,
    Phase,
    Race,
    RunType,
    StrengthKind,
    Window,
)
from runlift.domain.planner import plan_week
from runlift.domain.rules import weekly_target
from runlift.render import week_json
from tests.helpers import MONDAY, library, lift, run, week

LIBRARY = library()
MINUTES = LIBRARY.tables.session_minutes


@st.composite
def day_runs(draw):
    count = draw(st.integers(0, 2))
    runs, cursor = [], draw(st.integers(5 * 60, 12 * 60)) // 5 * 5
    for _ in range(count):
        minutes = draw(st.integers(20, 150))
        if cursor + minutes > 23 * 60:
            break
        kind = draw(st.sampled_from(list(RunType)))
        runs.append(run(kind.value, f"{cursor // 60:02d}:{cursor % 60:02d}", minutes))
        cursor += minutes + draw(st.integers(60, 9 * 60)) // 5 * 5
    return runs


@st.composite
def windows(draw):
    if draw(st.booleans()):
        return (DEFAULT_WINDOW,)
    spans, cursor = [], 5 * 60
    for _ in range(draw(st.integers(0, 2))):
        start = cursor + draw(st.integers(0, 8)) * 30
        end = start + draw(st.integers(1, 10)) * 30
        if end > 24 * 60:
            break
        spans.append(Window(start, end))
        cursor = end
    return tuple(spans)


@st.composite
def athletes(draw):
    return Athlete(
        name="Random",
        experience=draw(st.sampled_from(list(Experience))),
        phase=draw(st.sampled_from(list(Phase))),
        equipment=frozenset(draw(st.sets(st.sampled_from(EQUIPMENT)))),
        heavy_sessions=draw(st.none() | st.integers(0, 3)),
        available=tuple(draw(windows()) for _ in range(7)),
        one_rep_max=draw(
            st.sampled_from(
                [(), (("back_squat", 100.0),), (("goblet_squat", 30.0), ("deadlift", 140.0))]
            )
        ),
    )


@st.composite
def weeks(draw, fixed: bool = False):
    days = [draw(day_runs()) for _ in range(7)]
    if fixed:
        for _ in range(draw(st.integers(0, 2))):
            index = draw(st.integers(0, 6))
            kind = draw(st.sampled_from([k.value for k in StrengthKind]))
            hour = draw(st.integers(5, 21))
            days[index] = [*days[index], lift(kind, f"{hour:02d}:00", draw(st.integers(15, 60)))]
    return week(*days, cutback=draw(st.booleans()))


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(athletes(), weeks())
def test_a_plan_never_breaks_a_hard_rule_and_check_agrees(runner, the_week):
    plan = plan_week(runner, the_week, LIBRARY)
    assert plan.violations == ()
    assert judge(runner, plan.week, MINUTES).violations == ()


@SETTINGS
@given(athletes(), weeks())
def test_no_session_overlaps_a_run_or_another_session(runner, the_week):
    plan = plan_week(runner, the_week, LIBRARY)
    for day in plan.week.days:
        spans = sorted(
            [(r.start, r.end) for r in day.runs] + [(s.start, s.end) for s in day.strength]
        )
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end <= start


@SETTINGS
@given(athletes(), weeks())
def test_counts_stay_within_the_target_and_never_exceed_three_loaded_days(runner, the_week):
    plan = plan_week(runner, the_week, LIBRARY)
    target = weekly_target(runner)
    main = sum(
        1 for d in plan.week.days for s in d.strength if s.kind is target.kind and not s.fixed
    )
    loaded_days = sum(1 for d in plan.week.days if any(s.kind in LOADED_KINDS for s in d.strength))
    assert main <= target.count
    assert loaded_days <= 3
    if runner.experience is Experience.NOVICE:
        assert loaded_days == 0


@SETTINGS
@given(athletes(), weeks())
def test_sessions_have_exercises_the_runner_can_do(runner, the_week):
    plan = plan_week(runner, the_week, LIBRARY)
    for day in plan.week.days:
        for session in day.strength:
            assert session.exercises, session
            for item in session.exercises:
                assert LIBRARY[item.exercise_id].doable_with(runner.equipment)
                assert 1 <= item.sets <= 3
            if session.kind is StrengthKind.HEAVY:
                assert 30 <= session.minutes <= 60
                for item in session.exercises:
                    if item.percent_1rm is not None:
                        assert 75 <= item.percent_1rm <= 85
                        assert item.load is not None and item.one_rep_max is not None
                        assert item.load <= item.one_rep_max * 0.85 + 1e-9
                        assert item.reps is not None and 4 <= item.reps <= 10


@SETTINGS
@given(athletes(), weeks())
def test_the_same_input_gives_the_same_output(runner, the_week):
    first = plan_week(runner, the_week, LIBRARY)
    second = plan_week(runner, the_week, LIBRARY)
    as_json = lambda p: week_json(p.week, p.reasons, p.violations, p.warnings, p.notes)  # noqa: E731
    assert as_json(first) == as_json(second)


@SETTINGS
@given(athletes(), weeks(fixed=True))
def test_fixed_items_are_kept_and_only_they_can_break_hard_rules(runner, the_week):
    plan = plan_week(runner, the_week, LIBRARY)
    for before, after in zip(the_week.days, plan.week.days, strict=True):
        fixed = [(s.kind, s.start, s.minutes) for s in before.strength]
        kept = [(s.kind, s.start, s.minutes) for s in after.strength if s.fixed]
        assert sorted(fixed) == sorted(kept)
        assert before.runs == after.runs
    as_given = judge(runner, the_week, MINUTES).violations
    planned = judge(runner, plan.week, MINUTES).violations
    assert {(v.day, v.verdict.rule) for v in planned} <= {(v.day, v.verdict.rule) for v in as_given}


@SETTINGS
@given(athletes(), weeks())
def test_every_day_says_why_when_loaded_work_was_possible_in_principle(runner, the_week):
    plan = plan_week(runner, the_week, LIBRARY)
    assert len(plan.reasons) == 7
    if weekly_target(runner).count:
        # Each day either holds a session or carries at least one reason.
        for day, reasons in zip(plan.week.days, plan.reasons, strict=True):
            assert day.strength or reasons


def test_a_rest_week_in_build_plans_no_loaded_work_and_says_why():
    plan = plan_week(replace(_intermediate(), phase=Phase.BUILD), week(start=MONDAY), LIBRARY)
    assert not any(s.kind in LOADED_KINDS for d in plan.week.days for s in d.strength)
    assert any(w.verdict.rule == "weekly-heavy-count" for w in plan.warnings)


def _intermediate() -> Athlete:
    return Athlete(name="X", experience=Experience.INTERMEDIATE, phase=Phase.BASE)


@st.composite
def race_weeks(draw):
    """Weeks with doubles, fixed sessions and races: in the week (goal or not, any day) or
    listed around it (the week before or after), as a season brings them."""
    the_week = draw(weeks(fixed=draw(st.booleans())))
    days = list(the_week.days)
    races = []
    for _ in range(draw(st.integers(0, 2))):
        offset = draw(st.integers(-9, 13))
        goal = draw(st.booleans())
        if 0 <= offset < 7 and draw(st.booleans()):
            day = days[offset]
            race = run("race", "08:00", draw(st.integers(20, 240)), goal=goal)
            kept = tuple(r for r in day.runs if r.end <= race.start or r.start >= race.end)
            days[offset] = replace(day, runs=tuple(sorted((*kept, race), key=lambda r: r.start)))
        else:
            races.append(Race(MONDAY + timedelta(days=offset), goal=goal))
    return replace(the_week, days=tuple(days), races=tuple(races))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(athletes(), race_weeks())
def test_check_of_a_planned_week_finds_nothing_the_plan_did_not_say(runner, the_week):
    plan = plan_week(runner, the_week, LIBRARY)
    said = {(d.day, d.verdict.rule) for d in (*plan.warnings, *plan.violations)}
    checked = judge(runner, plan.week, MINUTES)
    found = {(d.day, d.verdict.rule) for d in (*checked.warnings, *checked.violations)}
    assert found <= said
    given_violations = {
        (v.day, v.verdict.rule) for v in judge(runner, the_week, MINUTES).violations
    }
    assert {(v.day, v.verdict.rule) for v in plan.violations} <= given_violations


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(athletes(), race_weeks())
def test_nothing_but_gentle_work_in_the_week_after_or_the_day_before_a_goal_race(runner, the_week):
    plan = plan_week(runner, the_week, LIBRARY)
    goal_dates = [d.date for d in plan.week.days for r in d.runs if r.goal] + [
        r.date for r in plan.week.races if r.goal
    ]
    for day in plan.week.days:
        planned = [s for s in day.strength if not s.fixed]
        near = [(day.date - race).days for race in goal_dates if -1 <= (day.date - race).days <= 7]
        if near:
            assert {s.kind for s in planned} <= {StrengthKind.CORE, StrengthKind.PILATES}, near
        if any(n == 0 for n in near):
            assert not planned  # race day: the race is the day's work
