"""What a rule is: a small named object with an id, a one-line summary, hard or soft, and a
check that answers with a verdict in plain words."""

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
    summary: ClassVar[str]
    hard: ClassVar[bool | None]  # None: an exception or note that can never be broken

    def verdict(self, ok: bool, text: str) -> Verdict:
        return Verdict(self.id, ok, bool(self.hard), text)


class SessionRule(Rule):
    """Judges one session on one day. Returns None when the rule has nothing to say."""

    def check(self, ctx: WeekContext, day: int, slot: Slot) -> Verdict | None:
        raise NotImplementedError


class WeekRule(Rule):
    """Judges the week's strength work as a whole."""

    def check_week(self, ctx: WeekContext) -> Iterable[DatedVerdict]:
        raise NotImplementedError
