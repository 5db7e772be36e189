"""Broken, cut or hostile FIT input: one FitError naming what and where, never a crash."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runlift.io.fit import FitError, decode, reader
from runlift.io.fit.crc import crc16

SAMPLES = Path(__file__).resolve().parents[2] / "tests" / "data" / "fit"
SAMPLE = (SAMPLES / "run-bigendian-ctime-dev.fit").read_bytes()
CHAINED = (SAMPLES / "chained.fit").read_bytes()

FILE_ID_DEF = bytes([0x40, 0, 0, 0, 0, 1, 0, 1, 0x00])  # local 0 = file_id, field 0 (enum)


def wrap(records: bytes, *, header_size: int = 14) -> bytes:
    """A well-framed FIT file around raw record bytes (good header, good CRCs)."""
    header = bytearray([header_size, 0x20, 0x54, 0x08])
    header += len(records).to_bytes(4, "little") + b".FIT"
    if header_size == 14:
        header += crc16(bytes(header)).to_bytes(2, "little")
    body = bytes(header) + records
    return body + crc16(body).to_bytes(2, "little")


def error_of(data: bytes, **kwargs: bool) -> FitError:
    with pytest.raises(FitError) as caught:
        decode(data, **kwargs)
    assert "at byte" in str(caught.value)
    return caught.value


def test_a_minimal_file_decodes():
    fit = decode(wrap(FILE_ID_DEF + bytes([0x00, 4])))
    assert fit.file_id is not None and fit.file_id.type == 4
    assert len(fit.records) == 0


def test_a_twelve_byte_header_is_read():
    assert decode(wrap(FILE_ID_DEF + bytes([0, 4]), header_size=12)).file_id is not None


@pytest.mark.parametrize("size", [0, 1, 11, 13, 15, 255])
def test_rejects_a_header_size_other_than_12_or_14(size):
    data = bytearray(wrap(b""))
    data[0] = size
    err = error_of(bytes(data))
    assert "header size" in err.what and err.offset == 0


def test_rejects_a_file_without_the_fit_signature():
    data = bytearray(wrap(b""))
    data[8:12] = b".TIF"
    assert error_of(bytes(data)).offset == 8


def test_rejects_a_wrong_header_crc():
    data = bytearray(wrap(FILE_ID_DEF + bytes([0, 4])))
    data[12] ^= 0xFF
    err = error_of(bytes(data))
    assert "header CRC" in err.what and err.offset == 12
    assert decode(bytes(data), check_crc=False).file_id is not None


def test_rejects_a_wrong_file_crc():
    data = bytearray(SAMPLE)
    data[200] ^= 0x01
    err = error_of(bytes(data))
    assert "file CRC" in err.what and err.offset == len(SAMPLE) - 2


def test_rejects_a_data_size_past_the_end_of_the_file():
    data = bytearray(SAMPLE)
    data[4:8] = (0xFFFFFFFF).to_bytes(4, "little")
    err = error_of(bytes(data), check_crc=False)
    assert "past the end" in err.what and err.offset == 4


def test_rejects_a_data_message_of_an_undefined_local_type():
    err = error_of(wrap(FILE_ID_DEF + bytes([0x00, 4, 0x05, 1])))
    assert "undefined local message type 5" in err.what and err.offset == 14 + 11


def test_rejects_a_compressed_timestamp_of_an_undefined_local_type():
    err = error_of(wrap(FILE_ID_DEF + bytes([0xE3, 4])))
    assert "undefined local message type 3" in err.what


def test_rejects_a_field_of_size_zero():
    definition = bytes([0x40, 0, 0, 20, 0, 2, 3, 1, 0x02, 4, 0, 0x02])
    err = error_of(wrap(definition))
    assert "size 0" in err.what and err.offset == 14 + 10


def test_rejects_a_developer_field_of_size_zero():
    definition = bytes([0x60, 0, 0, 20, 0, 1, 3, 1, 0x02, 1, 0, 0, 0])
    assert "size 0" in error_of(wrap(definition)).what


def test_rejects_an_unknown_architecture():
    assert "architecture" in error_of(wrap(bytes([0x40, 0, 2, 20, 0, 0]))).what


def test_rejects_a_definition_cut_short_by_the_data_size():
    assert "cut short" in error_of(wrap(bytes([0x40, 0, 0, 20, 0, 5, 3, 1]))).what


def test_rejects_a_message_longer_than_the_data_left():
    big = bytes([0x40, 0, 0, 20, 0, 2, 0, 255, 0x0D, 1, 255, 0x0D])
    err = error_of(wrap(big + bytes([0x00, 1, 2, 3])))
    assert "past the end of the data" in err.what and err.offset == 14 + len(big)


def test_rejects_bytes_after_the_last_file_that_are_no_fit_file():
    assert "header" in error_of(SAMPLE + b"\x00\x00\x00").what


def test_rejects_empty_input():
    assert error_of(b"").offset == 0


def test_refuses_input_past_the_size_limit(monkeypatch):
    monkeypatch.setattr(reader, "MAX_BYTES", 1000)
    assert "limit" in error_of(SAMPLE).what


@pytest.mark.parametrize("cut", [0, 1, 11, 12, 13, 14, 15, 40, 1000, -3, -2, -1])
def test_rejects_a_file_cut_short(cut):
    end = cut if cut >= 0 else len(SAMPLE) + cut
    error_of(SAMPLE[:end])


@pytest.mark.parametrize("cut", [100, len(CHAINED) // 2, len(CHAINED) - 1])
def test_rejects_a_chain_cut_short(cut):
    error_of(CHAINED[:cut])


def _decodes_or_fit_error(data: bytes, check_crc: bool) -> None:
    began = time.perf_counter()
    try:
        decode(data, check_crc=check_crc)
    except FitError:
        pass
    assert time.perf_counter() - began < 2.0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([SAMPLE, CHAINED]), st.data())
def test_any_truncation_gives_a_fit_error_or_a_decode(data, draw):
    cut = draw.draw(st.integers(0, len(data)))
    _decodes_or_fit_error(data[:cut], check_crc=True)
    _decodes_or_fit_error(data[:cut], check_crc=False)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([SAMPLE, CHAINED]), st.data())
def test_any_single_byte_change_gives_a_fit_error_or_a_decode(data, draw):
    at = draw.draw(st.integers(0, len(data) - 1))
    value = draw.draw(st.integers(0, 255))
    changed = bytearray(data)
    changed[at] = value
    # With the CRC checked nearly every change stops there; unchecked, the walker meets it.
    _decodes_or_fit_error(bytes(changed), check_crc=False)
    _decodes_or_fit_error(bytes(changed), check_crc=True)


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=0, max_size=300))
def test_any_record_bytes_in_a_good_frame_give_a_fit_error_or_a_decode(records):
    _decodes_or_fit_error(wrap(records), check_crc=True)
