"""Import the Equality Evidence Finder (March 2021) into one data package per dataset.

The source is ``equality-evidence-finder-2021/equality-evidence.csv`` under the
source-data root: 14,175 rows, one dataset per ``tabUID``. Each dataset becomes
``<out_dir>/<slug>/datapackage.json`` and ``<out_dir>/<slug>/<slug>.csv``. Every decision
about the source's quirks is explained in ``docs/equality-evidence.md``.

The import, one step after another: the source read as text
(``equality_evidence_source.py``), what each row says derived for every row at once
(``equality_evidence_rows.py``: figure, period, unit, tidy columns, repeats), the rows
split by dataset (``equality_evidence_datasets.py``) with the problems and the rows left
out located (``equality_evidence_report.py``), each dataset mapped into a package
(``equality_evidence_packages.py``, its characteristic by
``equality_evidence_characteristics.py``), and the packages written (here, or by the one
writer when ``npf import`` runs: ``read_equality_evidence``). Every problem keeps the
file, row and column it was found at, and any problem stops the import with all of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from build_scripts.contract import EVIDENCE_COLUMNS
from build_scripts.errors import NpfError
from build_scripts.importers.equality_evidence_datasets import read_datasets
from build_scripts.importers.equality_evidence_packages import (
    Package,
    assign_slugs,
    build_package,
)
from build_scripts.importers.equality_evidence_source import SOURCE_FILE
from build_scripts.importers.model import EvidencePackage
from build_scripts.importers.report import Skip
from build_scripts.importers.write import write_csv, write_json
from build_scripts.output import replace_dir
from build_scripts.problems import Problem


@dataclass
class EvidenceSummary:
    """What one import did, for the command line and the tests."""

    packages: int = 0
    rows_read: int = 0
    rows_written: int = 0
    rows_without_figure: int = 0
    duplicate_rows: int = 0
    periods_from_year: int = 0
    characteristics_inferred: int = 0
    policy_areas_missing: int = 0
    by_characteristic: dict[str, int] = field(default_factory=dict)

    def count(self, pkg: Package) -> None:
        """Count one package written."""
        self.packages += 1
        self.rows_written += len(pkg.rows)
        self.rows_without_figure += pkg.rows_without_figure
        self.duplicate_rows += pkg.duplicate_rows
        self.periods_from_year += pkg.periods_from_year
        self.characteristics_inferred += int(pkg.characteristic_inferred)
        self.policy_areas_missing += int(pkg.policy_area is None)
        char = pkg.characteristic
        self.by_characteristic[char] = self.by_characteristic.get(char, 0) + 1

    def __str__(self) -> str:
        chars = ", ".join(f"{k} {v}" for k, v in sorted(self.by_characteristic.items()))
        return (
            f"equality evidence: {self.packages} packages, {self.rows_written} rows written "
            f"of {self.rows_read} read ({self.rows_without_figure} without a figure dropped, "
            f"{self.duplicate_rows} exact duplicates dropped, {self.periods_from_year} periods "
            f"taken from Year); {self.characteristics_inferred} characteristics decided from "
            f"titles, {self.policy_areas_missing} datasets without a policy area; by "
            f"characteristic: {chars}"
        )


def import_equality_evidence(source: Path, out_dir: Path) -> EvidenceSummary:
    """Write one data package per Equality Evidence Finder dataset into ``out_dir``.

    ``source`` is the source-data root. ``out_dir`` is replaced as a whole only when every
    dataset imported cleanly; otherwise an ``NpfError`` lists every problem found.
    """
    packages, summary, _ = read_equality_evidence(source)
    with replace_dir(Path(out_dir)) as work:
        for pkg in packages:
            folder = work / pkg.slug
            write_json(folder / "datapackage.json", pkg.descriptor)
            write_csv(folder / f"{pkg.slug}.csv", pkg.columns, pkg.rows)
    return summary


def read_equality_evidence(
    source: Path,
) -> tuple[list[EvidencePackage], EvidenceSummary, list[Skip]]:
    """One package per Equality Evidence Finder dataset, what the import did, and the
    rows it left out; an ``NpfError`` lists every problem found."""
    path = Path(source) / SOURCE_FILE
    display = str(SOURCE_FILE)
    datasets, rows_read = read_datasets(path, display)
    slugs = assign_slugs(datasets, display)
    summary = EvidenceSummary(rows_read=rows_read)
    problems: list[Problem] = []
    packages = []
    skips: list[Skip] = []
    for ds in datasets:
        built = build_package(ds, slugs[ds.tab_uid], display, problems)
        if built is not None:
            packages.append(built)
            skips += ds.skips
    if problems:
        raise NpfError(
            f"{display}: {len(problems)} problems; nothing was written", sorted(problems)
        )
    for pkg in packages:
        summary.count(pkg)
    evidence = [
        EvidencePackage(pkg.slug, pkg.descriptor, EVIDENCE_COLUMNS, pkg.rows) for pkg in packages
    ]
    return evidence, summary, skips
