"""Recorded activities in: FIT, GPX and TCX files, plain or gzipped, alone, in folders or in
export archives (Strava's bulk export, Garmin's), each read into a runlift.domain.activity
value. XML goes through defusedxml; every size is bounded. See docs/activities.md.

    from runlift.io.activities import listing, read_activity
    with listing(["export.zip"]) as found:
        for entry in found.entries:
            activity = read_activity(entry.load(), entry.name, entry.kind)
"""

from __future__ import annotations

from runlift.domain.activity import Activity
from runlift.io.activities.archive import Entry, Listing, listing, upload_listing
from runlift.io.activities.errors import DEFAULT_LIMITS, ActivityError, Limits


def read_activity(data: bytes, name: str, kind: str, limits: Limits = DEFAULT_LIMITS) -> Activity:
    """One activity file's bytes (already decompressed) as an Activity; ActivityError else."""
    if kind == "fit":
        from runlift.io.activities.fitfile import read_fit

        return read_fit(data, name)
    if kind == "gpx":
        from runlift.io.activities.gpx import read_gpx

        return read_gpx(data, name, limits)
    if kind == "tcx":
        from runlift.io.activities.tcx import read_tcx

        return read_tcx(data, name, limits)
    raise ActivityError(name, f"{kind!r} is not an activity format (fit, gpx, tcx)")


__all__ = [
    "DEFAULT_LIMITS", "Activity", "ActivityError", "Entry", "Limits", "Listing", "listing",
    "read_activity", "upload_listing",
]  # fmt: skip
