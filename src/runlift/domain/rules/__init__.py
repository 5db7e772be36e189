"""Every rule of guidelines §2 as a small named object (see docs/rules.md)."""

from runlift.domain.rules.base import DatedVerdict, Rule, SessionRule, Verdict, WeekRule
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
from runlift.domain.rules.ruleset import RuleSet
from runlift.domain.rules.volume import (
    DeloadWithRunning,
    HeavySpacing,
    PhaseDose,
    SessionLength,
    WeeklyHeavyCount,
    weekly_target,
)

SESSION_RULES: tuple[SessionRule, ...] = (
    WithinAvailability(),
    NoOverlap(),
    HeavyOnHardDays(),
    BasePhaseException(),
    NoHeavyBeforeQuality(),
    RunBeforeLift(),
    RaceBuffer(),
    RecoveryWindow(),
    RecoveryGap(),
    RestDay(),
    AvoidLiftAfterLongRun(),
    SessionLength(),
    CoreAnyDay(),
)
WEEK_RULES: tuple[WeekRule, ...] = (
    HeavySpacing(),
    WeeklyHeavyCount(),
    PhaseDose(),
    DeloadWithRunning(),
)


DEFAULT_RULES = RuleSet(SESSION_RULES, WEEK_RULES)


def all_rules() -> dict[str, Rule]:
    """One entry per rule id (the two halves of `phase-dose` share theirs)."""
    return DEFAULT_RULES.by_id()


__all__ = [
    "DEFAULT_RULES",
    "SESSION_RULES",
    "WEEK_RULES",
    "DatedVerdict",
    "Rule",
    "RuleSet",
    "SessionRule",
    "Verdict",
    "WeekRule",
    "all_rules",
    "weekly_target",
]
