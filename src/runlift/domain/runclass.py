"""Reading a calendar event's words as a kind of run: "6x800m" is intervals, "LR 18" a long
run of 18 km, "Parkrun" a race, "Bike 60'" cross-training to leave out.

Pure: the words, weights and units come in as `RunWords` (catalog/run_words.toml); nothing
here reads a file. Every reading says how sure it is (0-1) and which words decided it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

SKIP_KINDS = ("rest", "cross", "strength")


@dataclass(frozen=True, slots=True)
class WordClass:
    name: str
    words: tuple[tuple[str, float], ...]
    patterns: tuple[tuple[str, float], ...]
    structure: tuple[tuple[str, float], ...] = ()  # repeats: count unless a kind is named
    skip: bool = False  # not a run: left out of the imported week
    effort: bool = False  # describes effort only (easy, recovery): gives way to a workout word


@dataclass(frozen=True, slots=True)
class RunWords:
    classes: tuple[WordClass, ...]
    neutral_phrases: tuple[str, ...]
    neutral_patterns: tuple[str, ...]
    run_signs: tuple[str, ...]
    distance_units: tuple[tuple[str, float], ...]
    named_distances: tuple[tuple[str, float], ...]
    default_minutes: tuple[tuple[str, int], ...]
    description_factor: float = 0.6
    confirm_below: float = 0.6
    workout_over_effort: float = 0.5
    easy_pace_min_per_km: float = 6.0
    bare_number_unit: str = "km"
    plain_confidence: float = 0.45
    distance_only_confidence: float = 0.4
    not_a_race: tuple[str, ...] = ()  # words that make a race-named activity something else


def run_words_from_data(data: dict[str, Any]) -> RunWords:
    """The parsed data file as `RunWords` (the file's shape is kept whole by a test)."""
    classes = tuple(
        WordClass(
            name,
            tuple((str(w), float(x)) for w, x in row["words"]),
            tuple((str(p), float(x)) for p, x in row.get("patterns", ())),
            tuple((str(p), float(x)) for p, x in row.get("structure", ())),
            skip=bool(row.get("skip", False)),
            effort=bool(row.get("effort", False)),
        )
        for name, row in data["classes"].items()
    )
    signs = data["run_signs"]
    return RunWords(
        classes=classes,
        neutral_phrases=tuple(data["neutral"]["phrases"]),
        neutral_patterns=tuple(data["neutral"]["patterns"]),
        run_signs=tuple(signs["words"]),
        distance_units=tuple((k, float(v)) for k, v in data["units"]["distance"].items()),
        named_distances=tuple((k, float(v)) for k, v in data["units"]["named"].items()),
        default_minutes=tuple((k, int(v)) for k, v in data["default_minutes"].items()),
        description_factor=float(data["description_factor"]),
        confirm_below=float(data["confirm_below"]),
        workout_over_effort=float(data["workout_over_effort"]),
        easy_pace_min_per_km=float(data["easy_pace_min_per_km"]),
        bare_number_unit=str(data["bare_number_unit"]),
        plain_confidence=float(signs["plain_confidence"]),
        distance_only_confidence=float(signs["distance_only_confidence"]),
        not_a_race=tuple(str(w) for w in data["race_names"]["not_a_race"]),
    )


@dataclass(frozen=True, slots=True)
class Reading:
    """What an event's words say. `kind` is a run type's value, a skip kind (rest, cross,
    strength), or None when no word was recognised."""

    kind: str | None
    confidence: float
    reason: str
    skip: bool = False
    minutes: int | None = None  # a time written in the text ("45'", "1:15")
    distance_km: float | None = None  # a distance written in the text ("10 km", "LR 18")

    @property
    def known(self) -> bool:
        return self.kind is not None


# -- normalising and using up text -------------------------------------------------------
# Curly quotes, primes, the multiplication sign and dashes, as their plain ASCII forms.
_QUOTES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u2032": "'", "\u00b4": "'", "\u2033": '"',
     "\u201c": '"', "\u201d": '"', "\u00d7": "x", "\u2013": "-", "\u2014": "-"}
)  # fmt: skip


def normalise(text: str) -> str:
    return " ".join(text.lower().translate(_QUOTES).split())


def _phrase(phrase: str) -> re.Pattern[str]:
    # Whole words: a phrase may start or end with a sign ("@t", "s&c"), so the edges are
    # "not a letter or digit" rather than \b.
    return re.compile(r"(?<![a-z0-9])" + re.escape(phrase) + r"(?![a-z0-9])")


