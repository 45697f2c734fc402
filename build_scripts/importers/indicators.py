"""What the NPF importer decides for each catalogued indicator's package: the order of
its figures, the decimal places of each measure and the typical size of its headline
(``npf.py`` makes the packages; ``writer.py`` writes them)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from build_scripts.formatting import usual_places
from build_scripts.importers.catalogue import Catalogue, IndicatorEntry
from build_scripts.importers.model import Figure


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
