"""Walk the messages of one FIT data section and note where each kind of message lies.

Only the headers are read here, one message at a time in Python; the fields are gathered
later in bulk (see gather.py). A run of messages with the same header byte back to back is
found with one numpy comparison over a strided view, so a long stream of records costs a few
array operations rather than one Python step per record.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from runlift.io.fit.basetypes import BaseType, base_type
from runlift.io.fit.errors import FitError

TIMESTAMP_FIELD = 253
_U32 = {True: struct.Struct("<I"), False: struct.Struct(">I")}


@dataclass(frozen=True)
class FieldSpec:
    """Where a field sits in a message (offset counts the record header byte as 0)."""

    offset: int
    size: int
    base: BaseType


@dataclass
class Layout:
    """One message definition and where the data messages it describes lie.

    Identical definitions met again later in the file share one Layout.
    """

    global_num: int
    little: bool
    stride: int  # record header byte + message size
    fields: dict[int, FieldSpec]
    ts_offset: int  # offset of a 4-byte timestamp field, or -1
    starts: list[int] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)
    # message start -> timestamp carried by a compressed-timestamp header
    header_times: dict[int, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts)


def _parse_definition(buf: bytes, pos: int, end: int, dev: bool) -> tuple[Layout, int]:
    """Read a definition message at ``pos``; return its layout and its length in bytes."""
    if pos + 6 > end:
        raise FitError("definition message cut short", pos)
    arch = buf[pos + 2]
    if arch > 1:
        raise FitError(f"definition has architecture {arch}; only 0 and 1 exist", pos + 2)
    little = arch == 0
    global_num = int.from_bytes(buf[pos + 3 : pos + 5], "little" if little else "big")
    count = buf[pos + 5]
    length = 6 + 3 * count
    dev_count = 0
    if dev:
        if pos + length + 1 > end:
            raise FitError("definition message cut short", pos)
        dev_count = buf[pos + length]
        length += 1 + 3 * dev_count
    if pos + length > end:
        raise FitError("definition message cut short", pos)
    fields: dict[int, FieldSpec] = {}
    offset = 1
    at = pos + 6
    for _ in range(count):
        num, size, base = buf[at], buf[at + 1], buf[at + 2]
        if size == 0:
            raise FitError(f"field {num} of message {global_num} has size 0", at + 1)
        if num not in fields:
            fields[num] = FieldSpec(offset, size, base_type(base))
        offset += size
        at += 3
    if dev:
        at += 1
        for _ in range(dev_count):
            size = buf[at + 1]
            if size == 0:
                raise FitError(f"developer field of message {global_num} has size 0", at + 1)
            offset += size
            at += 3
    ts = fields.get(TIMESTAMP_FIELD)
    ts_offset = ts.offset if ts is not None and ts.size == 4 else -1
    return Layout(global_num, little, offset, fields, ts_offset), length


def _run_length(arr: npt.NDArray[np.uint8], pos: int, stride: int, header: int, end: int) -> int:
    """How many messages from ``pos`` on start with ``header`` back to back (at least 1).

    Each header read is where the previous message of known size ends, so a byte equal to the
    header there is a real message of the same kind. Only whole messages are counted.
    """
    whole = (end - pos) // stride
    found = 1
    probe = 16
    while found < whole:
        limit = min(probe, whole)
        heads = arr[pos + found * stride : pos + limit * stride : stride]
        misses = np.flatnonzero(heads != header)
        if misses.size:
            return found + int(misses[0])
        found = limit
        probe *= 8
    return found


def walk(buf: bytes, arr: npt.NDArray[np.uint8], pos: int, end: int) -> list[Layout]:
    """Walk the data records in ``buf[pos:end]``; return the layouts met, in order."""
    cache: dict[bytes, Layout] = {}
    order: list[Layout] = []
    local: list[Layout | None] = [None] * 16
    ts_at = -1  # where the last timestamp field lies, read only when a compressed header needs it
    ts_little = True
    last_ts = 0
    while pos < end:
        header = buf[pos]
        if header & 0x80:  # compressed-timestamp header: a data message
            layout = local[(header >> 5) & 0x03]
            if layout is None:
                raise FitError(f"undefined local message type {(header >> 5) & 3}", pos)
            if pos + layout.stride > end:
                raise FitError(f"message {layout.global_num} runs past the end of the data", pos)
            if ts_at >= 0:
                last_ts = _U32[ts_little].unpack_from(buf, ts_at)[0]
                ts_at = -1
            offset = header & 0x1F
            stamp = (last_ts & ~0x1F) + offset
            if offset < (last_ts & 0x1F):
                stamp += 0x20
            last_ts = stamp
            layout.header_times[pos] = stamp
            layout.starts.append(pos)
            layout.counts.append(1)
            pos += layout.stride
        elif header & 0x40:  # definition message
            parsed, length = _parse_definition(buf, pos, end, bool(header & 0x20))
            key = buf[pos + 2 : pos + length]
            known = cache.get(key)
            if known is None:
                cache[key] = known = parsed
                order.append(parsed)
            local[header & 0x0F] = known
            pos += length
        else:
            layout = local[header & 0x0F]
            if layout is None:
                raise FitError(f"undefined local message type {header & 0x0F}", pos)
            stride = layout.stride
            nxt = pos + stride
            if nxt > end:
                raise FitError(f"message {layout.global_num} runs past the end of the data", pos)
            count = 1
            if nxt < end and buf[nxt] == header:
                count = _run_length(arr, pos, stride, header, end)
            layout.starts.append(pos)
            layout.counts.append(count)
            pos += stride * count
            if layout.ts_offset >= 0:
                ts_at = pos - stride + layout.ts_offset
                ts_little = layout.little
    return order
