"""Write data packages byte for byte the same on every run.

CSV: UTF-8 without BOM, ``\\n`` line ends, minimal quoting (a row with a carriage return
in a cell quoted whole), numbers as given (the caller formats them with
``format_number``). JSON: two-space indent, keys in the order given, UTF-8 (not ``\\u``
escapes), a final newline.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any


def format_number(value: float | int | None) -> str:
    """The shortest text that reads back as the same float: 62.6 not 62.60000001."""
    if value is None:
        return ""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {value}")
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)


def write_csv(path: Path, fieldnames: Sequence[str], rows: Iterable[Mapping[str, object]]) -> int:
    """Write rows (missing keys become empty cells) and return how many were written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    names = list(fieldnames)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=names, lineterminator="\n", extrasaction="raise")
        # Minimal quoting quotes a line feed (the line end) but not a lone carriage
        # return, which a reader takes for a line end: a row holding one is quoted whole.
        quoted = csv.DictWriter(
            f, fieldnames=names, lineterminator="\n", extrasaction="raise", quoting=csv.QUOTE_ALL
        )
        writer.writeheader()
        for row in rows:
            cells = {k: "" if v is None else v for k, v in row.items()}
            has_return = any(isinstance(v, str) and "\r" in v for v in cells.values())
            (quoted if has_return else writer).writerow(cells)
            count += 1
    return count


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
