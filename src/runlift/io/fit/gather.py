"""Gather the fields of every message of one kind into numpy arrays, in bulk.

The bytes of each run of messages are joined and read at once through a structured dtype
laid out as the definition says (byte order included), so no Python code runs per message.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from runlift.io.fit.walk import TIMESTAMP_FIELD, Layout

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


def message_positions(layout: Layout) -> Ints:
    """The byte offset of every message a layout describes, in file order."""
    starts = np.asarray(layout.starts, dtype=np.int64)
    counts = np.asarray(layout.counts, dtype=np.int64)
    total = int(counts.sum())
    first = np.repeat(np.cumsum(counts) - counts, counts)
    within = np.arange(total, dtype=np.int64) - first
    out: Ints = np.repeat(starts, counts) + within * layout.stride
    return out


def _records(buf: bytes, layout: Layout, nums: Iterable[int]) -> np.ndarray:
    stride = layout.stride
    names: list[str] = []
    formats: list[str] = []
    offsets: list[int] = []
    order = "<" if layout.little else ">"
    for num in nums:
        spec = layout.fields.get(num)
        if spec is None or not spec.base.kind or spec.size != spec.base.size:
            continue  # absent, text, raw bytes or an array: not a single number
        names.append(str(num))
        formats.append(order + spec.base.kind)
        offsets.append(spec.offset)
    dtype = np.dtype({"names": names, "formats": formats, "offsets": offsets, "itemsize": stride})
    if len(layout.starts) == 1:
        start = layout.starts[0]
        chunk = buf[start : start + layout.counts[0] * stride]
    else:
        chunk = b"".join(
            buf[start : start + count * stride]
            for start, count in zip(layout.starts, layout.counts, strict=True)
        )
    return np.frombuffer(chunk, dtype=dtype)


def _as_floats(column: np.ndarray, invalid: int) -> Floats:
    """Raw values as float64, with the base type's invalid pattern turned into NaN."""
    if column.dtype.kind == "f":
        bits = column.view(np.dtype(f"{column.dtype.byteorder}u{column.dtype.itemsize}"))
        missing = bits == invalid
    else:
        missing = column == column.dtype.type(invalid)
    values = column.astype(np.float64)
    values[missing] = np.nan
    return values


def gather(buf: bytes, layouts: Sequence[Layout], nums: Sequence[int]) -> dict[int, Floats]:
    """Each field number in ``nums`` as one float64 array over all messages, NaN if missing.

    Messages from different layouts (a message redefined along the way) come out in file
    order. A timestamp given by a compressed-timestamp header fills field 253 where the
    message itself has none.
    """
    parts: dict[int, list[Floats]] = {num: [] for num in nums}
    places: list[Ints] = []
    for layout in layouts:
        if not layout.starts:
            continue
        records = _records(buf, layout, nums)
        size = len(records)
        for num in nums:
            name = str(num)
            if records.dtype.names and name in records.dtype.names:
                spec = layout.fields[num]
                parts[num].append(_as_floats(records[name], spec.base.invalid))
            else:
                parts[num].append(np.full(size, np.nan))
        if len(layouts) > 1 or layout.header_times:
            places.append(message_positions(layout))
        if layout.header_times and TIMESTAMP_FIELD in parts:
            stamps = parts[TIMESTAMP_FIELD][-1]
            where = places[-1]
            from_header = np.array([layout.header_times.get(int(p), np.nan) for p in where])
            fill = np.isnan(stamps)
            stamps[fill] = from_header[fill]
    out = {num: np.concatenate(chunks) if chunks else np.empty(0) for num, chunks in parts.items()}
    if len(places) > 1:
        order = np.argsort(np.concatenate(places), kind="stable")
        out = {num: values[order] for num, values in out.items()}
    return out
