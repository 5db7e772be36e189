"""The FIT names of runlift's exercises, read from the reviewed data file
catalog/fit_exercises.toml (one entry per exercise id of the library)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

DATA_FILE = "fit_exercises.toml"


@dataclass(frozen=True, slots=True)
class FitName:
    """Where an exercise sits in the FIT profile: its category and, when the profile has the
    movement, its exercise name (the number within that category)."""

    category: str
    category_number: int
    name: str | None = None
    name_number: int | None = None
    note: str | None = None


def fit_name_from_row(exercise_id: str, row: dict[str, Any]) -> FitName:
    try:
        name = row.get("name")
        number = row.get("name_number")
        if (name is None) != (number is None):
            raise ValueError("name and name_number come together")
        return FitName(
            category=str(row["category"]),
            category_number=int(row["category_number"]),
            name=None if name is None else str(name),
            name_number=None if number is None else int(number),
            note=row.get("note"),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"{DATA_FILE} [{exercise_id}]: {error}") from None


@lru_cache(maxsize=1)
def fit_names() -> dict[str, FitName]:
    """Every mapped exercise id and its FIT name."""
    text = resources.files("runlift.catalog").joinpath(DATA_FILE).read_text(encoding="utf-8")
    return {key: fit_name_from_row(key, row) for key, row in tomllib.loads(text).items()}
