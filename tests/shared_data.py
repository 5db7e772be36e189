"""Where the real device files of ../shared/data/activities are (read in place, never copied
into the repository): $RUNLIFT_SHARED_DATA, else the `shared` folder beside this checkout,
else /work/shared on the machines this project is built on. A test that needs them fails
under CI=true when they cannot be found, and skips elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _candidates() -> list[Path]:
    found = [Path(p) / "activities" for p in [os.environ.get("RUNLIFT_SHARED_DATA")] if p]
    return [*found, REPO.parent / "shared" / "data" / "activities",
            Path("/work/shared/data/activities")]  # fmt: skip


def activities_folder() -> Path:
    """The folder if it is anywhere to be found, else the first place looked (missing)."""
    for folder in _candidates():
        if folder.is_dir():
            return folder
    return _candidates()[0]


def require(path: Path) -> Path:
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing: CI must have the shared activity files")
        pytest.skip(f"{path} is not here")
    return path
