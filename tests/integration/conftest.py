"""Fixtures shared by the integration tests (db_url, on SQLite and PostgreSQL, is in
tests/conftest.py)."""

from __future__ import annotations

from datetime import date

import pytest

from runlift.tracking import Store
from runlift.tracking.profiles import create_from_file

TODAY = date(2026, 11, 25)


@pytest.fixture
def stored(db_url):
    """A store holding one athlete (the intermediate example), and the athlete's id."""
    store = Store(db_url)
    athlete_id = create_from_file(store, "examples/build-intermediate.yaml", TODAY).id
    yield store, athlete_id
    store.engine.dispose()
