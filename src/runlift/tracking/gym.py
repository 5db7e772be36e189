"""The gym card: one planned session with each exercise's dose, the other rungs the runner's
kit allows for it, and any swaps made at the gym (the rack is taken: goblet squats today)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection

from runlift.catalog import load_library
from runlift.domain.library import Exercise
from runlift.domain.model import Day, Prescription, StrengthKind, StrengthSession
from runlift.domain.sessions import Composer
from runlift.io.planfile import InputError
from runlift.tracking import Profile, monday_of
from runlift.tracking.seasons import planned_week


@dataclass(frozen=True, slots=True)
class CardItem:
    item: Prescription
    swapped_from: str | None  # the planned exercise's name when this one replaced it
    planned_id: str  # the planned exercise's id: swaps are keyed by it
    alternatives: tuple[Exercise, ...]
    cues: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GymCard:
    day: Day
    session: StrengthSession
    items: tuple[CardItem, ...]


def gym_card(
    conn: Connection,
    prof: Profile,
    on: date,
    kind: str,
    swaps: Mapping[str, str] | None = None,
) -> GymCard:
    """The session of `kind` planned on `on`, with `swaps` (planned id -> chosen id) made."""
    library = load_library()
    try:
        strength = StrengthKind(kind)
    except ValueError:
        raise InputError("kind", f"{kind!r} is not a strength kind") from None
    monday = monday_of(on)
    plan, _ = planned_week(conn, prof, monday, library)
    day = plan.week.days[(on - monday).days]
    session = next((s for s in day.strength if s.kind is strength), None)
    if session is None:
        raise InputError("date", f"no {strength.value} session is planned on {on}")
    index = sum(
        1 for d in plan.week.days[: (on - monday).days] for s in d.strength if s.kind is strength
    )
    # The week's phase, as planned, and the log's targets: a swap is dosed as the plan is.
    composer = Composer(plan.athlete, library, plan.maxes, prof.steps)
    items = []
    for planned in session.exercises:
        choices = composer.alternatives(strength, planned)
        wanted = (swaps or {}).get(planned.exercise_id)
        chosen = next((x for x in choices if x.id == wanted), None)
        if wanted and wanted != planned.exercise_id and chosen is None:
            raise InputError("to", f"{wanted!r} cannot replace {planned.name} with your kit")
        item = planned if chosen is None else composer.swapped(strength, index, planned, chosen)
        others = tuple(
            x for x in (library[planned.exercise_id], *choices) if x.id != item.exercise_id
        )
        items.append(
            CardItem(
                item, None if chosen is None else planned.name, planned.exercise_id, others,
                library[item.exercise_id].cues,
            )
        )  # fmt: skip
    return GymCard(day, session, tuple(items))
