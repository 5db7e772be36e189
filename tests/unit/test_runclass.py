"""Reading calendar events as run types: real spellings from coaching platforms and run apps,
the lengths they give, and the data file that holds the words (kept whole here)."""

from __future__ import annotations

import re

import pytest

from runlift.domain.model import RunType
from runlift.domain.runclass import (
    SKIP_KINDS,
    Reading,
    needs_confirmation,
    read_event,
    session_length,
    text_distance,
    text_minutes,
)
from runlift.io.planimport import load_run_words, raw_run_words

WORDS = load_run_words()

# title, description, expected kind, least confidence (a case below the confirm line says so)
CASES = [
    ("6x800m", "", "intervals", 0.6),
    ("6 x 800 m", "", "intervals", 0.6),
    ("6\u00d7800m @ 5k pace", "", "intervals", 0.6),
    ("5 x 1 km @ 5k pace", "", "intervals", 0.6),
    ("Track: 12x400 w/ 200m jog", "", "intervals", 0.6),
    ("8x400s", "", "intervals", 0.6),
    ("VO2max 5x3'", "", "intervals", 0.9),
    ("Intervals", "15' easy warm-up, 6x1k, 10' easy cool-down", "intervals", 0.9),
    ("Sprints 10x100m", "", "speed", 0.6),
    ("Speed work", "", "speed", 0.9),
    ("Threshold 3x10 min", "", "threshold", 0.9),
    ("Cruise intervals", "", "threshold", 0.9),
    ("LT run 30'", "", "threshold", 0.7),
    ("Workout", "2 mi easy warm up, 4x1 mile at threshold, 2 mi cool down", "threshold", 0.6),
    ("Tempo 5 mi", "", "tempo", 0.9),
    ("Tempo run 40 min", "", "tempo", 0.9),
    ("tempo 40\u2032", "", "tempo", 0.9),
    ("MP 10 mi", "", "tempo", 0.7),
    ("Steady state 50'", "", "tempo", 0.8),
    ("Hills", "", "hills", 0.9),
    ("Hill repeats 8x60s", "", "hills", 0.9),
    ("Kenyan hills 40'", "", "hills", 0.9),
    ("Fartlek 10x1'/1'", "", "fartlek", 0.9),
    ("Mona fartlek", "", "fartlek", 0.9),
    ("Speed play 45'", "", "fartlek", 0.9),
    ("LR 18", "", "long", 0.7),
    ("Long Run 1:45", "", "long", 0.9),
    ("long run", "", "long", 0.9),
    ("LSD 25km", "", "long", 0.8),
    ("Sunday long run 2h", "", "long", 0.9),
    ("Hilly long run 18 km", "", "long", 0.6),
    ("Progression run 14 km", "", "progression", 0.9),
    ("Fast finish long", "", "progression", 0.5),
    ("Parkrun", "", "race", 0.8),
    ("parkrun", "", "race", 0.8),
    ("Park Run 5K", "", "race", 0.8),
    ("10K Race", "", "race", 0.9),
    ("Half Marathon", "", "race", 0.8),
    ("Easy 45'", "", "easy", 0.9),
    ("Easy 45\u2019", "", "easy", 0.9),
    ("easy 45 min", "", "easy", 0.9),
    ("EZ 6 mi", "", "easy", 0.8),
    ("Easy run + strides", "", "easy", 0.9),
    ("Easy 10k", "", "easy", 0.7),
    ("GA 50'", "", "easy", 0.6),
    ("Z2 run 60 min", "", "easy", 0.7),
    ("Run/walk 30 min", "", "easy", 0.7),
    ("Recovery 30 min", "", "recovery", 0.9),
    ("Recovery jog", "", "recovery", 0.6),
    ("Shakeout 20'", "", "shakeout", 0.9),
    ("Shake-out before the race", "", "shakeout", 0.9),
    ("Rest", "", "rest", 0.9),
    ("Rest day", "", "rest", 0.9),
    ("Day off", "", "rest", 0.9),
    ("Bike 60'", "", "cross", 0.9),
    ("Bike 60' easy spin", "", "cross", 0.6),
    ("Swim", "", "cross", 0.9),
    ("Cross training 45 min", "", "cross", 0.9),
    ("Yoga", "", "cross", 0.9),
    ("Strength", "", "strength", 0.9),
    ("Gym: weights", "", "strength", 0.9),
]