@lru_cache(maxsize=8)
def _compiled(words: RunWords) -> tuple[Any, ...]:
    neutral = [re.compile(p) for p in words.neutral_patterns]
    neutral += [_phrase(p) for p in sorted(words.neutral_phrases, key=len, reverse=True)]
    entries = [
        (len(w), _phrase(w), w, c.name, x) for c in words.classes for w, x in c.words
    ]  # longest first, so a phrase uses its words up before they count alone
    entries.sort(key=lambda e: -e[0])
    patterns = [(re.compile(p), False, c.name, x) for c in words.classes for p, x in c.patterns]
    patterns += [(re.compile(p), True, c.name, x) for c in words.classes for p, x in c.structure]
    return tuple(neutral), tuple(e[1:] for e in entries), tuple(patterns)


def _blank(text: str, match: re.Match[str]) -> str:
    return text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]


Hit = tuple[str, str, float, bool]  # class, what matched, weight, a structure pattern


def _matches(text: str, words: RunWords, neutral_too: bool = True) -> tuple[list[Hit], str]:
    """Every pattern and word found in `text`, and the text with the neutral parts and the
    patterns blanked (where a session's own time or distance is looked for)."""
    neutral, entries, patterns = _compiled(words)
    for rule in neutral if neutral_too else ():
        while (found := rule.search(text)) is not None:
            text = _blank(text, found)
    hits: list[Hit] = []
    for rule, structure, name, weight in patterns:
        for found in list(rule.finditer(text)):
            hits.append((name, found.group(0).strip(), weight, structure))
        text = rule.sub(lambda m: " " * len(m.group(0)), text)
    measurable, blanked = text, text
    for rule, word, name, weight in entries:
        if rule.search(blanked) is not None:
            hits.append((name, word, weight, False))
            blanked = rule.sub(lambda m: " " * len(m.group(0)), blanked)
    return hits, measurable


# -- times and distances in the text ------------------------------------------------------
_CLOCK = re.compile(
    r"(?<![\d:@/x])(\d{1,2}):([0-5]\d)(?::([0-5]\d))?(?![\d:]|\s*/|\s*pace|\s*min/)"
)
_HOURS = re.compile(
    r"(?<![\d.x])(\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hour|hours)(?![a-z])\s*(?:(\d{1,2})\s*(?:'|m|min|mins|minutes)?\b)?"
)
_MINUTES = re.compile(r"(?<![\d.x/])(\d{1,3})\s*(?:'|min|mins|minutes|mn)(?![a-z0-9])")
_NUMBER = re.compile(r"(?<![\d.:x/@])(\d{1,3}(?:\.\d+)?)(?![\d.:x'/])\s*([a-z]*)")


def text_minutes(text: str) -> int | None:
    """A session length written in the text: "45'", "45 min", "1:15", "1h15", "1.5 hours"."""
    found = _HOURS.search(text)
    if found is not None:
        return round(float(found.group(1)) * 60) + int(found.group(2) or 0)
    found = _CLOCK.search(text)
    if found is not None:
        first, second, third = int(found.group(1)), int(found.group(2)), found.group(3)
        if third is not None:  # h:mm:ss
            return first * 60 + second + (1 if int(third) >= 30 else 0)
        return first * 60 + second if first <= 4 else first + (1 if second >= 30 else 0)
    found = _MINUTES.search(text)
    return int(found.group(1)) if found is not None else None


def text_distance(text: str, words: RunWords, bare_unit: str | None = None) -> float | None:
    """A distance in km written in the text: "10 km", "6 mi", "LR 18" (a bare number is in
    `bare_unit`), "half marathon". Repeats ("6x800m") and paces ("5k pace") are not one."""
    units = dict(words.distance_units)
    for found in _NUMBER.finditer(text):
        value, unit = float(found.group(1)), found.group(2)
        after = text[found.end() :].lstrip()
        if after.startswith(("pace", "/", "x", "min", "'", "h ", "hr", "sec", "s ")):
            continue
        if unit in units:
            if units[unit] < 0.01 and value < 100:  # "1 m"? not a run's distance
                continue
            return round(value * units[unit], 3)
        if unit == "" and 1 <= value <= 60:
            return round(value * units[bare_unit or words.bare_number_unit], 3)
    for name, km in sorted(words.named_distances, key=lambda n: -len(n[0])):
        if _phrase(name).search(text):
            return km
    return None


# -- the reading ---------------------------------------------------------------------------
def _scores(
    title_hits: list[Hit], description_hits: list[Hit], words: RunWords
) -> dict[str, tuple[float, list[str]]]:
    by_name = {c.name: c for c in words.classes}
    named = {
        h[0]
        for h in (*title_hits, *description_hits)
        if not h[3] and not by_name[h[0]].effort and not by_name[h[0]].skip
    }
    found: dict[str, list[tuple[float, str]]] = {}
    for name, what, weight, structure in title_hits:
        if structure and named - {name}:
            continue
        found.setdefault(name, []).append((weight, f"'{what}'"))
    for name, what, weight, structure in description_hits:
        if structure and named - {name}:
            continue
        found.setdefault(name, []).append(
            (weight * words.description_factor, f"'{what}' (description)")
        )
    scores = {}
    for name, items in found.items():
        items.sort(key=lambda i: -i[0])
        score = min(1.0, items[0][0] + 0.05 * (len(items) - 1))
        scores[name] = (score, [what for _, what in items])
    return scores


