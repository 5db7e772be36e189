"""A session's dose and length (issue 10): the phase's sets are the most a session gets."""

from __future__ import annotations

import pytest

from runlift.catalog import raw_training
from runlift.domain.model import Experience, StrengthKind
from runlift.domain.planner import plan_week
from runlift.domain.prescription import known_maxes
from runlift.domain.rules.volume import TAPER_MAX_SETS
from runlift.domain.sessions import Composer
from tests.helpers import EVENINGS, GYM, athlete, library, lift, run, week

TABLES = library().tables
DATA = raw_training()
DUMBBELLS = frozenset({"dumbbells", "kettlebell", "bench"})
BANDS = frozenset({"bands"})
NOTHING: frozenset[str] = frozenset()


def composer(experience="intermediate", phase="build", equipment=GYM, maxes=()):
    runner = athlete(experience, phase, equipment=equipment, one_rep_max=maxes)
    return Composer(runner, library(), known_maxes(runner, TABLES))


HARD_DAYS = week(
    None, [run("hills")], None, [run("threshold")], None, None, [run("long", "08:00", 100)]
)


# -- peak and taper keep their dose -----------------------------------------------------------
@pytest.mark.parametrize(("phase", "dose"), [("peak", "heavy.peak"), ("taper", "heavy.taper")])
@pytest.mark.parametrize("experience", [e.value for e in Experience])
@pytest.mark.parametrize("kit", [GYM, DUMBBELLS, BANDS, NOTHING], ids=["gym", "db", "bands", "bw"])
@pytest.mark.parametrize("total", [1, 2])
@pytest.mark.parametrize("minutes", [None, 20, 30, 45, 60])
def test_peak_and_taper_sessions_never_get_more_sets_than_the_dose(
    phase, dose, experience, kit, total, minutes
):
    most = TABLES.dose(dose).sets
    c = composer(experience, phase, kit)
    for index in range(total):
        session = c.compose(
            StrengthKind.HEAVY, index=index, total=total, plyometrics=index == 0, minutes=minutes
        )
        assert session.exercises
        assert max(x.sets for x in session.exercises) <= most
        if phase == "taper":
            assert max(x.sets for x in session.exercises) <= TAPER_MAX_SETS
        if minutes is None:
            assert 30 <= session.minutes <= 60  # a short session is still booked at the floor


def test_the_taper_dose_in_the_catalog_is_within_the_checks_limit():
    assert DATA["doses"]["heavy.taper"]["sets"] <= TAPER_MAX_SETS


@pytest.mark.parametrize("phase", ["peak", "taper"])
@pytest.mark.parametrize("minutes", [30, 45, 60])
@pytest.mark.parametrize("kit", [GYM, DUMBBELLS, BANDS], ids=["gym", "db", "bands"])
def test_planned_peak_and_taper_weeks_keep_the_dose(phase, minutes, kit):
    """The runner's own heavy session of any length, beside the one the planner places."""
    days = week(None, [run("intervals"), lift("heavy", minutes=minutes)], None, [run("threshold")])
    planned = plan_week(athlete("intermediate", phase, kit, heavy_sessions=2), days, library())
    heavy = [s for d in planned.week.days for s in d.strength if s.kind is StrengthKind.HEAVY]
    assert len(heavy) == 2
    for session in heavy:
        assert max(x.sets for x in session.exercises) <= TABLES.dose(f"heavy.{phase}").sets
    assert not [w for w in planned.warnings if w.verdict.rule == "phase-dose"]


@pytest.mark.parametrize(
    ("phase", "kit", "count", "spare"),
    [
        # 2 x 4 of four dumbbell lifts take about 20 min of the 30 booked: the note says why.
        ("taper", DUMBBELLS, None, True),
        # Peak's one session covers six patterns and fills its 30 min; two sessions do not.
        ("peak", DUMBBELLS, None, False),
        ("peak", DUMBBELLS, 2, True),
        # Four lifts of 3 x 6 take about 24 min of the 30 booked: the dose, not extra sets.
        ("build", GYM, None, True),
    ],
)
def test_the_notes_give_a_short_sessions_spare_minutes_to_the_warm_up(phase, kit, count, spare):
    runner = athlete("intermediate", phase, kit, heavy_sessions=count, available=EVENINGS)
    notes = [n for n in plan_week(runner, HARD_DAYS, library()).notes if "spare minutes on a" in n]
    assert len(notes) == (1 if spare else 0)
    if spare:
        assert f"all the {phase} phase calls for" in notes[0]
