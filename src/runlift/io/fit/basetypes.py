"""FIT base types: size, numpy type and the value that means "no value"."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BaseType:
    """One base type of the protocol; ``code`` is the byte with its endian bit cleared."""

    code: int
    name: str
    size: int
    kind: str  # numpy kind and size without byte order: "u1", "i4", "f8"; "" for text/bytes
    invalid: int  # the raw bit pattern that marks a missing value


BASE_TYPES: dict[int, BaseType] = {
    t.code: t
    for t in (
        BaseType(0x00, "enum", 1, "u1", 0xFF),
        BaseType(0x01, "sint8", 1, "i1", 0x7F),
        BaseType(0x02, "uint8", 1, "u1", 0xFF),
        BaseType(0x03, "sint16", 2, "i2", 0x7FFF),
        BaseType(0x04, "uint16", 2, "u2", 0xFFFF),
        BaseType(0x05, "sint32", 4, "i4", 0x7FFFFFFF),
        BaseType(0x06, "uint32", 4, "u4", 0xFFFFFFFF),
        BaseType(0x07, "string", 1, "", 0x00),
        BaseType(0x08, "float32", 4, "f4", 0xFFFFFFFF),
        BaseType(0x09, "float64", 8, "f8", 0xFFFFFFFFFFFFFFFF),
        BaseType(0x0A, "uint8z", 1, "u1", 0x00),
        BaseType(0x0B, "uint16z", 2, "u2", 0x0000),
        BaseType(0x0C, "uint32z", 4, "u4", 0x00000000),
        BaseType(0x0D, "byte", 1, "", 0xFF),
        BaseType(0x0E, "sint64", 8, "i8", 0x7FFFFFFFFFFFFFFF),
        BaseType(0x0F, "uint64", 8, "u8", 0xFFFFFFFFFFFFFFFF),
        BaseType(0x10, "uint64z", 8, "u8", 0x0000000000000000),
    )
}

UNKNOWN = BaseType(-1, "unknown", 1, "", 0xFF)


def base_type(byte: int) -> BaseType:
    """The base type a field definition names; an unknown one is read as raw bytes."""
    return BASE_TYPES.get(byte & 0x1F, UNKNOWN)
