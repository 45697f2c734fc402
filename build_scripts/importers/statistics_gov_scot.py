"""The ``statistics-gov-scot`` importer: an indicator's figures straight from the tidy
cubes of statistics.gov.scot, added to the data already published.

It reads the data tree (``--data``, by default the current ``--out``: the project's
``datapackages/``) into the model (``tree.read_tree``), reads each cube the mapping file
names (``cube_mapping``: ``statistics-gov-scot.toml`` in the source folder, or
``--mapping``) through its mapping (``cube.read_cube``), and adds their figures
(``overlay``): new figures are added, older releases' figures replaced (``revised``
where they differ), newer ones kept, and every comparison counted. The one writer then
writes the whole tree, and the framework and every package changed are validated before
the new tree replaces the old one. ``docs/statistics-gov-scot.md`` has the mapping's
keys and a worked example.

``apply_cubes`` is the part after reading the base: the ``npf-database`` importer uses it
too, with the NPF's own mapping (``npf-cubes.toml``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from build_scripts.config import Project
from build_scripts.errors import NpfError
from build_scripts.importers.cube import CubeRead, Lists, read_cube
from build_scripts.importers.cube_mapping import (
    MAPPING_FILE,
    CubeMapping,
    check_mapping,
    geographies_of,
    load_mapping,
)
from build_scripts.importers.model import Imported
from build_scripts.importers.overlay import Comparison, CubeOutcome, Overlay, overlay
from build_scripts.importers.registry import ImportOptions, ImportResult
from build_scripts.importers.report import ImportReport, Skip
from build_scripts.importers.tree import FRAMEWORK, INDICATORS, read_tree


@dataclass
class CubeSummary:
    """What one import of cubes did, printed by ``npf import``."""

    base: str
    outcomes: list[CubeOutcome] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    added_groups: list[str] = field(default_factory=list)
    report: ImportReport = field(default_factory=ImportReport)

    @property
    def agreements(self) -> int:
        return sum(1 for c in self.comparisons if c.agrees)

    @property
    def disagreements(self) -> list[Comparison]:
        return [c for c in self.comparisons if not c.agrees]

    def lines(self) -> list[str]:
        """A line per cube, the comparisons, the groups added (no report line)."""
        out = []
        for o in self.outcomes:
            out.append(
                f"{o.file} -> {o.indicator}: {o.figures} figures read from {o.rows} rows "
                f"({o.bounds} bounds): {o.added} added, {o.replaced} replaced "
                f"({o.revised} revised), {o.kept} already published and kept"
            )
            if o.older:
                out.append(
                    f"  note: its latest period ends {o.latest}, the published figures of "
                    f"{o.indicator} run to {o.published_latest}: is it an older release?"
                )
        if self.comparisons:
            out.append(
                f"compared with the published figures: {self.agreements} agree, "
                f"{len(self.disagreements)} differ"
            )
        out += [f"  differs: {c}" for c in self.disagreements]
        out += [f"added to the controlled lists: {g}" for g in self.added_groups]
        return out

    def __str__(self) -> str:
        return "\n".join(
            [f"statistics-gov-scot: added to {self.base}", *self.lines(), self.report.summary()]
        )


def read(source: Path, project: Project, options: ImportOptions) -> ImportResult:
    """The registry's entry point (``npf import --from statistics-gov-scot``)."""
    mapping = load_mapping(options.mapping or source / MAPPING_FILE)
    if options.data is None:
        raise NpfError("statistics-gov-scot adds figures to a data tree: pass --data DIR")
    imported = read_tree(options.data, project)
    summary = CubeSummary(str(options.data))
    done = apply_cubes(imported, mapping, source, project, summary)
    checks = (FRAMEWORK, *(f"{INDICATORS}/{slug}" for slug in done.touched))
    return ImportResult(imported, summary.report, summary, validate=checks)


def apply_cubes(
    imported: Imported,
    mapping: CubeMapping,
    source: Path,
    project: Project,
    summary: CubeSummary,
) -> Overlay:
    """Read every cube of ``mapping`` (files relative to ``source``) and add its figures
    to ``imported``; the summary gets the outcomes and the report every row left out."""
    check_mapping(mapping, imported)
    geographies = geographies_of(mapping, project)
    lists = Lists.of(imported, geographies, mapping.headline)
    reads = [read_cube(cube, source, lists) for cube in mapping.cubes]
    done = overlay(imported, reads, geographies)
    summary.outcomes += done.outcomes
    summary.comparisons += done.comparisons
    summary.added_groups += done.added_groups
    summary.report.extend(accounted(reads, done))
    return done


def accounted(reads: Sequence[CubeRead], done: Overlay) -> list[Skip]:
    """The report's lines: each cube row not written, once (a file two cubes read is
    left out only where neither wrote the row, with the first one's reason), and the
    published figures replaced."""
    files = {r.path for r in reads}
    seen: set[tuple[str, int | None]] = set()
    out = []
    for skip in done.skips:
        where = (skip.path, skip.row)
        if skip.path in files and skip.row is not None:
            if where in done.written or where in seen:
                continue
            seen.add(where)
        out.append(skip)
    return out
