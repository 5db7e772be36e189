"""Reads the reviewed data files (exercises.toml, training.toml) into a domain `Library`."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

from runlift.domain.library import Dose, Exercise, Formula, Library, RampUp, Tables
from runlift.domain.model import Kit, StrengthKind, Tempo, Units
from runlift.domain.season import RaceProfile, SeasonShape


def _read(name: str) -> dict[str, Any]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return tomllib.loads(text)


def exercise_from_row(exercise_id: str, row: dict[str, Any]) -> Exercise:
    return Exercise(
        id=exercise_id,
        name=row["name"],
        pattern=row["pattern"],
        level=int(row["level"]),
        equipment=tuple(frozenset(option) for option in row["equipment"]),
        loaded=bool(row["loaded"]),
        unilateral=bool(row["unilateral"]),
        timed=bool(row["timed"]),
        implements=int(row["implements"]),
        kinds=frozenset(StrengthKind(kind) for kind in row["kinds"]),
        cues=tuple(row["cues"]),
        progresses_to=tuple(row.get("progresses_to", ())),
        primary=bool(row.get("primary", False)),
    )


def _kit(row: dict[str, Any]) -> Kit:
    return Kit(
        dumbbells=tuple(float(x) for x in row["dumbbells"]),
        kettlebells=tuple(float(x) for x in row["kettlebells"]),
        plates=tuple(float(x) for x in row["plates"]),
        barbell=float(row["barbell"]),
        cable_step=float(row["cable_step"]),
    )


def tables_from_data(data: dict[str, Any]) -> Tables:
    timing = data["timing"]
    ramp = data["ramp_up"]["barbell"]
    tempo = data["unloaded_heavy"]["tempo"]
    return Tables(
        formulas={
            key: Formula(
                id=key,
                label=row["label"],
                shape=row["shape"],
                a=float(row["a"]),
                b=float(row.get("b", 0.0)),
                c=float(row.get("c", 0.0)),
                d=float(row.get("d", 0.0)),
            )
            for key, row in data["formulas"].items()
        },
        default_formula=data["default_formula"],
        rpe_percent=tuple(float(x) for x in data["rpe"]["percent"]),
        kits={Units(unit): _kit(row) for unit, row in data["kits"].items()},
        doses={key: Dose(**row) for key, row in data["doses"].items()},
        warm_up_minutes={StrengthKind(k): int(v) for k, v in timing["warm_up_minutes"].items()},
        seconds_per_rep=float(timing["seconds_per_rep"]),
        change_over_seconds=int(timing["change_over_seconds"]),
        session_minutes={
            StrengthKind(k): (int(lo), int(hi)) for k, (lo, hi) in timing["session_minutes"].items()
        },
        default_minutes={StrengthKind(k): int(v) for k, v in timing["default_minutes"].items()},
        heavy_percent=(
            float(data["heavy"]["percent_band"][0]),
            float(data["heavy"]["percent_band"][1]),
        ),
        barbell_ramp_up=RampUp(
            ladder=tuple((int(percent), int(reps)) for percent, reps in ramp["ladder"]),
            later_sets=int(ramp["later_sets"]),
            rest_seconds=int(ramp["rest_seconds"]),
        ),
        unloaded_tempo=Tempo(
            int(tempo["lower_seconds"]), int(tempo["pause_seconds"]), int(tempo["lift_seconds"])
        ),
    )


def raw_exercises() -> dict[str, Any]:
    """The exercise table as written in the data file (for the tests that keep it whole)."""
    return _read("exercises.toml")


def load_protocols() -> dict[str, Any]:
    """How to find a one-rep max, per experience level (catalog/protocols.toml)."""
    return _read("protocols.toml")


def raw_training() -> dict[str, Any]:
    return _read("training.toml")


@lru_cache(maxsize=1)
def load_season_shape() -> SeasonShape:
    """How a season is laid out (catalog/training.toml, [season])."""
    data = raw_training()["season"]
    return SeasonShape(
        profiles=tuple(
            RaceProfile(float(p["min_km"]), int(p["taper"]), int(p["peak"]), int(p["recovery"]))
            for p in sorted(data["profiles"], key=lambda p: -p["min_km"])
        ),
        build_share=float(data["build_share"]),
        cutback_every=int(data["cutback_every"]),
    )


@lru_cache(maxsize=1)
def load_library() -> Library:
    """The bundled library, read once per process."""
    exercises = {key: exercise_from_row(key, row) for key, row in raw_exercises().items()}
    return Library(exercises=exercises, tables=tables_from_data(raw_training()))
