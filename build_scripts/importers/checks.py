"""Checks an importer runs on the figures it has read, whatever their source: figures
that look copied from another period are flagged ``suspect`` with the reason, never
silently published as fact. The decisions are explained in ``docs/importing.md``."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import replace
from typing import TypeVar

from build_scripts.contract import HEADLINE_TYPE, SUSPECT
from build_scripts.importers.model import BreakdownPair, Figure

# A breakdown of at least this many groups whose every figure equals another period's is
# almost certainly a copy: two groups can agree by chance, a whole breakdown cannot.
MIN_GROUPS = 3

Key = TypeVar("Key", bound=Hashable)


def flag_repeated_periods(figures: dict[Key, Figure]) -> list[str]:
    """Flag as ``suspect`` every figure of a breakdown whose figures for one period are
    exactly those of an earlier period that does not overlap it (rolling averages that
    share years may repeat honestly). A breakdown of cross-classified figures is one
    breakdown for each combination of their further groups. Returns a note per
    breakdown flagged."""
    periods: dict[tuple[str, str, tuple[BreakdownPair, ...]], dict[str, list[Key]]] = {}
    for key, f in figures.items():
        if f.breakdown_type != HEADLINE_TYPE:
            series = (f.measure, f.breakdown_type, f.further)
            periods.setdefault(series, {}).setdefault(f.period, []).append(key)
    notes: list[str] = []
    for (measure, breakdown_type, _), by_period_keys in periods.items():
        by_period = {p: [figures[k] for k in keys] for p, keys in by_period_keys.items()}
        keys_of = {id(figures[k]): k for keys in by_period_keys.values() for k in keys}
        ordered = sorted(by_period.values(), key=lambda fs: (fs[0].start, fs[0].end))
        for i, later in enumerate(ordered):
            values = {f.breakdown_group: f.value for f in later}
            if len(values) < MIN_GROUPS:
                continue
            for earlier in ordered[:i]:
                if earlier[0].end >= later[0].start:
                    continue
                if {f.breakdown_group: f.value for f in earlier} != values:
                    continue
                note = (
                    f"Every figure of this breakdown for {later[0].period} is exactly the "
                    f"same as for {earlier[0].period} ({len(values)} groups): probably "
                    f"copied from {earlier[0].period} in the source, so it is left out of "
                    "comparisons."
                )
                for f in later:
                    figures[keys_of[id(f)]] = replace(f, flag=SUSPECT, note=note)
                notes.append(f"{measure}, {breakdown_type} {later[0].period}: {note}")
                break
    return notes
