"""The one reproducible zip writer (``zips``) of the data package zips and the workbooks."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from build_scripts.zips import MODE, ZIP_TIME, rezip, write_zip, zip_bytes

ENTRIES = [("b/data.csv", b"a,b\n1,2\n"), ("a/datapackage.json", b"{}"), ("c.txt", b"x" * 500)]


def test_the_same_entries_in_any_order_give_the_same_bytes() -> None:
    assert zip_bytes(ENTRIES) == zip_bytes(list(reversed(ENTRIES)))


def test_entries_are_sorted_with_fixed_times_and_permissions() -> None:
    with zipfile.ZipFile(io.BytesIO(zip_bytes(ENTRIES))) as zf:
        infos = zf.infolist()
        assert [i.filename for i in infos] == ["a/datapackage.json", "b/data.csv", "c.txt"]
        for info in infos:
            assert info.date_time == ZIP_TIME
            assert info.external_attr >> 16 == MODE
            assert info.create_system == 3
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert zf.read(info) == dict(ENTRIES)[info.filename]


def test_files_on_disk_zip_as_their_bytes(tmp_path: Path) -> None:
    files = []
    for name, content in ENTRIES:
        path = tmp_path / "in" / name.replace("/", "_")
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(content)
        files.append((name, path))
    target = tmp_path / "out" / "x.zip"
    write_zip(target, files)
    assert target.read_bytes() == zip_bytes(ENTRIES)


def test_the_clock_does_not_reach_the_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time, "time", lambda: 1_000_000_000.0)
    early = zip_bytes(ENTRIES)
    monkeypatch.setattr(time, "time", lambda: 2_000_000_000.0)
    assert zip_bytes(ENTRIES) == early


def test_rezip_makes_another_writer_s_zip_reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    def stamped(now: float) -> bytes:
        monkeypatch.setattr(time, "time", lambda: now)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as zf:
            for name, content in ENTRIES:
                zf.writestr(name, content)  # stamped with the clock's time
        return out.getvalue()

    early, late = stamped(1_000_000_000.0), stamped(2_000_000_000.0)
    assert early != late
    assert rezip(early) == rezip(late) == zip_bytes(ENTRIES)
    upper = rezip(early, lambda name, content: content.upper() if name == "c.txt" else content)
    with zipfile.ZipFile(io.BytesIO(upper)) as zf:
        assert zf.read("c.txt") == b"X" * 500
        assert zf.read("b/data.csv") == b"a,b\n1,2\n"
