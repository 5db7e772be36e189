"""One-rep maxes, %1RM by reps and effort, and loads the runner's kit can actually make
(guidelines §3-4)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from runlift.domain.library import Formula, Tables
from runlift.domain.model import Athlete, Kit

MAX_TEST_REPS = 20
RELIABLE_TEST_REPS = 10
# Reps in reserve a test may claim. Runners judge the reps they had left well only close to
# failure; past about 5 the guess is poor, and a set stopped that far short says little about
# the max (the RPE chart's own scale runs out there too).
MAX_TEST_RESERVE = 5


class EstimateError(ValueError):
    """A rep test that cannot give a one-rep max; the message says why in plain words."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclass(frozen=True, slots=True)
class Estimate:
    one_rep_max: float
    formula: Formula
    load: float
    reps: int
    reps_in_reserve: int = 0
    chart: bool = False  # read off the RPE chart (a set with reps left), not the formula

    @property
    def rough(self) -> bool:
        """Tests of 11-20 reps give only a rough estimate (3-6 reps predict best); a set with
        reps left counts as the reps it could have reached."""
        return self.reps + self.reps_in_reserve > RELIABLE_TEST_REPS

    @property
    def method(self) -> str:
        """The id of what gave the estimate: a formula's, or `rpe_chart`."""
        return "rpe_chart" if self.chart else self.formula.id

    @property
    def label(self) -> str:
        return "RPE chart" if self.chart else self.formula.label

    def source(self, unit: str) -> str:
        """ "Epley from 100 kg x 5", "RPE chart from 20 kg x 10 with 2 in reserve"."""
        spare = f" with {self.reps_in_reserve} in reserve" if self.reps_in_reserve else ""
        return f"{self.label} from {self.load:g} {unit} x {self.reps}{spare}"


def apply_formula(formula: Formula, load: float, reps: int) -> float:
    if reps == 1:
        return load
    if formula.shape == "linear":
        return load * (1 + formula.a * reps)
    if formula.shape == "reciprocal":
        return load * formula.a / (formula.b - formula.c * reps)
    if formula.shape == "power":
        return float(load * reps**formula.a)
    if formula.shape == "exponential":
        return load * formula.a / (formula.b + formula.c * math.exp(-formula.d * reps))
    raise ValueError(f"unknown formula shape {formula.shape!r}")


def estimate_one_rep_max(
    load: float, reps: int, formula: Formula, *, field: str = "reps"
) -> Estimate:
    """Estimate a one-rep max from `load` lifted for `reps` reps to or near failure.

    1-10 reps are accepted, 11-20 too (the estimate is flagged rough), more than 20 is refused:
    a load lifted that often is too light to say anything about the maximum.
    """
    if reps < 1:
        raise EstimateError(field, f"{reps} is not allowed; use a whole number from 1 to 20")
    if reps > MAX_TEST_REPS:
        raise EstimateError(
            field,
            f"{reps} reps is too light a test to estimate a one-rep max from; "
            "use a load you can lift 20 times or fewer (3-6 predicts best)",
        )
    if load < 0:
        load_field = field.rsplit(".", 1)[0] + ".load" if "." in field else "load"
        raise EstimateError(load_field, f"{load:g} is negative; use a load of 0 or more")
    return Estimate(apply_formula(formula, load, reps), formula, load, reps)


def reserve_problem(reps: int, reps_in_reserve: int) -> str | None:
    """Why a rep test's reps in reserve cannot be used, in the runner's words, or None."""
    if not 0 <= reps_in_reserve <= MAX_TEST_RESERVE:
        return (
            f"{reps_in_reserve} is not allowed; use a whole number from 0 to "
            f"{MAX_TEST_RESERVE}, the reps you had left when you stopped the set (past "
            f"{MAX_TEST_RESERVE} nobody judges them well, and the set says little about a max)"
        )
    if reps + reps_in_reserve > MAX_TEST_REPS:
        return (
            f"{reps} reps with {reps_in_reserve} in reserve is as light as "
            f"{reps + reps_in_reserve} reps to failure, too light to estimate a one-rep max "
            f"from; use a load you could lift {MAX_TEST_REPS} times or fewer"
        )
    return None


