"""A small synthetic project to release, and the edits that make a second release
differ from the first (tests of ``build_scripts.release`` and of the built site)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from build_scripts.config import CONFIG_FILE
from build_scripts.contract import HEADLINE_TYPE
from build_scripts.importers.write import format_number, write_csv
from build_scripts.periods import parse_period
from tests.synthetic import Size, write_packages

ROOT = Path(__file__).resolve().parents[1]
CHANGED = "indicator-3"  # judged by "last-two" (threshold 1), calendar years to 2022
SIZE = Size(indicators=3, outcomes=2, areas=2)


def make_project(folder: Path) -> Path:
    """A project folder: the repository's npf.toml and pages, synthetic data in
    ``data/``, and its own output, caches, releases and ``dist/``."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (ROOT / CONFIG_FILE).read_text(encoding="utf-8")
    paths = (
        f'[paths]\ndata = "data"\npages = "{ROOT / "site_src"}"\n'
        'output = "site"\ncache = "cache"\nwork = "work"\n'
    )
    text = re.sub(r'(boundaries = ")(?!/)', rf"\g<1>{ROOT}/", text)
    (folder / CONFIG_FILE).write_text(re.sub(r"\[paths\].*", paths, text, flags=re.S))
    write_packages(folder / "data", SIZE)
    return folder


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def add_figure(data: Path, slug: str = CHANGED, up: bool = True) -> str:
    """Add a headline figure for the year after the latest, 3 above (or below) the
    latest figure: a new period, and under "last-two" a changed status. Returns the
    new period."""
    path = data / "indicators" / slug / f"{slug}.csv"
    fields, rows = _rows(path)
    headline = [
        r
        for r in rows
        if r["breakdown_type"] == HEADLINE_TYPE
        and not r["breakdown_type_2"]
        and r["measure"] == "measure-1"
    ]
    latest = max(headline, key=lambda r: r["period_end"])
    period = str(int(latest["period"]) + 1)
    span = parse_period(period)
    value = float(latest["value"]) + (3 if up else -3)
    new = latest | {
        "period": period,
        "period_start": span.start.isoformat(),
        "period_end": span.end.isoformat(),
        "value": format_number(round(value, 1)),
        "flag": "",
    }
    write_csv(path, fields, [*rows, new])
    return period
