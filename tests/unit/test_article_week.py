"""The article's example week (guidelines §2), reproduced exactly by the planner."""

from runlift.domain.model import StrengthKind
from runlift.domain.planner import plan_week
from tests.helpers import ARTICLE_WEEK, EVENINGS, athlete, library


def _plan():
    runner = athlete("intermediate", "build", available=EVENINGS)
    return plan_week(runner, ARTICLE_WEEK, library())


def kinds(plan):
    return [[s.kind for s in day.strength] for day in plan.week.days]


def test_reproduces_the_article_week_day_by_day():
    assert kinds(_plan()) == [
        [],
        [StrengthKind.HEAVY],
        [StrengthKind.CORE],
        [StrengthKind.HEAVY],
        [],
        [StrengthKind.BODYWEIGHT],
        [],
    ]


def test_plyometrics_go_in_thursdays_heavy_session_only():
    plan = _plan()
    tuesday, thursday = plan.week.days[1].strength[0], plan.week.days[3].strength[0]
    assert any(x.pattern == "plyometric" for x in thursday.exercises)
    assert not any(x.pattern == "plyometric" for x in tuesday.exercises)


def test_heavy_sessions_last_30_to_60_minutes_at_least_3_hours_after_the_run():
    plan = _plan()
    for index in (1, 3):
        day = plan.week.days[index]
        session = day.strength[0]
        assert 30 <= session.minutes <= 60
        assert session.start - max(r.end for r in day.runs) >= 180


def test_heavy_sessions_are_booked_with_their_barbell_warm_up_sets():
    # Issue 10: the lengths count each barbell lift's ramp-up sets (catalog [ramp_up.barbell]),
    # so Tuesday's four barbell lifts take 35 min, not 30, and Thursday's session 45, not 40:
    # still inside the article's 30-60 min.
    plan = _plan()
    tuesday, thursday = plan.week.days[1].strength[0], plan.week.days[3].strength[0]
    assert [x.warm_up_sets for x in tuesday.exercises] == [3, 2, 2, 2]
    assert (tuesday.minutes, thursday.minutes) == (35, 45)


def test_light_sessions_fit_their_lengths():
    plan = _plan()
    assert 10 <= plan.week.days[2].strength[0].minutes <= 60
    assert 10 <= plan.week.days[5].strength[0].minutes <= 30


def test_says_why_not_saturday_wednesday_friday_and_sunday():
    plan = _plan()
    rules = [{v.rule for v in reasons if not v.ok} for reasons in plan.reasons]
    assert "no-heavy-before-quality" in rules[5]  # Saturday: Sunday's long run follows
    assert "heavy-on-hard-days" in rules[2]  # Wednesday: an easy day in build
    assert "heavy-on-hard-days" in rules[4]  # Friday: an easy day in build
    assert "avoid-lift-after-long-run" in rules[6]  # Sunday: legal, but Tue and Thu serve


def test_the_plan_is_clean():
    plan = _plan()
    assert plan.violations == ()
    assert plan.warnings == ()


def test_the_six_patterns_are_covered_across_the_week():
    plan = _plan()
    patterns = {
        x.pattern
        for day in plan.week.days
        for s in day.strength
        if s.kind is StrengthKind.HEAVY
        for x in s.exercises
    }
    assert {"squat", "lunge", "hinge", "push", "pull", "carry"} <= patterns


def test_lower_body_comes_before_upper_body_in_each_heavy_session():
    plan = _plan()
    order = {"plyometric": 0, "squat": 1, "lunge": 1, "hinge": 1, "push": 2, "pull": 2, "carry": 3}
    for day in plan.week.days:
        for s in day.strength:
            if s.kind is StrengthKind.HEAVY:
                ranks = [order[x.pattern] for x in s.exercises]
                assert ranks == sorted(ranks)
