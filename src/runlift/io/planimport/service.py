"""The import as a use case: a file's weeks planned for a stored athlete, and kept as changes
to those weeks when asked (the record `season change --days` and kept moves use, so
`runlift week`, the API and the web app show them).

Each imported week is written inside a savepoint and planned the way the week page plans it
(the season's phase when the week is in the season); without `save` the savepoint is rolled
back, so a preview is exactly what saving would show and nothing stays written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo
from typing import Any

from sqlalchemy import Connection

from runlift.catalog import load_library
from runlift.domain.model import Units
from runlift.domain.planner import Plan
from runlift.io.planfile import InputError
from runlift.io.planimport import Imported, Span, import_plan, imported_json, read_events
from runlift.io.planimport import load_run_words as _words
from runlift.render import week_json
from runlift.store import repository as repo
from runlift.store.revisions import begin_writing
from runlift.tracking import Profile
from runlift.tracking.seasons import planned_week


@dataclass(frozen=True, slots=True)
class PlannedImport:
    profile: Profile
    imported: Imported
    plans: tuple[tuple[date, Plan, str, bool], ...]  # monday, plan, where from, imported
    saved: bool


def _refuse_unknown(imported: Imported, field: str) -> None:
    unknown = [e for e in imported.events if e.unresolved]
    if unknown:
        first = unknown[0]
        listed = ", ".join(f"{e.id} (line {e.raw.line}, {e.raw.title!r})" for e in unknown[:5])
        raise InputError(
            field,
            f"not saved: {len(unknown)} event(s) are not read as any run type: {listed}; "
            f"confirm each first, e.g. {first.id}=easy, or {first.id}=skip to leave it out",
        )


def plan_import(
    conn: Connection,
    prof: Profile,
    data: bytes,
    name: str,
    *,
    span: Span | None = None,
    zone: tzinfo | None = None,
    confirms: dict[str, str] | None = None,
    save: bool = False,
    field: str = "--confirm",
) -> PlannedImport:
    """Read the file, plan every imported week around its runs, and keep the weeks when
    `save` (refused while an event is still unknown: nothing is dropped unseen)."""
    library = load_library()
    fmt, raw = read_events(data, name, span, zone)
    bare = "mi" if prof.athlete.units is Units.LB else None
    imported = import_plan(
        name, fmt, raw, _words(), prof.athlete.usual_run_start, confirms, bare, field
    )
    if save:
        _refuse_unknown(imported, field)
    changes = repo.list_week_changes(conn, prof.id)
    plans = []
    if save:
        begin_writing(conn, prof.id)
    savepoint = conn.begin_nested()
    try:
        for monday in imported.mondays:
            has_events = bool(imported.week_events(monday))
            if has_events:
                earlier = changes.get(monday)
                repo.set_week_change(
                    conn, prof.id, monday, days=imported.days(monday),
                    cutback=None if earlier is None else earlier.cutback,
                    no_gym=False if earlier is None else bool(earlier.no_gym),
                    note="imported from " + name[:80],
                )  # fmt: skip
            plan, source = planned_week(conn, prof, monday, library)
            plans.append((monday, plan, source, has_events))
    except BaseException:
        savepoint.rollback()
        raise
    if save:
        savepoint.commit()
    else:
        savepoint.rollback()
    return PlannedImport(prof, imported, tuple(plans), save)


def planned_import_json(result: PlannedImport) -> dict[str, Any]:
    """`runlift import-plan --format json` and the API: the import, each week's plan."""
    out = imported_json(result.imported)
    out["athlete"] = result.profile.name
    out["saved"] = result.saved
    for week, (_, plan, source, has_events) in zip(out["weeks"], result.plans, strict=True):
        week["imported"] = has_events
        week["planned_from"] = source
        week["plan"] = week_json(
            plan.week, plan.reasons, plan.violations, plan.warnings, plan.notes
        )
    return out
