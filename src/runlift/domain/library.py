"""The exercise library and the training tables, as plain values the planner can query.

The data itself lives in `runlift/catalog/*.toml`; `runlift.catalog` reads it and builds a
`Library`. Nothing here touches a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations

from runlift.domain.model import EQUIPMENT, Kit, StrengthKind, Tempo, Units

PATTERNS = ("squat", "lunge", "hinge", "push", "pull", "carry", "twist", "plyometric", "core")
LOAD_IMPLEMENTS = frozenset({"dumbbells", "kettlebell", "barbell", "cable"})


@dataclass(frozen=True, slots=True)
class Exercise:
    id: str
    name: str
    pattern: str
    level: int
    equipment: tuple[frozenset[str], ...]
    loaded: bool
    unilateral: bool
    timed: bool
    implements: int
    kinds: frozenset[StrengthKind]
    cues: tuple[str, ...]
    progresses_to: tuple[str, ...] = ()
    primary: bool = False

    def doable_with(self, owned: frozenset[str]) -> bool:
        """True when one of the exercise's equipment sets is all in `owned`."""
        return any(option <= owned for option in self.equipment)

    def option_for(self, owned: frozenset[str]) -> frozenset[str] | None:
        """The first equipment set the runner can use, in the library's order of preference."""
        for option in self.equipment:
            if option <= owned:
                return option
        return None


@dataclass(frozen=True, slots=True)
class Formula:
    """A one-rep-max formula of one of four shapes; constants come from the data file.

    linear: w (1 + a r); reciprocal: w a / (b - c r); power: w r^a;
    exponential: w a / (b + c e^(-d r)).
    """

    id: str
    label: str
    shape: str
    a: float
    b: float = 0.0
    c: float = 0.0
    d: float = 0.0


@dataclass(frozen=True, slots=True)
class Dose:
    """Sets, reps and effort for one kind of work at one experience level."""

    sets: int
    reps: int
    reps_in_reserve: int
    rest_seconds: int
    seconds: int = 30


@dataclass(frozen=True, slots=True)
class RampUp:
    """Light sets before a barbell lift's working sets, lightest first: (percent of the working
    load, reps) each, 0 % being the empty bar. The session's first barbell lift climbs the whole
    `ladder`; a later one, the body already warm, its top `later_sets`."""

    ladder: tuple[tuple[int, int], ...]
    later_sets: int
    rest_seconds: int

    def sets(self, first: bool) -> int:
        return len(self.ladder) if first else min(self.later_sets, len(self.ladder))

    def seconds(self, sets: int, seconds_per_rep: float) -> float:
        """The time the top `sets` of the ladder take, each with its rest."""
        top = self.ladder[len(self.ladder) - sets :] if sets > 0 else ()
        return sum(reps * seconds_per_rep + self.rest_seconds for _, reps in top)


@dataclass(frozen=True, slots=True)
class Tables:
    """The numbers of guidelines §3-4 (see catalog/training.toml)."""

    formulas: Mapping[str, Formula]
    default_formula: str
    rpe_percent: tuple[float, ...]  # index n-1 for n = reps + reps in reserve, n = 1..len
    kits: Mapping[Units, Kit]
    doses: Mapping[str, Dose]  # keyed "kind.experience" or "kind.phase"
    warm_up_minutes: Mapping[StrengthKind, int]
    seconds_per_rep: float
    change_over_seconds: int
    session_minutes: Mapping[StrengthKind, tuple[int, int]]
    default_minutes: Mapping[StrengthKind, int]
    heavy_percent: tuple[float, float] = (75.0, 85.0)  # the %1RM band of heavy work
    barbell_ramp_up: RampUp = RampUp((), 0, 0)  # none unless the data file says
    unloaded_tempo: Tempo | None = None  # the pace of body-weight reps in a heavy session

    def dose(self, key: str) -> Dose:
        return self.doses[key]


