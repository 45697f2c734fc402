"""Reproducible zips, the one writer of the site's zips and Excel workbooks (an ``.xlsx``
is a zip): the same entries give the same bytes on any machine, at any time.

Entries are sorted by name, and every entry has the same fixed time, permissions
(``0644``), creating system (Unix) and compression, so nothing of the machine, the clock
or the order files were found in reaches the bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

# The earliest time a zip can hold; any fixed value makes the bytes reproducible.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
MODE = 0o644
UNIX = 3  # ZipInfo.create_system: what zipfile writes on Linux and macOS, 0 on Windows

Content = bytes | Path
"""An entry's bytes, or the file on disk that holds them (read when written)."""


def entry_info(name: str) -> zipfile.ZipInfo:
    """The header of an entry called ``name``: the same fields whatever made it."""
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = MODE << 16
    info.create_system = UNIX
    return info


def write_zip(target: Path | BinaryIO, entries: Iterable[tuple[str, Content]]) -> None:
    """Write a reproducible zip of ``(name in archive, content)`` pairs to ``target``."""
    if isinstance(target, Path):
        target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, content in sorted(entries, key=lambda entry: entry[0]):
            data = content.read_bytes() if isinstance(content, Path) else content
            zf.writestr(entry_info(name), data)


def zip_bytes(entries: Iterable[tuple[str, Content]]) -> bytes:
    """The bytes of a reproducible zip of ``entries``."""
    out = io.BytesIO()
    write_zip(out, entries)
    return out.getvalue()


def _same(name: str, content: bytes) -> bytes:
    return content


def rezip(data: bytes, fix: Callable[[str, bytes], bytes] = _same) -> bytes:
    """``data`` (a zip made by another writer, openpyxl's say) rewritten reproducibly;
    ``fix(name, content)`` gives each entry's content (to remove a stamp in it)."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        entries = [(name, fix(name, src.read(name))) for name in src.namelist()]
    return zip_bytes(entries)