def read_event(
    title: str, description: str, words: RunWords, bare_unit: str | None = None
) -> Reading:
    """The kind of run an event's title and description name, how sure that is, and why."""
    title_text, description_text = normalise(title), normalise(description)
    title_hits, title_left = _matches(title_text, words)
    if not title_hits:  # a title that is all "neutral" words names the run: "Recovery jog"
        title_hits, _ = _matches(title_text, words, neutral_too=False)
    description_hits, description_left = _matches(description_text, words)
    minutes = text_minutes(title_left)
    distance = text_distance(title_left, words, bare_unit)
    if minutes is None and distance is None:
        minutes = text_minutes(description_left)
        distance = text_distance(description_left, words, bare_unit)
    scores = _scores(title_hits, description_hits, words)
    by_name = {c.name: c for c in words.classes}
    workout = max((s for n, (s, _) in scores.items() if not by_name[n].effort), default=0.0)
    if workout >= words.workout_over_effort:  # "easy" then describes the jog, or the ride
        scores = {n: (s * 0.5 if by_name[n].effort else s, w) for n, (s, w) in scores.items()}
    order = {c.name: i for i, c in enumerate(words.classes)}
    ranked = sorted(scores.items(), key=lambda item: (-item[1][0], order[item[0]]))
    if not ranked:
        return _plain(title_text, description_text, words, minutes, distance)
    (kind, (top, what)), rest = ranked[0], ranked[1:]
    second = rest[0][1][0] if rest else 0.0
    confidence = round(min(0.95, top) * (1 - 0.5 * second / top), 2)
    reason = f"{kind}: {', '.join(what)}"
    if rest:
        others = "; ".join(f"{n} ({', '.join(w)})" for n, (_, w) in rest)
        reason += f"; also read: {others}"
    return Reading(
        kind, confidence, reason, skip=by_name[kind].skip, minutes=minutes, distance_km=distance
    )


def _plain(
    title: str, description: str, words: RunWords, minutes: int | None, distance: float | None
) -> Reading:
    text = f"{title} {description}"
    sign = next((w for w in words.run_signs if _phrase(w).search(text)), None)
    if sign is not None:
        return Reading("easy", words.plain_confidence,
                       f"easy: only '{sign}', no word for a kind of run (a plain run reads as easy)",  # noqa: E501
                       minutes=minutes, distance_km=distance)  # fmt: skip
    if minutes is not None or distance is not None:
        return Reading("easy", words.distance_only_confidence,
                       "easy: only a time or a distance, no word for a kind of run",
                       minutes=minutes, distance_km=distance)  # fmt: skip
    return Reading(None, 0.0, "no word runlift knows for a kind of run or a day off",
                   minutes=minutes, distance_km=distance)  # fmt: skip


def names_around_a_race(text: str, words: RunWords) -> str | None:
    """The first word of `not_a_race` in the text ("after" in "Easy jog after parkrun"), or
    None: a name that says the run was around a race, not the race."""
    plain = normalise(text)
    return next((w for w in words.not_a_race if _phrase(w).search(plain)), None)


def needs_confirmation(reading: Reading, words: RunWords) -> bool:
    return reading.kind is None or reading.confidence < words.confirm_below


@dataclass(frozen=True, slots=True)
class Length:
    minutes: int
    source: str  # "event" (its own times), "text", "distance", "default"
    note: str


def session_length(reading: Reading, kind: str, given: int | None, words: RunWords) -> Length:
    """How long the run is: the event's own times first, then a time in the text, then a
    distance at the assumed easy pace, then the usual length of that kind of run."""
    if given is not None and given > 0:
        return Length(given, "event", "from the event's start and end")
    if reading.minutes is not None and reading.minutes > 0:
        return Length(reading.minutes, "text", "written in the event")
    if reading.distance_km is not None and reading.distance_km > 0:
        pace = words.easy_pace_min_per_km
        minutes = max(1, round(reading.distance_km * pace))
        return Length(minutes, "distance",
                      f"{reading.distance_km:g} km at an assumed easy pace of "
                      f"{int(pace)}:{round(pace % 1 * 60):02d} min/km")  # fmt: skip
    defaults = dict(words.default_minutes)
    minutes = defaults.get(kind, 45)
    return Length(
        minutes, "default", f"no time or distance given: {minutes} min assumed for {kind}"
    )
