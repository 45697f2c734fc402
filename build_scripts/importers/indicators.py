"""Write one data package per catalogued indicator (``indicators/<slug>/``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from build_scripts.config import default_project
from build_scripts.contract import HEADLINE_TYPE, SCHEMA_URL, indicator_table
from build_scripts.formatting import usual_places
from build_scripts.importers.catalogue import Catalogue, IndicatorEntry
from build_scripts.importers.framework import SourceEntry
from build_scripts.importers.npf_database import Figure
from build_scripts.importers.write import format_number, write_csv, write_json


def producer_id(name: str) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", name.casefold()).split()
    return "-".join(words[:10])


def sort_figures(
    figures: Sequence[Figure],
    entry: IndicatorEntry,
    catalogue: Catalogue,
    group_order: dict[tuple[str, str], int],
) -> list[Figure]:
    """By measure (catalogue order), breakdown (headline first), then period."""
    measures = {m.name: i for i, m in enumerate(entry.measures)}
    types = {t.slug: i for i, t in enumerate(catalogue.breakdown_types)}

    def key(f: Figure) -> tuple[int, int, int, str, Any, Any, str]:
        return (
            measures[f.measure],
            types[f.breakdown_type],
            group_order.get((f.breakdown_type, f.breakdown_group), 0),
            f.breakdown_group,
            f.start,
            f.end,
            f.period,
        )

    return sorted(figures, key=key)


MAX_DECIMALS = 3


def display_decimals(values: Sequence[float], override: int | None = None) -> int:
    """The decimal places a measure's figures are shown with, everywhere: the catalogue's
    choice, or the places most of its figures are published with (ties: the more
    precise), at most ``MAX_DECIMALS``. One choice per measure, never per cell, so a
    column of figures lines up and a figure reads the same on every page."""
    if override is not None:
        return override
    return usual_places(values, MAX_DECIMALS)


def typical_size(figures: Sequence[Figure], measure: str) -> float | None:
    """The median size of a measure's headline figures (None without any)."""
    sizes = sorted(abs(f.value) for f in figures if f.measure == measure and f.is_headline)
    if not sizes:
        return None
    middle = len(sizes) // 2
    return sizes[middle] if len(sizes) % 2 else (sizes[middle - 1] + sizes[middle]) / 2


def _row(figure: Figure, unit: str) -> dict[str, str]:
    return {
        "measure": figure.measure,
        "period": figure.period,
        "period_start": figure.start.isoformat(),
        "period_end": figure.end.isoformat(),
        "breakdown_type": figure.breakdown_type,
        "breakdown_group": figure.breakdown_group,
        "value": format_number(figure.value),
        "unit": unit,
        "flag": figure.flag,
        "note": figure.note,
        "source": figure.source,
    }


def write_indicator(
    folder: Path,
    entry: IndicatorEntry,
    figures: list[Figure],
    file_sources: list[SourceEntry],
    producers: list[str],
    descriptions: dict[str, str],
    catalogue: Catalogue,
) -> int:
    """Write the package of one indicator; return the number of rows.

    Its descriptor holds only what is the package's own: the title, outcomes, measures,
    criteria, availability and dates are the catalogue's (``framework/``), written by
    ``write_framework`` and put back into published copies (``metadata.py``)."""
    units = {m.name: m.unit for m in entry.measures}
    order = [t.slug for t in catalogue.breakdown_types]
    others = sorted({f.breakdown_type for f in figures} - {HEADLINE_TYPE}, key=order.index)
    used_types = [HEADLINE_TYPE, *others]
    groups: list[str] = []
    for f in figures:
        if f.breakdown_group not in groups:
            groups.append(f.breakdown_group)
    table = indicator_table(
        entry.slug,
        [m.name for m in entry.measures],
        used_types if figures else [],
        groups,
        sorted(set(units.values())),
        [s.id for s in file_sources],
    )
    count = write_csv(
        folder / table.path, table.fieldnames, (_row(f, units[f.measure]) for f in figures)
    )
    sources: list[dict[str, str]] = [s.as_package_source() for s in file_sources]
    sources += [{"id": producer_id(p), "title": p, "publisher": p} for p in producers]
    headline = entry.headline
    if headline is not None:
        description = f"{headline.title}. " + (descriptions.get(headline.name, "") or "")
    else:
        description = (
            "In development: the National Performance Framework has no published figures "
            "for this indicator yet."
        )
    descriptor: dict[str, Any] = {
        "$schema": SCHEMA_URL,
        "name": entry.slug,
        "description": description.strip(),
        "licenses": [default_project().licence.descriptor()],
        "sources": sources,
        "version": "1.0.0",
        "resources": [table.resource()],
    }
    write_json(folder / "datapackage.json", descriptor)
    return count
