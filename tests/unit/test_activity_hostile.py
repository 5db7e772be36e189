"""Hostile files: XML bombs and external entities, zip and gzip bombs, too many entries, paths
and links that leave an archive, truncated and corrupt entries. Each is refused with a clear
message naming the file, and the good entries beside it still read."""

from __future__ import annotations

import gzip
import io
import stat
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runlift.io.activities import ActivityError, Limits, listing, read_activity, upload_listing

DATA = Path(__file__).resolve().parents[1] / "data" / "activities"
GOOD_GPX = (DATA / "easy-run.gpx").read_bytes()
SMALL = Limits(inflated=1024 * 1024, ratio=50, ratio_floor=64 * 1024, entries=20)

ENTITY_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<gpx><trk><name>&d;</name></trk></gpx>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE gpx [<!ENTITY x SYSTEM "file:///etc/passwd">]><gpx><trk><name>&x;</name></trk></gpx>"""
DTD_ONLY = b'<?xml version="1.0"?><!DOCTYPE gpx SYSTEM "http://example.com/gpx.dtd"><gpx/>'


@pytest.mark.parametrize("data", [ENTITY_BOMB, EXTERNAL, DTD_ONLY])
@pytest.mark.parametrize("kind", ["gpx", "tcx"])
def test_xml_with_a_dtd_or_entities_is_refused(data, kind):
    with pytest.raises(ActivityError, match=r"bad\.x: XML with a DTD or entities is refused"):
        read_activity(data, "bad.x", kind)


UNDECLARED = b"""<?xml version="1.0"?>
<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><name>&x;</name><trkseg>
<trkpt lat="1" lon="2"><time>2026-01-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>"""


def test_an_entity_reference_without_a_dtd_is_an_error_not_an_expansion():
    with pytest.raises(ActivityError, match=r"bad\.gpx: not well-formed XML \(line 2"):
        read_activity(UNDECLARED, "bad.gpx", "gpx")


@pytest.mark.parametrize("kind", ["gpx", "tcx"])
def test_a_dtd_after_a_long_prolog_is_still_found(kind):
    # The prolog is read in chunks: a DTD past the first chunk must not slip through.
    padded = (
        b'<?xml version="1.0"?>\n<!--' + b" " * 20_000 + b"-->\n" + ENTITY_BOMB.split(b"\n", 1)[1]
    )
    with pytest.raises(ActivityError, match="XML with a DTD or entities is refused"):
        read_activity(padded, "bad.x", kind)


LONG_TRACK = """
import resource, sys
from pathlib import Path
from runlift.io.activities import read_activity
good = Path(sys.argv[1]).read_bytes()
head, rest = good.split(b"<trkpt", 1)
point = b"<trkpt" + rest.split(b"</trkpt>", 1)[0] + b"</trkpt>\\n"
tail = b"</trkseg>" + rest.split(b"</trkseg>", 1)[1]
big = head + point * 150_000 + tail
read_activity(good, "warm.gpx", "gpx")  # imports and caches before the baseline
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
read_activity(big, "long.gpx", "gpx")
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(len(big), (after - before) * 1024)
"""


def test_a_long_track_is_read_in_flat_memory():
    # In a process of its own, by its peak RSS: libxml2's tree is not seen by tracemalloc.
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", LONG_TRACK, str(DATA / "easy-run.gpx")],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    size, grown = map(int, done.stdout.split())
    # Kept: each point's few values as text and arrays. A tree of every element of a 25 MB
    # track would take about ten times its size (measured: 9.7x without the sweep).
    assert grown < 4 * size, f"peak RSS grew {grown / 1e6:.0f} MB for {size / 1e6:.0f} MB of XML"


def _zip(entries: dict[str, bytes], links: tuple[str, ...] = ()) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
        for name in links:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return out.getvalue()


def _loaded(found):
    """(name, ok or the error) for each entry, in order."""
    out = []
    for entry in found.entries:
        try:
            entry.load()
            out.append((entry.name, "ok"))
        except ActivityError as error:
            out.append((entry.name, error.reason))
    return out


def test_a_zip_bomb_by_ratio_is_refused_and_the_good_entry_reads():
    data = _zip({"bomb.gpx": b"\0" * (512 * 1024), "good.gpx": GOOD_GPX})
    with upload_listing(data, "up.zip", SMALL) as found:
        problems = [str(p) for p in found.problems]
        assert _loaded(found) == [("up.zip:good.gpx", "ok")]
    assert problems == ["up.zip:bomb.gpx: inflates more than 50:1 (a zip bomb?); not read"]


def test_a_zip_entry_past_the_size_limit_is_refused_before_it_is_read():
    data = _zip({"big.fit": b"\1\2\3" * 400_000})
    with upload_listing(data, "up.zip", SMALL) as found:
        assert not found.entries
        assert "inflates past 1 MB" in str(found.problems[0])


def test_a_gzip_bomb_stops_at_the_limit():
    bomb = gzip.compress(b"\0" * (8 * 1024 * 1024))
    started = time.perf_counter()
    with upload_listing(bomb, "run.gpx.gz", SMALL) as found:
        assert _loaded(found) == [("run.gpx.gz", "inflates past 1 MB (a gzip bomb?); not read")]
    assert time.perf_counter() - started < 2


def test_a_gzip_that_grows_by_too_much_is_refused_under_the_size_limit():
    bomb = gzip.compress(b"\0" * (900 * 1024))
    with upload_listing(bomb, "run.fit.gz", SMALL) as found:
        assert "more than 50:1" in _loaded(found)[0][1]


def test_an_archive_with_too_many_entries_is_refused_whole():
    data = _zip({f"a{i}.gpx": GOOD_GPX[:10] for i in range(21)})
    with upload_listing(data, "many.zip", SMALL) as found:
        assert not found.entries
        assert str(found.problems[0]) == "many.zip: 21 entries, over the limit of 20"


def test_paths_out_of_the_archive_and_links_are_refused():
    data = _zip({"../evil.gpx": GOOD_GPX, "/abs/evil.gpx": GOOD_GPX, "a/../../x.fit": b"x",
                 "ok/run.gpx": GOOD_GPX}, links=("link.gpx",))  # fmt: skip
    with upload_listing(data, "up.zip") as found:
        reasons = {p.name.split(":", 1)[1]: p.reason for p in found.problems}
        assert _loaded(found) == [("up.zip:ok/run.gpx", "ok")]
    assert reasons == {
        "../evil.gpx": "its path leaves the archive; not read",
        "/abs/evil.gpx": "its path leaves the archive; not read",
        "a/../../x.fit": "its path leaves the archive; not read",
        "link.gpx": "a link inside the archive; not followed",
    }


def test_a_truncated_gzip_and_a_corrupt_zip_entry_are_one_entrys_errors():
    cut = gzip.compress(GOOD_GPX)[:-20]
    data = bytearray(_zip({"bad.gpx": GOOD_GPX, "good.gpx": GOOD_GPX}))
    at = data.find(b"bad.gpx") + 40  # inside bad.gpx's compressed bytes
    data[at : at + 8] = b"\xff" * 8
    with upload_listing(bytes(data), "up.zip") as found:
        results = dict(_loaded(found))
    assert results["up.zip:good.gpx"] == "ok"
    assert results["up.zip:bad.gpx"].startswith("corrupt or cut short in the archive")
    with upload_listing(cut, "run.gpx.gz") as found:
        assert _loaded(found)[0][1] == "the gzip file is cut short"


def test_a_link_in_a_folder_is_not_followed(tmp_path):
    (tmp_path / "run.gpx").write_bytes(GOOD_GPX)
    (tmp_path / "link.gpx").symlink_to("/etc/passwd")
    with listing([str(tmp_path)]) as found:
        assert [Path(e.name).name for e in found.entries] == ["run.gpx"]
        assert found.problems[0].reason == "a link; not followed"


def test_too_many_track_points_is_refused():
    with pytest.raises(ActivityError, match="more than 100 track points"):
        read_activity(GOOD_GPX, "run.gpx", "gpx", Limits(points=100))


@settings(max_examples=60, deadline=2000)
@given(cut=st.integers(0, len(GOOD_GPX) - 1), kind=st.sampled_from(["gpx", "tcx", "fit"]))
def test_any_cut_of_a_file_is_read_or_refused_with_activity_error(cut, kind):
    source = {"gpx": GOOD_GPX, "tcx": (DATA / "intervals.tcx").read_bytes(),
              "fit": (DATA / "tempo.fit").read_bytes()}[kind]  # fmt: skip
    try:
        read_activity(source[: cut % len(source)], "cut", kind)
    except ActivityError as error:
        assert str(error).startswith("cut: ")