def estimate_from_set(
    load: float,
    reps: int,
    formula: Formula,
    tables: Tables,
    *,
    reps_in_reserve: int = 0,
    field: str = "reps",
    reserve_field: str = "reps_in_reserve",
) -> Estimate:
    """A one-rep max from a rep test that may have stopped short of failure (guidelines §4).

    A set of `reps` with `reps_in_reserve` left is as hard as n = reps + reps_in_reserve to
    failure. With none left, `formula` as always. With reps left, the RPE chart's %1RM for n,
    the same chart that turns efforts into loads; past the chart's end (14), `formula` at n.
    """
    base = estimate_one_rep_max(load, reps, formula, field=field)  # reps and load judged first
    problem = reserve_problem(reps, reps_in_reserve)
    if problem is not None:
        raise EstimateError(reserve_field, problem)
    if reps_in_reserve == 0:
        return base
    n = reps + reps_in_reserve
    if n > len(tables.rpe_percent):
        value = apply_formula(formula, load, n)
        return Estimate(value, formula, base.load, reps, reps_in_reserve)
    value = load * 100 / percent_of_max(reps, reps_in_reserve, tables)
    return Estimate(value, formula, base.load, reps, reps_in_reserve, chart=True)


def percent_of_max(reps: int, reps_in_reserve: int, tables: Tables) -> float:
    """%1RM for a set of `reps` with `reps_in_reserve` left, from the RPE chart."""
    n = reps + reps_in_reserve
    chart = tables.rpe_percent
    return chart[min(max(n, 1), len(chart)) - 1]


def reps_in_reserve_for(reps: int, percent: float, tables: Tables) -> int:
    """The effort (reps in reserve) that matches `percent` of a max for `reps` reps."""
    chart = tables.rpe_percent
    best_n = min(range(1, len(chart) + 1), key=lambda n: (abs(chart[n - 1] - percent), n))
    return max(best_n - reps, 0)


@dataclass(frozen=True, slots=True)
class KnownMax:
    value: float
    source: str  # "given", or how it was estimated
    rough: bool = False


def known_maxes(
    athlete: Athlete, tables: Tables, formula_id: str | None = None
) -> dict[str, KnownMax]:
    """The runner's one-rep max per exercise: given values first, then rep tests."""
    formula = tables.formulas[formula_id or athlete.formula]
    maxes: dict[str, KnownMax] = {}
    for index, test in enumerate(athlete.rep_tests):
        field = f"athlete.rep_tests[{index}]"
        estimate = estimate_from_set(
            test.load,
            test.reps,
            formula,
            tables,
            reps_in_reserve=test.reps_in_reserve,
            field=f"{field}.reps",
            reserve_field=f"{field}.reps_in_reserve",
        )
        maxes[test.exercise] = KnownMax(
            round(estimate.one_rep_max, 1), estimate.source(athlete.units.value), estimate.rough
        )
    sources = dict(athlete.max_sources)
    for exercise_id, value in athlete.one_rep_max:
        maxes[exercise_id] = KnownMax(value, sources.get(exercise_id, "given"))
    return maxes


def round_load(target: float, implement: str, kit: Kit, ceiling: float | None = None) -> float:
    """The load nearest `target` that `implement` can make with this kit (ties go lighter).

    With a `ceiling` (the top of the dose's %1RM band), a load above it gives way to the next
    lighter one the kit makes, if there is one: better a rep in hand than a missed set.
    """
    if implement == "dumbbells":
        return _nearest(target, kit.dumbbells, ceiling)
    if implement == "kettlebell":
        return _nearest(target, kit.kettlebells, ceiling)
    if implement == "barbell":
        step = 2 * min(kit.plates) if kit.plates else 0.0
        if step <= 0 or target <= kit.barbell:
            return kit.barbell
        steps = math.floor((target - kit.barbell) / step + 0.5 - 1e-9)
        if ceiling is not None and steps > 0 and kit.barbell + steps * step > ceiling + 1e-9:
            steps -= 1
        return _tidy(kit.barbell + steps * step)
    if implement == "cable":
        steps = max(1, math.floor(target / kit.cable_step + 0.5 - 1e-9))
        if ceiling is not None and steps > 1 and steps * kit.cable_step > ceiling + 1e-9:
            steps -= 1
        return _tidy(steps * kit.cable_step)
    raise ValueError(f"unknown implement {implement!r}")


def _nearest(target: float, choices: tuple[float, ...], ceiling: float | None = None) -> float:
    allowed = [c for c in choices if ceiling is None or c <= ceiling + 1e-9] or [min(choices)]
    return min(allowed, key=lambda load: (abs(load - target), load))


def _tidy(value: float) -> float:
    return round(value, 2)
