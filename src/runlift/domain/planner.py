"""Filling a week with strength work (guidelines §2-3).

The planner never breaks a hard rule, meets the soft ones wherever the week allows, and picks
among the legal days by these preferences, in this order (docs/planner.md):

1. as many main sessions as the week's target, where the rules allow;
2. the fewest broken soft rules (a short recovery gap, heavy sessions closer than the spacing
   rule allows, a rest day, lifting after a long run when another day serves);
3. main sessions spread out across the week (the largest smallest gap, the week taken to
   repeat);
4. the longest recovery gap after the run, up to the preferred one;
5. the most room before the next quality day;
6. the earliest days, so the same week always gives the same plan.

Core and bodyweight sessions then go on easy days first, spread apart, off the main days;
around a race only core. Every number comes from the rules (`RuleSet`), and the week's
warnings are exactly what `check` says of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from itertools import combinations

from runlift.domain.checker import judge_in, session_verdicts, settle
from runlift.domain.context import EVENING, Slot, WeekContext
from runlift.domain.dose import WeekDose, week_dose
from runlift.domain.library import Library
from runlift.domain.model import (
    MINUTES_PER_DAY,
    Athlete,
    Day,
    DayType,
    Experience,
    Phase,
    StrengthKind,
    StrengthSession,
    Week,
)
from runlift.domain.notes import plan_notes
from runlift.domain.prescription import KnownMax, known_maxes
from runlift.domain.progression import Step
from runlift.domain.rules import DEFAULT_RULES, DatedVerdict, RuleSet, Verdict
from runlift.domain.rules.placement import AvoidLiftAfterLongRun
from runlift.domain.rules.volume import HeavySpacing, PhaseDose, weekly_target
from runlift.domain.search import DAY_MINUTES, Candidate, assess, choose_days, day_spread, room
from runlift.domain.sessions import Composer
from runlift.domain.suggest import fixed_session_advice

EASY_DAY_SESSIONS = 2
EASY_KIND_RANK = {DayType.EASY: 0, DayType.REST: 1, DayType.HARD: 2}
JUMPING_KINDS = frozenset({StrengthKind.HEAVY, StrengthKind.BODYWEIGHT})


@dataclass(frozen=True, slots=True)
class Plan:
    """A filled week: the sessions, why each day got what it got, and what the rules say."""

    athlete: Athlete
    week: Week
    reasons: tuple[tuple[Verdict, ...], ...]
    violations: tuple[DatedVerdict, ...]
    warnings: tuple[DatedVerdict, ...]
    notes: tuple[str, ...]
    maxes: dict[str, KnownMax]


class _WeekPlanner:
    def __init__(
        self, athlete: Athlete, week: Week, library: Library, formula: str | None, rules: RuleSet
    ):
        self.athlete = athlete
        self.week = week
        self.library = library
        self.rules = rules
        self.tables = library.tables
        self.maxes = known_maxes(athlete, self.tables, formula)
        taper_sets = rules.find(PhaseDose).taper_sets
        self.composer = Composer(athlete, library, self.maxes, taper_sets=taper_sets)
        self.ctx = WeekContext(athlete, week, self.tables.session_minutes, rules)
        self.target = weekly_target(athlete, rules)
        self.shortest = self.tables.session_minutes.get(self.target.kind, (30, 60))[0]
        self.dose: WeekDose | None = None
        self.sessions: list[list[StrengthSession]] = [list(d.strength) for d in week.days]
        self.reasons: list[list[Verdict]] = [[] for _ in week.days]
        self.light_days: set[int] = set()

    # -- fixed items --------------------------------------------------------------------
    def _time_fixed(self) -> None:
        """Fixed sessions without a start get one; without a length, the kind's default."""
        for day, sessions in enumerate(self.sessions):
            for i, session in enumerate(sessions):
                if session.start_given:
                    continue
                busy = self.ctx.busy(day, skip=session)
                start = self.ctx.find_start(
                    day, session.minutes, loaded=session.is_loaded, busy=busy
                )
                if start is None:  # nothing fits your times: at least keep clear of the runs
                    start = _clear_of(busy, session.minutes)
                sessions[i] = replace(session, start=start)
        self.ctx.days = tuple(
            d.with_strength(tuple(s)) for d, s in zip(self.week.days, self.sessions, strict=True)
        )

    # -- main sessions ------------------------------------------------------------------
    def _place_main(self) -> list[int]:
        kind = self.target.kind
        ctx = self.ctx
        minutes = self.tables.default_minutes[kind]
        fixed_days = [i for i, ss in enumerate(self.sessions) if any(s.kind is kind for s in ss)]
        fixed_starts = [
            i * DAY_MINUTES + s.start
            for i in fixed_days
            for s in self.sessions[i]
            if s.kind is kind
        ]
        need = max(0, self.target.count - len(fixed_days))
        candidates = [
            assess(ctx, day, kind, minutes, fixed_starts)
            for day in range(len(ctx.days))
            if day not in fixed_days
        ]
        # The week's dose, as `check` works it out. With no strength work in the week yet the
        # candidates were timed against the runs alone, so their verdicts serve.
        judged_days = None
        if not any(d.strength for d in self.week.days):
            judged_days = {c.day: c.verdicts for c in candidates if c.slot is not None}
        self.dose = week_dose(ctx, self.target, self.shortest, judged_days)
        settle(ctx, self.dose)
        avoid = self.rules.find(AvoidLiftAfterLongRun)
        for c in candidates:
            if c.legal and c.slot is not None and ctx.long_run(c.day):
                shadow = replace(c.slot, kind=StrengthKind.HEAVY)
                verdict = avoid.check(ctx, c.day, shadow)
                if verdict is not None:
                    c.verdicts.append(verdict)
                    c.soft_fails += 0 if verdict.ok else 1
        legal = [c for c in candidates if c.legal]
        chosen: tuple[Candidate, ...] = ()
        if need and legal:
            spacing = self.rules.find(HeavySpacing).minutes
            heavy = kind is StrengthKind.HEAVY
            chosen = choose_days(
                legal, min(need, len(legal)), fixed_starts, spacing if heavy else None
            )
        chosen_days = {c.day for c in chosen}
        for c in chosen:
            assert c.slot is not None
            self.sessions[c.day].append(StrengthSession(kind, c.slot.start, c.slot.minutes))
            self.reasons[c.day] += c.verdicts
        self._explain_unchosen(candidates, chosen_days, fixed_days)
        main_days = sorted(chosen_days | set(fixed_days))
        if main_days and need:
            self.reasons[main_days[0]][:0] = list(self.target.reasons)
        return main_days

    def _explain_unchosen(
        self, candidates: list[Candidate], chosen: set[int], fixed: list[int]
    ) -> None:
        kind = self.target.kind.value
        planned = [self.ctx.day(d).weekday_name for d in sorted(chosen)]
        own = [self.ctx.day(d).weekday_name for d in fixed]
        for c in candidates:
            if c.day in chosen:
                continue
            fails = [v for v in c.verdicts if not v.ok]
            if not c.legal:
                self.reasons[c.day] += [v for v in fails if self.rules.blocks_planner(v)]
            elif fails:
                self.reasons[c.day] += fails
            elif planned or own:
                self.reasons[c.day].append(
                    Verdict("weekly-heavy-count", True, False, _elsewhere(kind, planned, own))
                )

    # -- easy-day sessions --------------------------------------------------------------
    def _light_kind_allowed(self, day: int, kind: StrengthKind, start: int, minutes: int) -> bool:
        slot = Slot(kind, start, minutes)
        return not any(self.rules.blocks_planner(v) for v in session_verdicts(self.ctx, day, slot))

    def _place_easy(self, main_days: list[int]) -> None:
        novice = self.athlete.experience is Experience.NOVICE
        light = (StrengthKind.CORE, StrengthKind.PILATES) + (
            () if novice else (StrengthKind.BODYWEIGHT,)
        )
        main = self.target.kind
        # Light sessions already there count, but not the main sessions themselves (a
        # recovery week's bodyweight sessions still get their core work beside them).
        have = sum(
            1
            for day, ss in enumerate(self.sessions)
            for s in ss
            if s.kind in light and not (s.kind is main and day in main_days)
        )
        need = max(0, EASY_DAY_SESSIONS - have)
        if not need:
            return
        taken = set(main_days) | {i for i, ss in enumerate(self.sessions) if ss}
        core_minutes = self.tables.default_minutes[StrengthKind.CORE]
        options: list[tuple[int, int]] = []  # (day, start)
        for day in range(len(self.ctx.days)):
            if day in taken or self.ctx.race_day(day) is not None:
                continue  # a race is the day's work
            start = self.ctx.find_start(day, core_minutes, loaded=False)
            if start is not None:
                options.append((day, start))
        need = min(need, len(options))
        if not need:
            return

        ranks = {day: EASY_KIND_RANK[self.ctx.day_types[day]] for day, _ in options}

        def key(combo: Iterable[tuple[int, int]]) -> tuple[int, int, tuple[int, ...]]:
            days = tuple(d for d, _ in combo)
            return (sum(ranks[d] for d in days), -day_spread(days), days)

        chosen = sorted(min(combinations(options, need), key=key))
        kinds = [StrengthKind.CORE] * len(chosen)
        starts = [start for _, start in chosen]  # each kind's own start, at its own length
        wants_bodyweight = not novice and self.athlete.phase is not Phase.RECOVERY
        if wants_bodyweight and len(chosen) == EASY_DAY_SESSIONS and have == 0:
            body = StrengthKind.BODYWEIGHT
            body_minutes = self.tables.default_minutes[body]
            body_starts = [self.ctx.find_start(d, body_minutes, loaded=False) for d, _ in chosen]
            allowed = [
                i
                for i, (d, _) in enumerate(chosen)
                if (s := body_starts[i]) is not None
                and self._light_kind_allowed(d, body, s, body_minutes)
            ]
            if allowed:
                # The longer bodyweight session goes with the day's shorter running.
                run_minutes = [sum(r.minutes for r in self.ctx.day(d).runs) for d, _ in chosen]
                lighter = min(allowed, key=lambda i: (run_minutes[i], -i))
                kinds[lighter] = body
                starts[lighter] = body_starts[lighter] or starts[lighter]
        for (day, _), kind, start in zip(chosen, kinds, starts, strict=True):
            minutes = self.tables.default_minutes[kind]
            session = StrengthSession(kind, start, minutes)
            self.sessions[day].append(session)
            self.light_days.add(day)  # its kept rules come from the final judgement

    # -- contents -----------------------------------------------------------------------
    def _jump_day(self, main_days: list[int]) -> int | None:
        """The main session that takes the week's jumps: one whose legs are fresh (no long
        run that day) with the most room before the next hard day; none when every main
        session follows a long run, and that is said."""
        if not main_days or self.target.kind not in JUMPING_KINDS:
            return None
        fresh = [d for d in main_days if not self.ctx.long_run(d)]
        if fresh:
            return max(fresh, key=lambda d: (room(self.ctx, d), d))
        avoid = self.rules.find(AvoidLiftAfterLongRun)
        self.reasons[main_days[0]].append(avoid.jumps_dropped(self.ctx, main_days[0]))
        return None

    def _compose(self, main_days: list[int]) -> None:
        main_kind = self.target.kind
        deload = self.week.is_deload
        plyo_day = self._jump_day(main_days)
        order = {day: i for i, day in enumerate(main_days)}
        for day, sessions in enumerate(self.sessions):
            sessions.sort(key=lambda s: s.start)
            for i, session in enumerate(sessions):
                is_main = session.kind is main_kind and day in order
                composition = self.composer.compose(
                    session.kind,
                    index=order.get(day, 0),
                    total=max(len(main_days), 1),
                    plyometrics=is_main and day == plyo_day,
                    deload=deload and session.kind in (StrengthKind.HEAVY, StrengthKind.BODYWEIGHT),
                    main=is_main,
                    minutes=session.minutes,
                )
                keep = session.fixed and session.minutes_given
                minutes = session.minutes if keep else composition.minutes
                sessions[i] = session.filled(composition.exercises, minutes, deload and is_main)
            if deload and day in order:
                self.reasons[day].append(
                    Verdict(
                        "deload-with-running",
                        True,
                        False,
                        "Cutback week for running: strength deloads with it, about half the sets."
                        if self.week.cutback
                        else "Deload week, as you asked: about half the sets.",
                    )
                )

    def plan(self) -> Plan:
        self._time_fixed()
        main_days = self._place_main()
        self._place_easy(main_days)
        self._compose(main_days)
        days = tuple(
            d.with_strength(tuple(s)) for d, s in zip(self.week.days, self.sessions, strict=True)
        )
        week = replace(self.week, days=days)
        minutes = self.tables.session_minutes
        # Judged exactly as `check` judges it: the context's facts and the dose come from the
        # runs alone, which the planner never changes, so its own context serves.
        self.ctx.week, self.ctx.days = week, days
        judgement = judge_in(settle(self.ctx, self.dose))
        reasons = [list(r) for r in self.reasons]
        for day, d in enumerate(week.days):
            if any(s.fixed for s in d.strength):
                reasons[day] += list(judgement.reasons[day])
            elif day in self.light_days:
                # The day holds only the light session placed: the rules it keeps.
                reasons[day] += [v for v in judgement.reasons[day] if v.ok]
        for dated in (*judgement.week_notes, *judgement.warnings, *judgement.violations):
            reasons[dated.day].append(dated.verdict)
        for dated in fixed_session_advice(self.athlete, week, judgement, minutes, self.rules):
            reasons[dated.day].append(dated.verdict)
        return Plan(
            athlete=self.athlete,
            week=week,
            reasons=tuple(tuple(_unique(r)) for r in reasons),
            violations=judgement.violations,
            warnings=judgement.warnings,
            notes=plan_notes(
                self.athlete, (s for d in week.days for s in d.strength), self.maxes, self.library
            ),
            maxes=self.maxes,
        )


