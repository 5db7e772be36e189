"""A small FIT writer: definitions and data messages written in bulk from numpy columns.

Made for test files and the benchmark's archive: little- or big-endian definitions,
compressed-timestamp headers, developer fields, 12- or 14-byte file headers. It writes what it
is given and checks little; the decoder is the strict side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from runlift.io.fit.basetypes import base_type
from runlift.io.fit.crc import crc16


@dataclass(frozen=True)
class _Definition:
    global_num: int
    dtype: np.dtype  # the header byte, then the fields in order


class FitWriter:
    """Collect messages, then ``finish()`` into the bytes of one FIT file."""

    def __init__(self, *, big_endian: bool = False) -> None:
        self._big = big_endian
        self._chunks: list[bytes] = []
        self._defs: dict[int, _Definition] = {}

    def define(
        self,
        local: int,
        global_num: int,
        fields: Sequence[tuple[int, int, int]],
        dev_fields: Sequence[tuple[int, int, int]] = (),
    ) -> None:
        """Define ``local`` as ``global_num`` with (field number, size, base type) triples.

        ``dev_fields`` are (field number, size, developer data index) triples.
        """
        order = ">" if self._big else "<"
        head = bytes([0x40 | (0x20 if dev_fields else 0) | local, 0, 1 if self._big else 0])
        body = bytearray(head + global_num.to_bytes(2, "big" if self._big else "little"))
        body.append(len(fields))
        names, formats = ["header"], ["u1"]
        for num, size, base in fields:
            body += bytes([num, size, base])
            kind = base_type(base).kind
            one = base_type(base).size
            names.append(f"f{len(names)}")
            formats.append(order + kind if kind and size == one else f"S{size}")
        if dev_fields:
            body.append(len(dev_fields))
            for num, size, index in dev_fields:
                body += bytes([num, size, index])
                names.append(f"f{len(names)}")
                formats.append(f"S{size}")
        self._chunks.append(bytes(body))
        dtype = np.dtype({"names": names, "formats": formats})
        self._defs[local] = _Definition(global_num, dtype)

    def write(
        self,
        local: int,
        columns: Sequence[npt.ArrayLike],
        *,
        time_offsets: npt.ArrayLike | None = None,
    ) -> None:
        """Write one message per row of ``columns`` (raw values, one column a field).

        With ``time_offsets`` (0-31 each), the messages get compressed-timestamp headers,
        which can name local types 0-3 only.
        """
        definition = self._defs[local]
        arrays = [np.asarray(c) for c in columns]
        rows = np.zeros(len(arrays[0]) if arrays else 1, dtype=definition.dtype)
        if time_offsets is None:
            rows["header"] = local
        else:
            rows["header"] = 0x80 | (local << 5) | (np.asarray(time_offsets) & 0x1F)
        names = definition.dtype.names or ()
        for name, column in zip(names[1:], arrays, strict=True):
            rows[name] = column
        self._chunks.append(rows.tobytes())

    def finish(self, *, header_size: int = 14) -> bytes:
        """The whole file: header, data, file CRC."""
        data = b"".join(self._chunks)
        header = bytearray([header_size, 0x20])
        header += (2132).to_bytes(2, "little") + len(data).to_bytes(4, "little") + b".FIT"
        if header_size == 14:
            header += crc16(bytes(header)).to_bytes(2, "little")
        body = bytes(header) + data
        return body + crc16(body).to_bytes(2, "little")


# Base types by name, for callers writing definitions.
ENUM, UINT8, UINT16, UINT32, SINT32, STRING, UINT32Z = 0x00, 0x02, 0x84, 0x86, 0x85, 0x07, 0x8C
