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
            before = revision_of(conn, athlete)[1]
            write(conn)
        with store.transaction() as conn:
            assert revision_of(conn, athlete)[1] > before
    with store.transaction() as conn:
        before = revision_of(conn, athlete)[1]
    with pytest.raises(RuntimeError), store.transaction() as conn:
        repo.add_run(conn, athlete, RUN)
        raise RuntimeError("the request failed after the write")
    with store.transaction() as conn:
        assert revision_of(conn, athlete)[1] == before