@pytest.mark.parametrize(("title", "description", "kind", "least"), CASES)
def test_reads_real_world_spellings(title, description, kind, least):
    reading = read_event(title, description, WORDS)
    assert reading.kind == kind, reading.reason
    assert reading.confidence >= least, reading.reason
    assert reading.reason.startswith(kind)  # the reason names the words that decided it


@pytest.mark.parametrize(
    ("title", "kind"),
    [("Run", "easy"), ("8 km", "easy"), ("Morning Run", "easy"), ("Parkrun (easy)", "race")],
)
def test_a_plain_or_torn_reading_is_asked_about(title, kind):
    reading = read_event(title, "", WORDS)
    assert reading.kind == kind
    assert needs_confirmation(reading, WORDS) or reading.confidence <= 0.6


def test_an_event_with_no_known_word_is_unknown_and_asked_about():
    reading = read_event("Session with Sam", "see notes in the app", WORDS)
    assert reading.kind is None and reading.confidence == 0.0
    assert needs_confirmation(reading, WORDS)
    assert "no word" in reading.reason


def test_skips_are_marked_as_not_runs():
    assert read_event("Rest", "", WORDS).skip
    assert not read_event("Tempo", "", WORDS).skip


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("easy 45'", 45), ("easy 45 min", 45), ("long run 1:15", 75), ("1h15", 75),
     ("1.5 hours", 90), ("2h", 120), ("45:00", 45), ("tempo 40' @ 4:30/km", 40),
     ("6x800m", None), ("lr 18", None)],
)  # fmt: skip
def test_finds_a_session_length_written_in_the_text(text, minutes):
    assert text_minutes(text) == minutes


@pytest.mark.parametrize(
    ("text", "km"),
    [("10 km", 10.0), ("tempo 6 mi", 9.656), ("lr 18", 18.0), ("8k", 8.0),
     ("half marathon", 21.0975), ("parkrun", 5.0), ("5k pace", None), ("6x800m", None)],
)  # fmt: skip
def test_finds_a_distance_written_in_the_text(text, km):
    assert text_distance(text, WORDS) == km


def test_a_bare_number_takes_the_unit_asked_for():
    assert text_distance("lr 18", WORDS, bare_unit="mi") == pytest.approx(28.968, abs=0.01)


def test_the_length_comes_from_the_event_then_the_text_then_the_distance_then_the_kind():
    tempo = read_event("Tempo 5 mi", "", WORDS)
    assert session_length(tempo, "tempo", 55, WORDS).source == "event"
    by_pace = session_length(tempo, "tempo", None, WORDS)
    assert (by_pace.minutes, by_pace.source) == (48, "distance")
    assert "assumed easy pace of 6:00 min/km" in by_pace.note
    assert session_length(read_event("Easy 45'", "", WORDS), "easy", None, WORDS).minutes == 45
    plain = session_length(Reading("intervals", 0.8, "x"), "intervals", None, WORDS)
    assert (plain.minutes, plain.source) == (60, "default")


def test_the_word_file_is_whole():
    data = raw_run_words()
    classes = data["classes"]
    assert {t.value for t in RunType} | set(SKIP_KINDS) == set(classes)
    assert set(data["default_minutes"]) == {t.value for t in RunType}
    for name, row in classes.items():
        assert row["words"], name
        for word, weight in row["words"]:
            assert word == word.lower().strip() and 0 < weight <= 1, (name, word)
        for pattern, weight in [*row.get("patterns", []), *row.get("structure", [])]:
            re.compile(pattern)
            assert 0 < weight <= 1, (name, pattern)
    for pattern in data["neutral"]["patterns"]:
        re.compile(pattern)
    assert data["bare_number_unit"] in data["units"]["distance"]
    assert 0 < data["confirm_below"] < 1 and data["easy_pace_min_per_km"] > 0
    words = [w for row in classes.values() for w, _ in row["words"]]
    assert len(words) == len(set(words)), "a word belongs to one class only"
    around = data["race_names"]["not_a_race"]
    assert around and all(w == w.lower().strip() and w for w in around)
    assert len(around) == len(set(around))
    race_words = {w for w, _ in classes["race"]["words"]}
    assert not race_words & set(around), "a race word cannot also say 'not a race'"
