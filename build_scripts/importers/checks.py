"""Checks an importer runs on the figures it has read, whatever their source: figures
that look copied from another period are flagged ``suspect`` with the reason, never
silently published as fact. The decisions are explained in ``docs/importing.md``."""

from __future__ import annotations

from dataclasses import replace

from build_scripts.contract import HEADLINE_TYPE, SUSPECT
from build_scripts.importers.npf_database import Figure

# A breakdown of at least this many groups whose every figure equals another period's is
# almost certainly a copy: two groups can agree by chance, a whole breakdown cannot.
MIN_GROUPS = 3

FigureKey = tuple[str, str, str, str]


def flag_repeated_periods(figures: dict[FigureKey, Figure]) -> list[str]:
    """Flag as ``suspect`` every figure of a breakdown whose figures for one period are
    exactly those of an earlier period that does not overlap it (rolling averages that
    share years may repeat honestly). Returns a note per breakdown flagged."""
    periods: dict[tuple[str, str], dict[str, list[Figure]]] = {}
    for f in figures.values():
        if f.breakdown_type != HEADLINE_TYPE:
            periods.setdefault((f.measure, f.breakdown_type), {}).setdefault(f.period, []).append(f)
    notes: list[str] = []
    for (measure, breakdown_type), by_period in periods.items():
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
                    figures[f.key] = replace(f, flag=SUSPECT, note=note)
                notes.append(f"{measure}, {breakdown_type} {later[0].period}: {note}")
                break
    return notes
