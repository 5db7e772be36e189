"""Finding activity files: given files, folders, gzip files, zip archives (a Strava bulk export
with its `activities.csv`, a Garmin export with zips inside). Nothing is extracted to disk;
each entry is read into memory when its turn comes, within the limits:

- an archive with more entries than allowed is refused whole;
- an entry whose path is absolute or climbs out (`..`), or that is a link, is refused;
- an entry (or a gzip file) that inflates past the per-file limit, or by more than the
  ratio limit, is refused (zip and gzip bombs), and so is anything past the total limit;
- a truncated or corrupt entry is one entry's error; the others still load.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from runlift.io.activities.errors import DEFAULT_LIMITS, MB, ActivityError, Limits

FORMATS = ("fit", "gpx", "tcx")
CHUNK = 1 * MB


@dataclass(frozen=True, slots=True)
class Entry:
    name: str  # where it is, for messages: "export.zip:activities/123.fit.gz"
    kind: str  # fit, gpx or tcx
    load: Callable[[], bytes]  # its bytes, decompressed; ActivityError when it cannot be read
    sport: str | None = None  # as activities.csv names it, when there is one
    title: str | None = None


@dataclass
class Listing:
    entries: list[Entry] = field(default_factory=list)
    problems: list[ActivityError] = field(default_factory=list)  # refused before reading
    ignored: int = 0  # files that are not activities (JSON, photos, ...)
    inflated: int = 0  # bytes handed out so far, against Limits.total


def kind_of(name: str) -> tuple[str | None, bool]:
    """(format, gzipped) from a file name: `a.fit.gz` is ("fit", True); ("zip", False) for zips."""
    lower = name.lower()
    packed = lower.endswith(".gz")
    if packed:
        lower = lower[:-3]
    suffix = lower.rsplit(".", 1)[-1] if "." in lower else ""
    if suffix in FORMATS or (suffix == "zip" and not packed):
        return suffix, packed
    return None, packed


def gunzip(data: bytes, name: str, limits: Limits) -> bytes:
    """Inflate every gzip member, stopping at the limits rather than after them."""
    out = bytearray()
    rest = data
    while rest:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        pending = rest
        try:
            while pending:
                out += inflater.decompress(pending, limits.inflated + 1 - len(out))
                _check_size(len(out), len(data), name, limits, "gzip")
                pending = inflater.unconsumed_tail
        except zlib.error:
            raise ActivityError(name, "not a valid gzip file (corrupt data)") from None
        if not inflater.eof:
            raise ActivityError(name, "the gzip file is cut short")
        rest = inflater.unused_data
        if rest.strip(b"\0") == b"":  # padding after the last member
            break
    return bytes(out)


def _check_size(size: int, packed: int, name: str, limits: Limits, what: str) -> None:
    if size > limits.inflated:
        raise ActivityError(
            name, f"inflates past {limits.inflated // MB} MB (a {what} bomb?); not read"
        )
    if size > limits.ratio_floor and size > limits.ratio * max(packed, 1):
        raise ActivityError(name, f"inflates more than {limits.ratio}:1 (a {what} bomb?); not read")


def _counted(found: Listing, data: bytes, name: str, limits: Limits) -> bytes:
    found.inflated += len(data)
    if found.inflated > limits.total:
        raise ActivityError(name, f"the import passed its {limits.total // MB} MB in all; not read")
    return data


def _from_disk(path: str, name: str, packed: bool, found: Listing, limits: Limits) -> bytes:
    cap = limits.upload if packed else limits.inflated
    try:
        with open(path, "rb") as handle:
            data = handle.read(cap + 1)
    except OSError as error:
        raise ActivityError(name, f"cannot be read ({error.strerror})") from None
    if len(data) > cap:
        raise ActivityError(name, f"larger than {cap // MB} MB; not read")
    return _counted(found, gunzip(data, name, limits) if packed else data, name, limits)


def _add_file(found: Listing, path: str, name: str, limits: Limits, stack: ExitStack) -> None:
    kind, packed = kind_of(name)
    if kind == "zip":
        try:
            archive = stack.enter_context(zipfile.ZipFile(path))
        except (zipfile.BadZipFile, OSError) as error:
            found.problems.append(ActivityError(name, f"not a readable zip archive ({error})"))
            return
        _add_zip(found, archive, name, limits, stack, depth=1)
    elif kind is not None:
        found.entries.append(
            Entry(name, kind, lambda: _from_disk(path, name, packed, found, limits))
        )
    else:
        found.ignored += 1


def _unsafe(info: zipfile.ZipInfo) -> str | None:
    raw = info.filename.replace("\\", "/")
    parts = PurePosixPath(raw).parts
    if raw.startswith("/") or ".." in parts or (parts and ":" in parts[0]):
        return "its path leaves the archive; not read"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "a link inside the archive; not followed"
    return None


def _strava_csv(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]
) -> dict[str, tuple[str, str]]:
    """Strava's activities.csv: each activity file's sport and title, by its path."""
    table = next((i for i in infos if i.filename.rsplit("/", 1)[-1] == "activities.csv"), None)
    if table is None or table.file_size > 64 * MB:
        return {}
    try:
        text = archive.read(table).decode("utf-8-sig", errors="replace")
    except (zipfile.BadZipFile, OSError, RuntimeError, zlib.error):
        return {}
    base = table.filename.rsplit("/", 1)[0] + "/" if "/" in table.filename else ""
    out = {}
    for row in csv.DictReader(io.StringIO(text)):
        path = (row.get("Filename") or "").strip()
        if path:
            out[base + path] = ((row.get("Activity Type") or "").strip(),
                                (row.get("Activity Name") or "").strip())  # fmt: skip
    return out


def _read_entry(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limits: Limits
) -> bytes:
    try:
        with archive.open(info) as handle:
            data = handle.read(limits.inflated + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise ActivityError(name, f"corrupt or cut short in the archive ({error})") from None
    except (RuntimeError, NotImplementedError) as error:  # encrypted, unknown compression
        raise ActivityError(name, f"cannot be read from the archive ({error})") from None
    _check_size(len(data), info.compress_size, name, limits, "zip")
    return data


def _add_zip(
    found: Listing, archive: zipfile.ZipFile, name: str, limits: Limits, stack: ExitStack,
    depth: int,
) -> None:  # fmt: skip
    infos = archive.infolist()
    if len(infos) > limits.entries:
        found.problems.append(
            ActivityError(name, f"{len(infos)} entries, over the limit of {limits.entries}")
        )
        return
    strava = _strava_csv(archive, infos)
    for info in infos:
        if info.is_dir():
            continue
        where = f"{name}:{info.filename}"
        kind, packed = kind_of(info.filename)
        if kind is None:
            found.ignored += 1
            continue
        reason = _unsafe(info)
        if reason is None and info.file_size > limits.inflated:
            reason = f"inflates past {limits.inflated // MB} MB (a zip bomb?); not read"
        elif (
            reason is None
            and info.file_size > limits.ratio_floor
            and (info.file_size > limits.ratio * max(info.compress_size, 1))
        ):
            reason = f"inflates more than {limits.ratio}:1 (a zip bomb?); not read"
        if reason is not None:
            found.problems.append(ActivityError(where, reason))
            continue
        if kind == "zip":
            if depth >= limits.depth:
                found.problems.append(ActivityError(where, "an archive nested too deep"))
                continue
            try:
                inner = zipfile.ZipFile(io.BytesIO(_read_entry(archive, info, where, limits)))
            except ActivityError as error:
                found.problems.append(error)
                continue
            except zipfile.BadZipFile as error:
                found.problems.append(ActivityError(where, f"not a readable zip ({error})"))
                continue
            _add_zip(found, stack.enter_context(inner), where, limits, stack, depth + 1)
            continue
        sport, title = strava.get(info.filename, (None, None))
        found.entries.append(
            Entry(
                where,
                kind,
                _zip_loader(found, archive, info, where, packed, limits),
                sport or None,
                title or None,
            )
        )


def _zip_loader(
    found: Listing, archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, packed: bool,
    limits: Limits,
) -> Callable[[], bytes]:  # fmt: skip
    def load() -> bytes:
        data = _read_entry(archive, info, name, limits)
        return _counted(found, gunzip(data, name, limits) if packed else data, name, limits)

    return load


def _walk(found: Listing, root: str, limits: Limits, stack: ExitStack) -> None:
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        for file in sorted(files):
            path = os.path.join(folder, file)
            if os.path.islink(path):
                found.problems.append(ActivityError(path, "a link; not followed"))
                continue
            _add_file(found, path, path, limits, stack)


@contextmanager
def listing(paths: list[str], limits: Limits = DEFAULT_LIMITS) -> Iterator[Listing]:
    """Every activity file under the paths given (files, folders, archives), lazily read."""
    found = Listing()
    with ExitStack() as stack:
        for path in paths:
            if os.path.isdir(path):
                _walk(found, path, limits, stack)
            elif os.path.exists(path):
                if kind_of(path)[0] is None:
                    found.problems.append(ActivityError(
                        path, "not a .fit, .gpx, .tcx (optionally .gz) or .zip file"))  # fmt: skip
                else:
                    _add_file(found, path, path, limits, stack)
            else:
                found.problems.append(ActivityError(path, "does not exist"))
        yield found


@contextmanager
def upload_listing(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> Iterator[Listing]:
    """The activity files in one uploaded file: an activity, a gzipped one, or a zip."""
    found = Listing()
    kind, packed = kind_of(name)
    if kind is None and data[:4] == b"PK\x03\x04":
        kind = "zip"
    with ExitStack() as stack:
        if kind == "zip":
            try:
                archive = stack.enter_context(zipfile.ZipFile(io.BytesIO(data)))
            except zipfile.BadZipFile as error:
                raise ActivityError(name, f"not a readable zip archive ({error})") from None
            _add_zip(found, archive, name, limits, stack, depth=1)
        elif kind is not None:

            def load() -> bytes:
                return _counted(found, gunzip(data, name, limits) if packed else data, name, limits)

            found.entries.append(Entry(name, kind, load))
        else:
            raise ActivityError(name, "not a .fit, .gpx, .tcx (optionally .gz) or .zip file")
        yield found
