"""Every write to an athlete's data raises their revision in the same transaction (the web
app keeps worked-out weeks until it moves on); a failed write leaves it where it was."""

from __future__ import annotations

from datetime import date

import pytest

from runlift.domain.log import ExerciseDone, RaceResult, RunDone, SetDone, StrengthDone
from runlift.domain.model import RunType, StrengthKind
from runlift.store import repository as repo
from runlift.store.revisions import revision_of
from runlift.tracking import Store

DAY = date(2026, 12, 1)


def changes(conn, athlete: int) -> int:
    return int(revision_of(conn, athlete)[1].rsplit(".", 1)[1])


LIFT = StrengthDone(DAY, StrengthKind.HEAVY, (ExerciseDone("back_squat", (SetDone(5, 80.0),)),))
RUN = RunDone(DAY, RunType.EASY, 40.0)


def test_each_write_raises_the_revision(db_url):
    store = Store(db_url)
    with store.transaction() as conn:
        athlete = repo.add_athlete(
            conn, {"name": "R", "experience": "novice", "phase": "base", "units": "kg",
                   "equipment": [], "formula": "epley", "usual_run_start": "07:00"},
            {"mon": "rest"},
        )  # fmt: skip
    writes = [
        lambda c: repo.update_athlete(c, athlete, phase="build"),
        lambda c: repo.add_max(c, athlete, "back_squat", DAY, 80, 5),
        lambda c: repo.set_season(c, athlete, DAY, repo.add_race(c, athlete, DAY, 10, True, None)),
        lambda c: repo.set_week_change(c, athlete, DAY, cutback=True),
        lambda c: repo.add_strength(c, athlete, LIFT),
        lambda c: repo.replace_strength(c, athlete, repo.list_strength(c, athlete)[0].id, LIFT),
        lambda c: repo.add_run(c, athlete, RUN),
        lambda c: repo.replace_run(c, athlete, repo.list_runs(c, athlete)[0].id, RUN),
        lambda c: repo.add_result(c, athlete, RaceResult(DAY, 5, 1200)),
        lambda c: repo.delete_entry(c, "run", athlete, repo.list_runs(c, athlete)[0].id),
    ]
    for write in writes:
        with store.transaction() as conn:
            before = changes(conn, athlete)
            write(conn)
        with store.transaction() as conn:
            assert changes(conn, athlete) > before
    with store.transaction() as conn:
        before = changes(conn, athlete)
    with pytest.raises(RuntimeError), store.transaction() as conn:
        repo.add_run(conn, athlete, RUN)
        raise RuntimeError("the request failed after the write")
    with store.transaction() as conn:
        assert changes(conn, athlete) == before


def test_an_athlete_made_after_a_deleted_one_never_shares_its_revision(db_url):
    store = Store(db_url)
    fields = {"name": "R", "experience": "novice", "phase": "base", "units": "kg",
              "equipment": [], "formula": "epley", "usual_run_start": "07:00"}  # fmt: skip
    with store.transaction() as conn:
        first = repo.add_athlete(conn, fields, {"mon": "rest"})
        seen = revision_of(conn, first)[1]
        repo.delete_athlete(conn, first)
        second = repo.add_athlete(conn, fields, {"mon": "rest"})
        assert revision_of(conn, second)[1] != seen  # even when SQLite reuses the id
