"""Walk the messages of one FIT data section and note where each kind of message lies.

Only the headers are read here, one message at a time in Python; the fields are gathered
later in bulk (see gather.py). A run of messages with the same header byte back to back is
found with one numpy comparison over a strided view, so a long stream of records costs a few
array operations rather than one Python step per record.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import lru_cache

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


@dataclass(frozen=True)
class Shape:
    """What a definition message says: the message's number, byte order and fields."""

    global_num: int
    little: bool
    stride: int  # record header byte + message size
    fields: dict[int, FieldSpec]
    ts_offset: int  # offset of a 4-byte timestamp field, or -1


class Layout:
    """One definition met in a file, and where the data messages it describes lie.

    Identical definitions met again later in the file share one Layout.
    """

    __slots__ = ("counts", "fields", "global_num", "header_times", "little", "starts",
                 "stride", "ts_offset")  # fmt: skip

    def __init__(self, shape: Shape) -> None:
        self.global_num = shape.global_num
        self.little = shape.little
        self.stride = shape.stride
        self.fields = shape.fields
        self.ts_offset = shape.ts_offset
        self.starts: list[int] = []
        self.counts: list[int] = []
        # message start -> timestamp carried by a compressed-timestamp header
        self.header_times: dict[int, int] = {}

    @property
    def total(self) -> int:
        return sum(self.counts)


def definition_length(buf: bytes, pos: int, end: int, dev: bool) -> int:
    """The length in bytes of the definition message at ``pos``, checked against ``end``."""
    if pos + 6 > end:
        raise FitError("definition message cut short", pos)
    length = 6 + 3 * buf[pos + 5]
    if dev:
        if pos + length + 1 > end:
            raise FitError("definition message cut short", pos)
        length += 1 + 3 * buf[pos + length]
    if pos + length > end:
        raise FitError("definition message cut short", pos)
    return length


@lru_cache(maxsize=4096)
def parse_definition(body: bytes) -> Shape:
    """Read a definition from its bytes after the record header and reserved byte.

    Devices write the same definitions in every file, so the answer is cached by those bytes.
    Offsets in a FitError raised here count from the start of ``body``.
    """
    arch = body[0]
    if arch > 1:
        raise FitError(f"definition has architecture {arch}; only 0 and 1 exist", 0)
    little = arch == 0
    global_num = int.from_bytes(body[1:3], "little" if little else "big")
    count = body[3]
    fields: dict[int, FieldSpec] = {}
    offset = 1
    at = 4
    for _ in range(count):
        num, size, base = body[at], body[at + 1], body[at + 2]
        if size == 0:
            raise FitError(f"field {num} of message {global_num} has size 0", at + 1)
        if num not in fields:
            fields[num] = FieldSpec(offset, size, base_type(base))
        offset += size
        at += 3
    if at < len(body):  # developer fields follow: count, then (number, size, index) triples
        at += 1
        for _ in range(body[at - 1]):
            if body[at + 1] == 0:
                raise FitError(f"developer field of message {global_num} has size 0", at + 1)
            offset += body[at + 1]
            at += 3
    ts = fields.get(TIMESTAMP_FIELD)
    ts_offset = ts.offset if ts is not None and ts.size == 4 else -1
    return Shape(global_num, little, offset, fields, ts_offset)


def _run_length(
    buf: bytes, arr: npt.NDArray[np.uint8], pos: int, stride: int, header: int, end: int
) -> int:
    """How many messages from ``pos`` on start with ``header`` back to back (at least 1).

    Each header read is where the previous message of known size ends, so a byte equal to the
    header there is a real message of the same kind. Only whole messages are counted.
    """
    whole = (end - pos) // stride
    found = 1
    # A short run is cheaper to follow in Python than with an array operation.
    at = pos + stride
    while found < whole and found < 16:
        if buf[at] != header:
            return found
        found += 1
        at += stride
    probe = 64
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
            length = definition_length(buf, pos, end, bool(header & 0x20))
            key = buf[pos + 2 : pos + length]
            known = cache.get(key)
            if known is None:
                try:
                    shape = parse_definition(key)
                except FitError as err:
                    raise FitError(err.what, pos + 2 + err.offset) from None
                cache[key] = known = Layout(shape)
                order.append(known)
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
                count = _run_length(buf, arr, pos, stride, header, end)
            layout.starts.append(pos)
            layout.counts.append(count)
            pos += stride * count
            if layout.ts_offset >= 0:
                ts_at = pos - stride + layout.ts_offset
                ts_little = layout.little
    return order
