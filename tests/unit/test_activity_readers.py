"""The activity readers on the small files of tests/data/activities and the real device files
of ../shared/data/activities (read in place): totals, laps, sport, and the archive layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from runlift.domain.activity import Thresholds, classify, sport_call
from runlift.domain.model import RunType
from runlift.io.activities import ActivityError, listing, read_activity, upload_listing
from tests.shared_data import activities_folder, require

DATA = Path(__file__).resolve().parents[1] / "data" / "activities"
SHARED = activities_folder()


def _read(name: str):
    with listing([str(DATA / name)]) as found:
        (entry,) = found.entries
        return read_activity(entry.load(), entry.name, entry.kind)


def test_reads_a_gpx_track_with_garmin_heart_rate_extensions():
    run = _read("easy-run.gpx")
    assert run.sport == "running"
    assert run.seconds == pytest.approx(2400)
    assert run.distance_m == pytest.approx(6667, rel=0.01)
    assert run.avg_hr == 138 and run.name == "Easy run"
    assert run.pace == pytest.approx(360, rel=0.01)


def test_a_gzipped_gpx_reads_like_the_plain_one():
    assert _read("easy-run.gpx.gz").seconds == _read("easy-run.gpx").seconds


def test_reads_tcx_laps_with_their_own_totals():
    run = _read("intervals.tcx")
    assert run.sport == "running" and len(run.laps) == 14
    assert [round(lap.seconds) for lap in run.laps[1:3]] == [180, 120]
    assert run.laps[1].pace == pytest.approx(240, rel=0.01)


def test_reads_a_fit_session_and_its_laps():
    run = _read("tempo.fit")
    assert run.sport == "running" and len(run.laps) == 3
    assert run.seconds == 2700 and run.max_hr == 175


def test_a_strava_export_names_each_file_and_takes_the_sport_from_activities_csv():
    with listing([str(DATA / "strava-export.zip")]) as found:
        names = [e.name.rsplit(":", 1)[1] for e in found.entries]
        sports = {e.name.rsplit("/", 1)[1]: e.sport for e in found.entries}
    assert names == [
        "activities/1001.gpx",
        "activities/1002.tcx.gz",
        "activities/1003.fit.gz",
        "activities/1004.gpx",
    ]
    assert sports["1004.gpx"] == "Ride" and not found.problems


def test_an_uploaded_zip_lists_the_same_entries_as_the_file():
    data = (DATA / "strava-export.zip").read_bytes()
    with upload_listing(data, "export.zip") as found:
        assert len(found.entries) == 4


def test_a_ride_without_a_sport_is_not_taken_for_a_run():
    call = sport_call(_read("ride.gpx"))
    assert not call.run and "too fast" in call.reason


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("easy-run.gpx", RunType.EASY),
        ("intervals.tcx", RunType.INTERVALS),
        ("tempo.fit", RunType.THRESHOLD),
    ],
)
def test_each_sample_run_is_read_as_its_kind(name, kind):
    assert classify(_read(name), Thresholds(max_hr=185)).type == kind


def test_the_real_device_files_read_without_a_crash_and_other_sports_are_skipped():
    require(SHARED)
    calls = {}
    with listing([str(SHARED)]) as found:
        for entry in found.entries:
            activity = read_activity(entry.load(), entry.name, entry.kind)
            calls[Path(entry.name).name] = sport_call(activity)
    assert calls["activity-small-fenix2-run.fit"].run
    assert calls["garmin-fenix-5-run.fit"].run
    assert not calls["garmin-edge-500-activity.fit"].run
    assert "swimming" in calls["garmin-fr935-cr.fit"].reason
    assert "multisport" in calls["activity-large-fenxi2-multisport.fit"].reason


def test_a_real_run_gets_its_heart_rate_and_stream_from_the_records():
    require(SHARED)
    data = (SHARED / "activity-small-fenix2-run.fit").read_bytes()
    run = read_activity(data, "fenix2.fit", "fit")
    # The session wrote no heart rate; the records hold one for every second.
    assert run.avg_hr is not None and 150 < run.avg_hr < 158 and run.max_hr == 178.0
    assert run.stream is not None
    efforts = dict(run.stream.efforts)
    assert 700 < efforts[180] < 760 and efforts[1200] < 20 * efforts[180] / 3
    assert run.stream.drift_pct is None  # it sped up, then walked home: no steady run
    minutes = sum(seconds for _, seconds in run.stream.hr_seconds) / 60
    assert 40 < minutes < 50


def test_a_tcx_point_without_heart_rate_does_not_take_its_laps():
    ns = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
    points = "".join(
        f"<Trackpoint><Time>2026-11-02T06:{m:02d}:00Z</Time><DistanceMeters>{m * 200}"
        f"</DistanceMeters>{'' if m == 0 else f'<HeartRateBpm><Value>{140 + m}</Value></HeartRateBpm>'}"
        "</Trackpoint>"
        for m in range(6)
    )
    tcx = (
        f'<TrainingCenterDatabase xmlns="{ns}"><Activities><Activity Sport="Running">'
        '<Id>2026-11-02T06:00:00Z</Id><Lap StartTime="2026-11-02T06:00:00Z">'
        "<DistanceMeters>1000</DistanceMeters><MaximumHeartRateBpm><Value>199</Value>"
        "</MaximumHeartRateBpm><Intensity>Active</Intensity><TriggerMethod>Manual"
        f"</TriggerMethod><Track>{points}</Track></Lap></Activity></Activities>"
        "</TrainingCenterDatabase>"
    ).encode()
    run = read_activity(tcx, "run.tcx", "tcx")
    assert run.max_hr == 199.0  # the lap's own maximum, as it wrote it
    assert run.stream is not None
    beats = dict(run.stream.hr_seconds)
    assert 199 not in beats and min(beats) >= 141  # the first point had none, not the lap's


def _tiny_gpx(stamps: list[str], lat: str = "52.0") -> bytes:
    points = "".join(
        f'<trkpt lat="{lat if i == 1 else 52.0 + i / 1000}" lon="4.9"><time>{t}</time></trkpt>'
        for i, t in enumerate(stamps)
    )
    return (
        '<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type>'
        f"<trkseg>{points}</trkseg></trk></gpx>"
    ).encode()


def test_gpx_times_with_a_zone_offset_read_as_the_same_moments():
    utc = ["2026-11-02T06:00:00Z", "2026-11-02T06:00:10.5Z", "2026-11-02T06:00:20Z"]
    local = [
        "2026-11-02T08:00:00+02:00",
        "2026-11-02T08:00:10.5+02:00",
        "2026-11-02T01:00:20-05:00",
    ]
    naive = [t.removesuffix("Z") for t in utc]
    read = [read_activity(_tiny_gpx(s), "t.gpx", "gpx") for s in (utc, local, naive)]
    assert {(r.start, r.seconds, r.elapsed_seconds) for r in read} == {(read[0].start, 20.0, 20.0)}
    assert read[0].start is not None and read[0].start.isoformat() == "2026-11-02T06:00:00+00:00"


@pytest.mark.parametrize(
    ("stamps", "lat", "message"),
    [
        (["2026-11-02T06:00:00Z", "yesterday", "2026-11-02T06:00:20Z"], "52.0",
         "time 'yesterday' is not an ISO 8601 time"),
        (["2026-11-02T06:00:00Z"] * 3, "north", "lat 'north' is not a number"),
        (["2026-11-02T06:00:00Z"] * 3, "inf", "lat 'inf' is not a number"),
    ],
)  # fmt: skip
def test_a_bad_value_in_a_track_names_itself(stamps, lat, message):
    with pytest.raises(ActivityError, match=message):
        read_activity(_tiny_gpx(stamps, lat), "t.gpx", "gpx")


@pytest.mark.parametrize(
    "before",
    [
        "<wpt lat='1' lon='1'><time>2024-04-01T08:00:00Z</time><extensions><hr>99</hr></extensions></wpt>",
        "<time>2024-03-01T08:00:00Z</time>",  # GPX 1.0 writes the file's time here
        "<metadata><time>2024-03-01T08:00:00Z</time></metadata>",
    ],
)
def test_a_waypoints_or_the_files_time_is_never_a_track_points(before):
    stamps = [f"2026-11-02T06:{m:02d}:00Z" for m in range(1, 40)]
    points = "<trkpt lat='52.0' lon='4.9'></trkpt>" + "".join(
        f"<trkpt lat='{52.0 + i / 500}' lon='4.9'><time>{t}</time>"
        "<extensions><hr>150</hr></extensions></trkpt>"
        for i, t in enumerate(stamps)
    )
    gpx = (
        f'<gpx xmlns="http://www.topografix.com/GPX/1/1">{before}<trk><type>running</type>'
        f"<trkseg>{points}</trkseg></trk></gpx>"
    ).encode()
    run = read_activity(gpx, "w.gpx", "gpx")
    assert run.start is not None and run.start.isoformat() == "2026-11-02T06:01:00+00:00"
    assert run.elapsed_seconds == 38 * 60
    assert run.stream is not None and 99 not in dict(run.stream.hr_seconds)


def test_a_padded_value_is_refused_before_it_can_widen_numpys_array():
    with pytest.raises(ActivityError, match="a lat value 2004 characters long"):
        read_activity(_tiny_gpx(["2026-11-02T06:00:00Z"] * 3, " " * 2000 + "52.0"), "t.gpx", "gpx")


def test_numpys_words_for_times_are_not_times():
    with pytest.raises(ActivityError, match="time 'now' is not an ISO 8601 time"):
        read_activity(_tiny_gpx(["now", "today", "2026-11-02T06:00:20Z"]), "t.gpx", "gpx")
