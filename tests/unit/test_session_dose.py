"""A session's dose and length (issue 10): the phase's sets are the most a session gets, body
weight and bands make heavy work by tempo and harder rungs, barbell ramp-ups take time."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from runlift.catalog import raw_training
from runlift.domain.model import Experience, StrengthKind, Tempo
from runlift.domain.planner import plan_week
from runlift.domain.prescription import known_maxes
from runlift.domain.rules import DEFAULT_RULES
from runlift.domain.rules.volume import PhaseDose
from runlift.domain.sessions import LEVEL_CAP, Composer
from tests.helpers import EVENINGS, GYM, athlete, library, lift, run, week

TAPER_SETS = DEFAULT_RULES.find(PhaseDose).taper_sets  # check's limit, owned by the rule

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
            assert max(x.sets for x in session.exercises) <= TAPER_SETS
        if minutes is None:
            assert 30 <= session.minutes <= 60  # a short session is still booked at the floor


def test_the_taper_dose_in_the_catalog_is_within_the_checks_limit():
    assert DATA["doses"]["heavy.taper"]["sets"] <= TAPER_SETS


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
        # The barbell taper's ramp-ups fill its 30 min; a build week's sets fill theirs.
        ("taper", GYM, None, False),
        ("build", GYM, None, False),
    ],
)
def test_the_notes_give_a_short_sessions_spare_minutes_to_the_warm_up(phase, kit, count, spare):
    runner = athlete("intermediate", phase, kit, heavy_sessions=count, available=EVENINGS)
    notes = [n for n in plan_week(runner, HARD_DAYS, library()).notes if "spare minutes on a" in n]
    assert len(notes) == (1 if spare else 0)
    if spare:
        assert f"all the {phase} phase calls for" in notes[0]


# -- barbell ramp-up sets count in the length --------------------------------------------------
def _ramp_seconds(sets: int) -> float:
    ramp = DATA["ramp_up"]["barbell"]
    top = ramp["ladder"][len(ramp["ladder"]) - sets :] if sets else []
    spr = DATA["timing"]["seconds_per_rep"]
    return sum(reps * spr + ramp["rest_seconds"] for _, reps in top)


def _by_hand(items, kind="heavy") -> int:
    """The length from the catalog's numbers, worked out apart from the code."""
    timing = DATA["timing"]
    seconds = timing["warm_up_minutes"][kind] * 60
    for x in items:
        sides = 2 if x.unilateral else 1
        rep = timing["seconds_per_rep"] if x.tempo is None else x.tempo.rep_seconds
        work = (x.seconds if x.seconds is not None else x.reps * rep) * sides
        seconds += _ramp_seconds(x.warm_up_sets) + x.sets * work + (x.sets - 1) * x.rest_seconds
        seconds += timing["change_over_seconds"]
    return math.ceil(seconds / 60)


RAMP = DATA["ramp_up"]["barbell"]
FULL, LATER = len(RAMP["ladder"]), RAMP["later_sets"]


@pytest.mark.parametrize(
    ("kit", "experience", "ramps", "booked"),
    [
        # Back squat climbs from the empty bar; deadlift, bench and row take the short ramp.
        (GYM, "intermediate", [FULL, LATER, LATER, LATER], 35),
        (GYM, "advanced", [FULL, LATER, LATER, LATER], 35),
        # Dumbbells and kettlebells: the general warm-up is enough.
        (DUMBBELLS, "intermediate", [0, 0, 0, 0], 30),
        # A barbell without a rack: deadlifts and rows ramp up, the squat is a goblet squat.
        (frozenset({"barbell", "kettlebell"}), "intermediate", [0, FULL, 0, LATER], 35),
    ],
)
def test_a_barbell_session_counts_its_warm_up_sets(kit, experience, ramps, booked):
    c = composer(experience, "build", kit)
    session = c.compose(StrengthKind.HEAVY, index=0, total=2)
    assert [x.warm_up_sets for x in session.exercises] == ramps
    assert c.estimate_minutes(StrengthKind.HEAVY, list(session.exercises)) == _by_hand(
        session.exercises
    )
    assert session.minutes == booked
    assert max(x.sets for x in session.exercises) == TABLES.dose(f"heavy.{experience}").sets


def test_a_back_squat_at_80_percent_takes_its_ramp_up_time():
    c = composer(maxes=(("back_squat", 100.0),))
    squat = c.compose(StrengthKind.HEAVY, index=0, total=2).exercises[0]
    assert (squat.exercise_id, squat.warm_up_sets, squat.load) == ("back_squat", FULL, 77.5)
    without = _by_hand([replace(squat, warm_up_sets=0)])
    assert _by_hand([squat]) - without >= math.floor(_ramp_seconds(FULL) / 60)
    assert c.estimate_minutes(StrengthKind.HEAVY, [squat]) == _by_hand([squat])


def test_the_barbell_note_spells_out_the_catalogs_ramp_up():
    planned = plan_week(
        athlete("intermediate", "build", GYM, available=EVENINGS), HARD_DAYS, library()
    )
    (note,) = [n for n in planned.notes if n.startswith("Barbell lifts")]
    for percent, reps in RAMP["ladder"]:
        assert (
            f"{reps} reps with the empty bar" if percent == 0 else f"{reps} at about {percent} %"
        ) in note
    assert f"the last {LATER} of those" in note