@dataclass(frozen=True)
class Library:
    exercises: Mapping[str, Exercise]
    tables: Tables
    _ladders: dict[tuple[str, StrengthKind], tuple[Exercise, ...]] = field(
        default_factory=dict, repr=False
    )
    _reachable: dict[tuple[str, StrengthKind, int, frozenset[str]], tuple[Exercise, ...]] = field(
        default_factory=dict, repr=False
    )
    _stand_ins: dict[tuple[str, int, frozenset[str]], tuple[Exercise, ...]] = field(
        default_factory=dict, repr=False
    )

    def __getitem__(self, exercise_id: str) -> Exercise:
        return self.exercises[exercise_id]

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self.exercises

    @cached_property
    def by_pattern(self) -> Mapping[str, tuple[Exercise, ...]]:
        """Each pattern's ladder, lowest rung first (ties by id, so the order is stable)."""
        grouped: dict[str, list[Exercise]] = {pattern: [] for pattern in PATTERNS}
        for exercise in self.exercises.values():
            grouped[exercise.pattern].append(exercise)
        return {p: tuple(sorted(xs, key=lambda x: (x.level, x.id))) for p, xs in grouped.items()}

    def ladder(self, pattern: str, kind: StrengthKind) -> tuple[Exercise, ...]:
        """The rungs of `pattern` a session of `kind` may use, lowest first."""
        key = (pattern, kind)
        cached = self._ladders.get(key)
        if cached is None:
            cached = tuple(x for x in self.by_pattern[pattern] if kind in x.kinds)
            self._ladders[key] = cached
        return cached

    def reachable(
        self, pattern: str, kind: StrengthKind, cap: int, owned: frozenset[str]
    ) -> tuple[Exercise, ...]:
        """The rungs of `pattern` for `kind` up to level `cap` that `owned` equipment allows,
        best first for that kind: heavy work prefers loaded staple lifts and higher rungs,
        core work the staple moves and lower rungs. Cached: the same few kits recur."""
        key = (pattern, kind, cap, owned)
        cached = self._reachable.get(key)
        if cached is None:
            found = [
                x for x in self.ladder(pattern, kind) if x.level <= cap and x.doable_with(owned)
            ]
            if kind is StrengthKind.HEAVY:
                found.sort(key=lambda x: (not x.loaded, not x.primary, -x.level, x.id))
            elif kind in (StrengthKind.CORE, StrengthKind.PILATES):
                found.sort(key=lambda x: (not x.primary, x.level, x.id))
            else:
                found.sort(key=lambda x: (not x.primary, -x.level, x.id))
            cached = self._reachable[key] = tuple(found)
        return cached

    def stand_ins(self, pattern: str, cap: int, owned: frozenset[str]) -> tuple[Exercise, ...]:
        """Bodyweight rungs of `pattern` to stand in for heavy work, hardest first: single-leg
        ones (one leg lifts the whole body), then the higher rung. Cached like `reachable`."""
        key = (pattern, cap, owned)
        cached = self._stand_ins.get(key)
        if cached is None:
            found = self.reachable(pattern, StrengthKind.BODYWEIGHT, cap, owned)
            ranked = sorted(found, key=lambda x: (not x.unilateral, -x.level, not x.primary))
            cached = self._stand_ins[key] = tuple(ranked)
        return cached

    def select(
        self,
        equipment: Iterable[str] | None = None,
        patterns: Iterable[str] | None = None,
    ) -> list[Exercise]:
        """Exercises doable with `equipment` (all when None), in ladder order per pattern."""
        owned = None if equipment is None else frozenset(equipment)
        wanted = PATTERNS if patterns is None else tuple(p for p in PATTERNS if p in patterns)
        return [
            x
            for pattern in wanted
            for x in self.by_pattern[pattern]
            if owned is None or x.doable_with(owned)
        ]

    def best_purchase(
        self, patterns: Iterable[str], kind: StrengthKind, cap: int, owned: frozenset[str]
    ) -> tuple[tuple[str, ...], tuple[Exercise, ...]] | None:
        """The purchase that gives the most of `patterns` a rung of `kind` up to level `cap`
        (the fewest pieces, then the earliest on the equipment path, on a tie), with the rung
        the planner would then choose for each; None when no purchase does."""
        wanted = tuple(dict.fromkeys(patterns))
        purchases = {
            option - owned
            for pattern in wanted
            for x in self.ladder(pattern, kind)
            if x.level <= cap
            for option in x.equipment
            if not option <= owned
        }
        best: tuple[tuple[int, int, tuple[int, ...]], tuple[str, ...], tuple[Exercise, ...]]
        best = ((0, 0, ()), (), ())
        for extra in purchases:
            more = owned | extra
            gained = tuple(
                found[0] for p in wanted if (found := self.reachable(p, kind, cap, more))
            )
            items = tuple(sorted(extra, key=EQUIPMENT.index))
            key = (-len(gained), len(items), tuple(EQUIPMENT.index(e) for e in items))
            if gained and (not best[2] or key < best[0]):
                best = (key, items, gained)
        return (best[1], best[2]) if best[2] else None

    def unlocks(self, equipment: Iterable[str]) -> list[tuple[str, list[Exercise]]]:
        """What each next purchase makes doable, in the usual purchase order: single pieces
        first, then sets of two or three that only work together (a barbell and a rack for
        back squats). Each exercise is listed once, under the smallest purchase; purchases
        that unlock nothing new are left out."""
        owned = frozenset(equipment)
        missing = [item for item in EQUIPMENT if item not in owned]
        locked = [x for x in self.select() if not x.doable_with(owned)]
        result: list[tuple[str, list[Exercise]]] = []
        listed: set[str] = set()
        for size in (1, 2, 3):
            found_now: set[str] = set()
            for items in combinations(missing, size):
                more = owned | set(items)
                gained = [x for x in locked if x.id not in listed and x.doable_with(more)]
                if gained:
                    result.append(("+".join(items), gained))
                    found_now.update(x.id for x in gained)
            listed |= found_now
        return result
