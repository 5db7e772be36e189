"""What to tell a runner whose own session breaks a rule: where it could go instead.

The plan keeps every session the runner fixed, and `check` reports what such a session
breaks; this names the nearest day and time every rule is content with, so the plan never
presents the runner's choice as its own preference and always offers the way out.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from runlift.domain.checker import Judgement, session_verdicts, week_context
from runlift.domain.context import Slot
from runlift.domain.model import Athlete, StrengthKind, Week, format_clock
from runlift.domain.moves import Move, suggest
from runlift.domain.rules import DatedVerdict, RuleSet, Verdict


def fixed_session_advice(
    athlete: Athlete,
    week: Week,
    judgement: Judgement,
    session_minutes: Mapping[StrengthKind, tuple[int, int]],
    rules: RuleSet,
) -> Iterator[DatedVerdict]:
    """For each fixed session that itself breaks a session rule, the legal slot it could move
    to (or that there is none this week)."""
    session_ids = {r.id for r in rules.session}
    days = sorted(
        {
            d.day
            for d in (*judgement.violations, *judgement.warnings)
            if d.verdict.rule in session_ids
        }
    )
    if not any(s.fixed for day in days for s in week.days[day].strength):
        return
    ctx = week_context(athlete, week, session_minutes, rules)
    for day in days:
        for session in week.days[day].strength:
            if not session.fixed:
                continue
            slot = Slot(session.kind, session.start, session.minutes, source=session)
            own = [v for v in session_verdicts(ctx, day, slot) if not v.ok]
            if not own:
                continue  # this one keeps every rule: the breach is another session's
            rule = own[0].rule
            move = Move(session.kind, day, day, session.start, session.minutes)
            found = suggest(athlete, week, move, session_minutes, rules)
            kind = session.kind.value
            name = week.days[day].weekday_name
            if found is None:
                text = (
                    f"Your own {kind} session on {name} breaks a rule above, and no other day "
                    "this week would keep every rule for it: consider a core session instead."
                )
            else:
                where = week.days[found.move.target].weekday_name
                at = format_clock(found.move.start)
                same = found.move.target == day
                place = f"at {at}" if same else f"on {where} at {at}"
                text = (
                    f"Your own {kind} session on {name} breaks a rule above; {place} it would "
                    "keep every rule."
                )
            yield DatedVerdict(day, Verdict(rule, False, False, text))
