"""The FIT container, as the public FIT protocol describes it: a 14-byte file header, then
definition and data records (little-endian here), then a CRC-16 over everything before it.

Only what a workout file needs: normal record headers, local message types 0-15, and the
base types enum, uint8/16/32, uint32z and string. Every value is checked against its type's
range; a value that does not fit is an error, never a silently wrapped number."""

from __future__ import annotations

import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from runlift.io.fit.crc import crc16  # the decoder's checksum: one CRC for reading and writing

HEADER_SIZE = 14
PROTOCOL_VERSION = 0x10  # 1.0: nothing here needs the 2.0 extensions (developer fields)
PROFILE_VERSION = 2100  # 21.00: the profile the message and field numbers come from
LITTLE_ENDIAN = 0
DEFINITION_BIT = 0x40


class FitEncodeError(ValueError):
    """A value that a FIT field cannot hold."""


@dataclass(frozen=True, slots=True)
class BaseType:
    """A FIT base type: its number in a field definition, its size and its invalid value."""

    number: int
    size: int
    invalid: int
    code: str  # struct format letter; "s" for strings


ENUM = BaseType(0x00, 1, 0xFF, "B")
UINT8 = BaseType(0x02, 1, 0xFF, "B")
STRING = BaseType(0x07, 1, 0x00, "s")
UINT16 = BaseType(0x84, 2, 0xFFFF, "H")
UINT32 = BaseType(0x86, 4, 0xFFFFFFFF, "I")
UINT32Z = BaseType(0x8C, 4, 0x00000000, "I")


@dataclass(frozen=True, slots=True)
class Field:
    number: int  # the field definition number of the profile
    base: BaseType
    size: int = 0  # for strings: the bytes reserved, the closing NUL included

    @property
    def width(self) -> int:
        return self.size if self.base is STRING else self.base.size


@dataclass(frozen=True, slots=True)
class Message:
    """A message layout: its global number in the profile and the fields written, in order."""

    global_number: int
    fields: tuple[Field, ...]


Value = int | str | None


def _string(value: str, size: int) -> bytes:
    """UTF-8 cut at a character boundary to leave room for the NUL, padded with NULs."""
    data = value.encode("utf-8")[: size - 1]
    while data:
        try:
            data.decode("utf-8")
            break
        except UnicodeDecodeError:
            data = data[:-1]
    return data.ljust(size, b"\x00")


def encode_value(field: Field, value: Value) -> bytes:
    base = field.base
    if base is STRING:
        if value is not None and not isinstance(value, str):
            raise FitEncodeError(f"field {field.number}: {value!r} is not text")
        return _string(value or "", field.size)
    if value is None:
        return struct.pack("<" + base.code, base.invalid)
    if not isinstance(value, int) or isinstance(value, bool):
        raise FitEncodeError(f"field {field.number}: {value!r} is not a whole number")
    lowest = 1 if base.invalid == 0 else 0
    highest = (1 << (8 * base.size)) - 1 if base.invalid == 0 else base.invalid - 1
    if not lowest <= value <= highest:
        raise FitEncodeError(f"field {field.number}: {value} is outside {lowest}-{highest}")
    return struct.pack("<" + base.code, value)


class FitFile:
    """Records in the order written; ``finish()`` gives the bytes of the whole file."""

    def __init__(self) -> None:
        self._records = bytearray()
        self._locals: dict[int, Message] = {}

    def define(self, local: int, message: Message) -> None:
        """A definition record: `local` (0-15) stands for `message` until defined again."""
        if not 0 <= local <= 15:
            raise FitEncodeError(f"local message type {local} is outside 0-15")
        out = bytearray((DEFINITION_BIT | local, 0, LITTLE_ENDIAN))
        out += struct.pack("<HB", message.global_number, len(message.fields))
        for field in message.fields:
            if field.base is STRING and not 1 <= field.size <= 255:
                raise FitEncodeError(f"field {field.number}: a string of {field.size} bytes")
            out += bytes((field.number, field.width, field.base.number))
        self._records += out
        self._locals[local] = message

    def write(self, local: int, values: Mapping[int, Value]) -> None:
        """A data record of the message defined as `local`; fields left out are invalid."""
        message = self._locals[local]
        unknown = set(values) - {f.number for f in message.fields}
        if unknown:
            raise FitEncodeError(f"fields {sorted(unknown)} are not in the definition")
        self._records.append(local)
        for field in message.fields:
            self._records += encode_value(field, values.get(field.number))

    def finish(self) -> bytes:
        header = struct.pack(
            "<BBHI4s", HEADER_SIZE, PROTOCOL_VERSION, PROFILE_VERSION, len(self._records), b".FIT"
        )
        header += struct.pack("<H", crc16(header))
        body = header + bytes(self._records)
        return body + struct.pack("<H", crc16(body))


def string_size(texts: Sequence[str], cap: int = 64) -> int:
    """The bytes a string field needs for the longest of `texts` (with its NUL), at most `cap`."""
    longest = max((len(t.encode("utf-8")) for t in texts), default=0)
    return max(1, min(cap, longest + 1))