@pytest.mark.parametrize(
    ("planned", "chosen", "ramp"),
    [
        ("back_squat", "front_squat", FULL),  # the first barbell lift's ramp stays with the slot
        ("back_squat", "goblet_squat", 0),  # a kettlebell needs no ramp-up
        ("bent_over_row", "single_arm_row", 0),
    ],
)
def test_a_swap_at_the_gym_keeps_or_drops_the_ramp_up(planned, chosen, ramp):
    c = composer()
    session = c.compose(StrengthKind.HEAVY, index=0, total=2)
    item = next(x for x in session.exercises if x.exercise_id == planned)
    swapped = c.swapped(StrengthKind.HEAVY, 0, item, library()[chosen])
    assert (swapped.exercise_id, swapped.warm_up_sets, swapped.sets) == (chosen, ramp, item.sets)


def test_a_barbell_lift_swapped_in_for_a_dumbbell_one_takes_a_later_lifts_ramp():
    c = composer("intermediate", "build", GYM)
    c.compose(StrengthKind.HEAVY, index=0, total=2)  # the barbell row goes to the first session
    session = c.compose(StrengthKind.HEAVY, index=1, total=2)
    item = next(x for x in session.exercises if x.exercise_id == "dumbbell_bent_over_row")
    swapped = c.swapped(StrengthKind.HEAVY, 1, item, library()["bent_over_row"])
    assert swapped.warm_up_sets == LATER


# -- heavy work with body weight and bands ----------------------------------------------------
TEMPO = Tempo(**DATA["unloaded_heavy"]["tempo"])


@pytest.mark.parametrize(
    ("experience", "kit", "index", "expected"),
    [
        # No heavy hinge in reach: the single-leg rung beats the band pull-through.
        ("intermediate", BANDS, 0, ["figure_four_squat", "walking_deadlift", "push_up", "doorway_row"]),
        ("intermediate", NOTHING, 0, ["figure_four_squat", "walking_deadlift", "push_up", "doorway_row"]),
        # Advanced runners reach the hardest rungs: Nordic curls need no kit.
        ("advanced", BANDS, 0, ["pistol_squat", "nordic_hamstring_curl", "push_up", "doorway_row"]),
        ("advanced", NOTHING, 1, ["bulgarian_split_squat", "nordic_hamstring_curl", "pike_push_up", "doorway_row", "overhead_reach_march"]),
    ],
)  # fmt: skip
def test_a_band_only_heavy_session_is_made_hard_by_tempo_and_the_hardest_rungs(
    experience, kit, index, expected
):
    c = composer(experience, "build", kit)
    if index:
        c.compose(StrengthKind.HEAVY, index=0, total=2)
    session = c.compose(StrengthKind.HEAVY, index=index, total=2)
    assert [x.exercise_id for x in session.exercises] == expected
    hard = TABLES.dose("heavy_unloaded.all")
    for item in session.exercises:
        assert item.load is None
        if item.reps is not None:  # slow reps that end near failure
            assert item.tempo == TEMPO
            assert (item.reps, item.reps_in_reserve) == (hard.reps, hard.reps_in_reserve)
        else:
            assert item.tempo is None  # a hold or a carry has no reps to slow down
    # The slow reps count in the session's length.
    quick = [replace(x, tempo=None) for x in session.exercises]
    assert c.estimate_minutes(StrengthKind.HEAVY, list(session.exercises)) == _by_hand(
        session.exercises
    )
    assert _by_hand(session.exercises) > _by_hand(quick)


def test_loaded_lifts_keep_their_usual_pace():
    session = composer(equipment=GYM).compose(StrengthKind.HEAVY, total=2)
    assert all(x.tempo is None for x in session.exercises)


@pytest.mark.parametrize(
    ("experience", "kit", "limited", "purchase"),
    [
        ("intermediate", BANDS, ["hinge", "carry"], "Dumbbells would unlock"),
        ("advanced", NOTHING, ["carry"], "Dumbbells would unlock"),
        ("intermediate", DUMBBELLS, [], None),
        ("advanced", GYM, [], None),
    ],
)
def test_the_notes_say_when_the_kit_limits_heavy_work_and_what_to_buy(
    experience, kit, limited, purchase
):
    planned = plan_week(athlete(experience, "build", kit, available=EVENINGS), HARD_DAYS, library())
    notes = [n for n in planned.notes if n.startswith("Your equipment limits heavy work")]
    if not limited:
        assert notes == []
        return
    (note,) = notes
    assert f"no {' or '.join(limited)} exercise" in note
    assert purchase in note and "`runlift exercises --unlocks`" in note
    unlocked = note.split("would unlock ")[1]
    for pattern in limited:  # the rung the planner would choose once the dumbbells are home
        more = kit | {"dumbbells"}
        rung = library().reachable(pattern, StrengthKind.HEAVY, LEVEL_CAP[planned.athlete.experience], more)[0]  # fmt: skip
        assert rung.loaded and rung.name in unlocked
