"""The FIT CRC-16: the fast lane-parallel form agrees with the protocol's nibble-table form."""

from __future__ import annotations

import random

import pytest

from runlift.io.fit.crc import crc16, crc16_slow


def test_known_values_of_the_crc():
    assert crc16(b"") == 0
    assert crc16(b"123456789") == 0xBB3D  # the CRC-16/ARC check value


@pytest.mark.parametrize("size", [1, 2, 511, 512, 513, 1000, 4097, 65536, 100_001])
def test_fast_crc_matches_the_reference_form(size):
    data = random.Random(size).randbytes(size)
    assert crc16(data) == crc16_slow(data)


def test_a_file_followed_by_its_crc_checks_to_zero():
    data = random.Random(7).randbytes(3000)
    whole = data + crc16(data).to_bytes(2, "little")
    assert crc16(whole) == 0
