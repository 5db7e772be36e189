"""Moving a planned session, in the domain: the answer names what breaks on the new day and
elsewhere, and the suggestion is the nearest slot every rule is content with."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from runlift.catalog import load_library
from runlift.domain.model import StrengthKind
from runlift.domain.moves import Answer, Move, answer_move, suggest
from runlift.domain.planner import plan_week
from runlift.io.weekfile import read_plan_file

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = load_library()
REQUEST = read_plan_file(
    str(ROOT / "examples" / "build-intermediate.yaml"), LIBRARY, date(2026, 11, 25)
)
PLAN = plan_week(REQUEST.athlete, REQUEST.week, LIBRARY)
MINUTES = LIBRARY.tables.session_minutes
TUESDAY, THURSDAY = 1, 3


def heavy(origin: int, target: int, start: int) -> Move:
    return Move(StrengthKind.HEAVY, origin, target, start, 40)


def test_the_planned_slot_is_fine():
    answered = answer_move(REQUEST.athlete, PLAN.week, heavy(THURSDAY, THURSDAY, 17 * 60), MINUTES)
    assert answered.answer is Answer.FINE
    assert answered.elsewhere == ()


def test_a_move_that_crowds_another_session_says_so_on_that_day():
    answered = answer_move(REQUEST.athlete, PLAN.week, heavy(TUESDAY, TUESDAY, 19 * 60), MINUTES)
    assert answered.answer is Answer.WARNING
    assert [(day, v.rule) for day, v in answered.elsewhere] == [(THURSDAY, "heavy-spacing")]


def test_heavy_legs_the_day_before_a_quality_run_is_why_not_and_a_fine_slot_is_offered():
    monday = 0
    answered = answer_move(REQUEST.athlete, PLAN.week, heavy(TUESDAY, monday, 18 * 60), MINUTES)
    assert answered.answer is Answer.WHY_NOT
    assert "no-heavy-before-quality" in {v.rule for v in answered.reasons if not v.ok}
    better = suggest(REQUEST.athlete, PLAN.week, heavy(TUESDAY, monday, 18 * 60), MINUTES)
    assert better is not None and better.answer is Answer.FINE
    assert better.move.target == TUESDAY  # the nearest day the rules allow


@settings(max_examples=40, deadline=None)
@given(target=st.integers(0, 6), start=st.integers(5 * 4, 22 * 4).map(lambda q: q * 15))
def test_a_suggestion_is_always_fine_and_the_week_keeps_its_sessions(target, start):
    move = heavy(THURSDAY, target, start)
    answered = answer_move(REQUEST.athlete, PLAN.week, move, MINUTES)
    count = sum(len(d.strength) for d in PLAN.week.days)
    assert sum(len(d.strength) for d in answered.week.days) == count
    better = suggest(REQUEST.athlete, PLAN.week, move, MINUTES)
    if better is not None:
        assert better.answer is Answer.FINE
        assert answer_move(REQUEST.athlete, PLAN.week, better.move, MINUTES).answer is Answer.FINE
