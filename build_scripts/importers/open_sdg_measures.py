"""An Open SDG indicator's measures and units, as the framework's records.

Part of mapping a repository into the model (``open_sdg_model.py``). A measure is one
combination of series and units of a data file (``open_sdg_figures.MeasureKey``); here
it gets its slug and title (``measure_names``), its record, the headline among them
(``headline``), and its unit a record that says whether it is a percentage
(``unit_record``). The figures of an indicator are ordered by measure (``sort_key``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from build_scripts.contract import HEADLINE_TYPE
from build_scripts.formatting import usual_places
from build_scripts.importers.model import Figure, MeasureRecord, UnitRecord
from build_scripts.importers.open_sdg_data import slug
from build_scripts.importers.open_sdg_figures import MeasureKey, unit_text
from build_scripts.importers.open_sdg_repository import Indicator

NO_DIRECTION = "no preferred direction"
PERCENT = re.compile(r"%|\bper ?cent|\bpercentage\b", re.IGNORECASE)


def measure_names(
    ind: Indicator, keys: list[MeasureKey], title: str
) -> dict[MeasureKey, tuple[str, str]]:
    """Each measure's slug and title: its series (or, with none, the graph's title or the
    indicator's), with the length of its periods where the file's periods of different
    lengths overlap (``by_span``), and its unit where two measures would otherwise share
    a title."""
    spans = ind.found.spans
    base = {}
    for k in keys:
        folded = k[4:-1] if k in spans else k[4:]
        text = ", ".join(v for v in (k[0], *folded) if v) or ind.meta.text("graph_title") or title
        base[k] = f"{text} ({spans[k]})" if k in spans else text
    fallback = ind.meta.text("computation_units") if len(keys) == 1 else ""
    shared = {b for b in base.values() if list(base.values()).count(b) > 1}
    out: dict[MeasureKey, tuple[str, str]] = {}
    used: set[str] = set()
    for key in keys:
        text = base[key]
        if text in shared:
            text = f"{text} ({unit_text(key, fallback) or 'no unit'})"
        name, n = slug(text), 2
        while name in used:
            name, n = f"{slug(text, 56)}-{n}", n + 1
        used.add(name)
        out[key] = (name, text)
    return out


def sort_key(measures: list[str]) -> Callable[[Figure], tuple[Any, ...]]:
    """Figures by measure (in order), the headline first, then by breakdowns and period."""
    rank = {name: i for i, name in enumerate(measures)}

    def key(f: Figure) -> tuple[Any, ...]:
        return (
            rank.get(f.measure, len(rank)),
            len(f.further),
            f.breakdown_type != HEADLINE_TYPE,
            f.breakdowns,
            f.start,
            f.end,
            f.period,
        )

    return key


def headline(
    keys: list[MeasureKey], names: dict[MeasureKey, tuple[str, str]], figures: list[Figure]
) -> str:
    """The headline measure: the first with figures for the whole (no breakdown), else
    the first."""
    with_total = {f.measure for f in figures if f.is_headline}
    ordered = [names[k][0] for k in keys]
    return next((n for n in ordered if n in with_total), ordered[0] if ordered else "")


def measure_records(
    ind: Indicator,
    names: dict[MeasureKey, tuple[str, str]],
    unit_of: dict[MeasureKey, str],
    figures: list[Figure],
) -> list[MeasureRecord]:
    """The records of an indicator's measures, the headline marked, each with the usual
    decimal places of its figures."""
    keys = ind.found.measures
    main = headline(keys, names, figures)
    return [
        MeasureRecord(
            ind.id,
            name,
            mtitle,
            ind.meta.text("graph_title") if len(keys) == 1 else "",
            unit_of[key],
            NO_DIRECTION,
            name == main,
            usual_places([f.value for f in figures if f.measure == name], 3),
        )
        for key, (name, mtitle) in names.items()
    ]


def unit_record(unit: str, text: str, values: list[float]) -> UnitRecord:
    """A unit's record: a percentage is a unit that says so and whose figures all lie
    between 0 and 100 (a growth rate in % may not); its figures read ``62.5%``."""
    percentage = bool(PERCENT.search(text)) and all(0 <= v <= 100 for v in values)
    if percentage and re.fullmatch(r"(percentage|per ?cent)?\s*\(?%\)?", text.strip(), re.I):
        return UnitRecord(unit, "%", "percentage points", True)
    if percentage:
        return UnitRecord(unit, text, "percentage points", True)
    return UnitRecord(unit, text, text, False)