def _clear_of(busy: list[tuple[int, int]], minutes: int) -> int:
    """A start outside the busy spans: after the last of them when the day has room, else in
    the first free stretch that fits, else 18:00."""
    after = max((end for _, end in busy), default=None)
    if after is not None and after + minutes <= MINUTES_PER_DAY:
        return after
    cursor = 0
    for start, end in busy:
        if start - cursor >= minutes:
            return cursor
        cursor = max(cursor, end)
    return EVENING


def _elsewhere(kind: str, planned: list[str], own: list[str]) -> str:
    """Why a legal day got no main session: where the week's went instead."""
    parts = []
    if planned:
        where = _join(planned)
        parts.append(
            f"the planner put {'it' if len(planned) == 1 else 'them'} on {where}, which the "
            "preferences favour (spread out, longer recovery, more room before the next "
            "quality day)"
        )
    if own:
        parts.append(f"you fixed your own on {_join(own)}")
    return f"No {kind} session here: " + "; ".join(parts) + "."


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _unique(verdicts: list[Verdict]) -> list[Verdict]:
    seen: set[tuple[str, str]] = set()
    result = []
    for v in verdicts:
        if (v.rule, v.text) not in seen:
            seen.add((v.rule, v.text))
            result.append(v)
    return result


def plan_week(
    athlete: Athlete,
    week: Week,
    library: Library,
    *,
    formula: str | None = None,
    rules: RuleSet = DEFAULT_RULES,
    targets: Mapping[str, Step] | None = None,
) -> Plan:
    """Fill `week` with strength work for `athlete`, keeping what the runner fixed. `targets`
    (lift id -> its step from the log, domain/targets.py) set the reps and load of those
    lifts."""
    planner = _WeekPlanner(athlete, week, library, formula, rules)
    planner.composer.targets = targets or {}
    return planner.plan()


__all__ = ["Day", "Plan", "plan_week"]
