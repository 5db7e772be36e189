"""The rules a plan or a check is judged by, as one value the planner asks for numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from runlift.domain.rules.base import Rule, SessionRule, Verdict, WeekRule

R = TypeVar("R", bound=Rule)


@dataclass(frozen=True)
class RuleSet:
    """Session rules (one session on one day) and week rules (the week as a whole).

    The planner and the checker never keep a rule's numbers: they ask the rule through
    `find`, so a variant built with `replacing` changes placement, verdicts and words alike.
    """

    session: tuple[SessionRule, ...]
    week: tuple[WeekRule, ...]
    _by_type: dict[type[Rule], Rule] = field(init=False, repr=False, compare=False)
    _by_id: dict[str, Rule] = field(init=False, repr=False, compare=False)
    _picked: dict[tuple[type[Rule], ...], tuple[SessionRule, ...]] = field(
        init=False, repr=False, compare=False
    )
    # Ids of the soft rules the planner still will not plan against (hot in the search).
    blocking_soft_ids: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        found: dict[type[Rule], Rule] = {}
        ids: dict[str, Rule] = {}
        for rule in (*self.session, *self.week):
            found.setdefault(type(rule), rule)
            ids.setdefault(rule.id, rule)  # the two halves of `phase-dose` share theirs
        object.__setattr__(self, "_by_type", found)
        object.__setattr__(self, "_by_id", ids)
        object.__setattr__(self, "_picked", {})
        blocking = frozenset(r.id for r in ids.values() if r.planner_blocks)
        object.__setattr__(self, "blocking_soft_ids", blocking)

    def session_rules(
        self, only: tuple[type[Rule], ...] = (), leaving_out: tuple[type[Rule], ...] = ()
    ) -> tuple[SessionRule, ...]:
        """The session rules of these classes (all when `only` is empty), less those of
        `leaving_out`, in the set's order; worked out once per choice (planning is hot)."""
        key = (*only, Rule, *leaving_out)
        found = self._picked.get(key)
        if found is None:
            found = tuple(
                r
                for r in self.session
                if (not only or isinstance(r, only)) and not isinstance(r, leaving_out)
            )
            self._picked[key] = found
        return found

    def find(self, kind: type[R]) -> R:
        """The rule of this class in the set."""
        rule = self._by_type[kind]
        assert isinstance(rule, kind)
        return rule

    def replacing(self, *rules: Rule) -> RuleSet:
        """This set with each given rule in place of the one of its class."""
        swap = {type(r): r for r in rules}
        return RuleSet(
            tuple(swap.get(type(r), r) for r in self.session),  # type: ignore[misc]
            tuple(swap.get(type(r), r) for r in self.week),  # type: ignore[misc]
        )

    def by_id(self) -> dict[str, Rule]:
        """One entry per rule id (the two halves of `phase-dose` share theirs)."""
        return dict(self._by_id)

    def blocks_planner(self, verdict: Verdict) -> bool:
        """Whether a broken verdict keeps the planner off that day: a hard rule, or a soft
        one the planner still will not plan against."""
        return not verdict.ok and (verdict.hard or verdict.rule in self.blocking_soft_ids)

    def by_design(self, verdict: Verdict) -> bool:
        """Whether a broken verdict keeps a day free on purpose (a race, the days after it)."""
        rule = self._by_id.get(verdict.rule)
        return not verdict.ok and rule is not None and rule.by_design

    def rules_out(self, verdict: Verdict) -> str:
        rule = self._by_id.get(verdict.rule)
        return rule.rules_out if rule is not None and rule.rules_out else "ruled out"
