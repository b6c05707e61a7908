"""Atomic writes of published files: all or nothing, BOM-prefixed text, readable by others."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from vneid_pipeline.files import UTF8_BOM, text_with_bom, write_atomically


def leftovers(folder: Path, target: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path != target)


def test_write_atomically_writes_a_bom_prefixed_file(tmp_path):
    target = tmp_path / "hien-phap-2025" / "2025-05-16" / "province_daily.csv"
    write_atomically(target, text_with_bom(iter([b"province_code,province_name\n", "30,Tỉnh Hải Dương\n".encode()])))
    assert target.read_bytes() == UTF8_BOM + "province_code,province_name\n30,Tỉnh Hải Dương\n".encode()
    assert UTF8_BOM == b"\xef\xbb\xbf"
    assert target.read_text(encoding="utf-8-sig").splitlines()[1] == "30,Tỉnh Hải Dương"
    assert leftovers(target.parent, target) == []


def test_write_atomically_replaces_an_earlier_file(tmp_path):
    target = tmp_path / "national_daily.csv"
    target.write_bytes(b"old")
    write_atomically(target, text_with_bom([b"new\n"]))
    assert target.read_bytes() == UTF8_BOM + b"new\n"
    assert leftovers(tmp_path, target) == []


def _failing_chunks():
    yield b"first half,"
    raise RuntimeError("connection lost")


def test_failed_write_keeps_the_earlier_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "national_daily.csv"
    target.write_bytes(UTF8_BOM + b"previous publication\n")
    with pytest.raises(RuntimeError, match="connection lost"):
        write_atomically(target, text_with_bom(_failing_chunks()))
    assert target.read_bytes() == UTF8_BOM + b"previous publication\n"
    assert leftovers(tmp_path, target) == []


def test_failed_first_write_creates_nothing(tmp_path):
    target = tmp_path / "day" / "report_status.csv"
    with pytest.raises(RuntimeError):
        write_atomically(target, text_with_bom(_failing_chunks()))
    assert not target.exists()
    assert list(target.parent.iterdir()) == []


def test_published_file_is_readable_by_others_under_a_usual_umask(tmp_path):
    previous = os.umask(0o022)
    try:
        target = tmp_path / "province_daily.csv"
        write_atomically(target, text_with_bom([b"x\n"]))
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) & 0o044 == 0o044
