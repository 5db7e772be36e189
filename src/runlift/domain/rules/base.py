"""What a rule is: a small named object with an id, a one-line summary, hard or soft, the
numbers it judges by, and a check that answers with a verdict in plain words.

A rule's numbers are fields of the rule (a frozen dataclass), so a coach's variant is one
`RuleSet.replacing(HeavySpacing(hours=72))` away, and its summary and messages are built from
those same fields: the planner, `check` and the words follow together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from runlift.domain.context import Slot, WeekContext


@dataclass(frozen=True, slots=True)
class Verdict:
    """One rule's answer about one session (or one candidate day): kept or broken, and why."""

    rule: str
    ok: bool
    hard: bool
    text: str


@dataclass(frozen=True, slots=True)
class DatedVerdict:
    """A verdict about the week, dated by the session it concerns (index into the week)."""

    day: int
    verdict: Verdict


class Rule:
    id: ClassVar[str]
    hard: ClassVar[bool | None]  # None: an exception or note that can never be broken
    # A soft rule the planner still will not plan against (the week after a race).
    planner_blocks: ClassVar[bool] = False
    # A day this rule rules out is kept free on purpose (a race, the days after one): a week
    # that holds fewer sessions because of it is not short of anything.
    by_design: ClassVar[bool] = False
    # How a shortfall note names the days this rule ruled out ("Tue and Thu come ...").
    rules_out: ClassVar[str] = ""

    @property
    def summary(self) -> str:
        """One line, built from the rule's own numbers."""
        raise NotImplementedError

    def verdict(self, ok: bool, text: str) -> Verdict:
        return Verdict(self.id, ok, bool(self.hard), text)

    def soft_verdict(self, ok: bool, text: str) -> Verdict:
        """A hard rule's answer about work it only advises on (light work before a race)."""
        return Verdict(self.id, ok, False, text)


class SessionRule(Rule):
    """Judges one session on one day. Returns None when the rule has nothing to say."""

    # True when the verdict depends only on the day and the session's kind, never on its
    # time or length: a day such a rule closes is closed at any hour (the search stops there).
    timeless: ClassVar[bool] = False

    def check(self, ctx: WeekContext, day: int, slot: Slot) -> Verdict | None:
        raise NotImplementedError


class WeekRule(Rule):
    """Judges the week's strength work as a whole."""

    def check_week(self, ctx: WeekContext) -> Iterable[DatedVerdict]:
        raise NotImplementedError
