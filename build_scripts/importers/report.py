"""The import report: every figure of a source that an import did not write, with why.

Nothing is dropped silently. When an importer leaves a row of its source out (a blank
figure, a repeat of a figure already read, a period it cannot read ...), it records a
``Skip``: a reason, from the one registry ``REASONS`` (a stable code, documented in
``docs/importing.md``, generated from here), and where the row is (file and row, the
header being row 1). ``npf import`` prints the counts by reason; ``--report FILE``
writes the whole list, as CSV (or JSON when the file name ends ``.json``).
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Reason:
    """Why figures are left out: a stable ``code``, what it means, and which importers
    use it."""

    code: str
    title: str
    importers: tuple[str, ...]


NPF = "npf-database"
OPEN_SDG = "open-sdg"
SGS = "statistics-gov-scot"
_REASONS = (
    Reason(
        "no-figure",
        "the row has no figure (a blank value, `NA`, or the text of a file with no data)",
        (NPF, OPEN_SDG, SGS),
    ),
    Reason(
        "repeated-figure",
        "the row repeats a figure already imported, exactly (same series, period and value)",
        (NPF, OPEN_SDG, SGS),
    ),
    Reason(
        "no-indicator",
        "the row names no indicator, so nothing says whose figure it is",
        (NPF,),
    ),
    Reason(
        "excluded-by-catalogue",
        "an impossible figure that the catalogue (`catalogue.toml`, `exclude`) leaves out",
        (NPF,),
    ),
    Reason(
        "disagreement-resolved",
        "two rows give different figures for one series and period; the catalogue "
        "(`keep`) says which is kept, and this is the other",
        (NPF,),
    ),
    Reason(
        "replaced-by-newer-release",
        "a newer release of the same figure was imported instead (the Wellbeing Economy "
        "Monitor's, or a statistics.gov.scot cube's, flagged `revised` where they differ); "
        "for a cube, the row is that of the published figure it replaced",
        (NPF, SGS),
    ),
    Reason(
        "check-only",
        "a figure read only to check a file against the data (a regional file's Scotland "
        "row), never written",
        (NPF,),
    ),
    Reason(
        "unreadable-period",
        "the period cannot be read as dates (`1974a`, `2013/16`); see `build_scripts/periods.py`",
        (OPEN_SDG,),
    ),
    Reason(
        "conflicting-figures",
        "two or more rows give different figures for one series, breakdown and period: all "
        "of them are left out, none is chosen",
        (OPEN_SDG,),
    ),
    Reason(
        "no-place-code",
        "the figure is for a place the data names with no `GeoCode`, and no other row of "
        "its file nor any boundary gives a code for that name",
        (OPEN_SDG,),
    ),
    Reason(
        "not-an-indicator",
        "the data file's name is no indicator id (`indicator_1-a-1-archived.csv`): its "
        "rows belong to no indicator of the framework",
        (OPEN_SDG,),
    ),
    Reason(
        "not-read",
        "a data file in a form the importer does not read: the wide tables of older Open "
        "SDG repositories (`data-wide/`) or a copy in another language (`data/fr/`)",
        (OPEN_SDG,),
    ),
    Reason(
        "non-statistical",
        "the indicator is non-statistical (`data_non_statistical: true`): its file holds a "
        "sentence, not figures",
        (OPEN_SDG,),
    ),
    Reason(
        "not-a-number",
        "the value is not a number (a marker such as `*`, `..` or `x` for a figure "
        "withheld or not available)",
        (NPF, OPEN_SDG, SGS),
    ),
    Reason(
        "place-not-mapped",
        "the row's `FeatureCode` is neither the framework's place (`[places] headline`) nor "
        "a place of one of the project's geographies (a health board where only council "
        "areas are mapped, a council's old code)",
        (NPF, SGS),
    ),
    Reason(
        "measurement-not-mapped",
        "the row's `Measurement` is neither the mapping's `value` nor one of its bounds "
        "(`lower`, `upper`): a count where the percentage is mapped",
        (NPF, SGS),
    ),
    Reason(
        "unit-not-mapped",
        "the row's `Units` are not among the mapping's `units`",
        (NPF, SGS),
    ),
    Reason(
        "not-selected",
        "a dimension's label the mapping does not take: not in `keep` (another age than at "
        "birth, before housing costs where only after is mapped), or not among the "
        "`measures`",
        (NPF, SGS),
    ),
    Reason(
        "group-not-listed",
        "a breakdown's group that is not in the framework's controlled lists "
        "(`breakdown-groups.csv`) and that the mapping neither renames to one (`groups`) "
        "nor adds (`new_groups`)",
        (NPF, SGS),
    ),
    Reason(
        "bound-without-figure",
        "a confidence limit (`lower` or `upper`) with no figure imported for the same place, "
        "period and groups (its figure blank, or not in the cube)",
        (NPF, SGS),
    ),
    Reason(
        "already-published",
        "the figure is already published from a release as new as the cube or newer (or "
        "of unknown date), so the published one is kept; the detail says whether they agree",
        (NPF, SGS),
    ),
)
REASONS: dict[str, Reason] = {r.code: r for r in _REASONS}


@dataclass(frozen=True)
class Skip:
    """One row of a source left out: ``row`` is the line in the file (the header is row
    1), ``None`` for a file as a whole; ``detail`` says which figure, in words."""

    reason: str
    path: str
    row: int | None
    detail: str = ""
    column: str = ""

    def __post_init__(self) -> None:
        if self.reason not in REASONS:
            raise ValueError(f"unknown reason {self.reason!r}: add it to REASONS")

    def as_row(self) -> dict[str, Any]:
        return {
            "reason": self.reason,
            "path": self.path,
            "row": "" if self.row is None else self.row,
            "column": self.column,
            "detail": self.detail,
        }


COLUMNS = ("reason", "path", "row", "column", "detail")


@dataclass
class ImportReport:
    """Every ``Skip`` of one import, in the order they were found."""

    skips: list[Skip] = field(default_factory=list)

    def add(
        self, reason: str, path: str, row: int | None, detail: str = "", column: str = ""
    ) -> None:
        self.skips.append(Skip(reason, path, row, detail, column))

    def extend(self, skips: list[Skip]) -> None:
        self.skips.extend(skips)

    def counts(self) -> dict[str, int]:
        """How many figures each reason left out, in the registry's order."""
        found = Counter(s.reason for s in self.skips)
        return {code: found[code] for code in REASONS if found[code]}

    def count(self, reason: str) -> int:
        return sum(1 for s in self.skips if s.reason == reason)

    def summary(self) -> str:
        """One line: ``left out: 348 no-figure, 5 no-indicator`` (or nothing left out)."""
        counts = self.counts()
        if not counts:
            return "left out: nothing"
        parts = ", ".join(f"{n} {code}" for code, n in counts.items())
        return f"left out: {parts} ({sum(counts.values())} in all)"

    def sorted_skips(self) -> list[Skip]:
        return sorted(
            self.skips, key=lambda s: (s.path, -1 if s.row is None else s.row, s.reason, s.detail)
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "counts": self.counts(),
            "skips": [s.as_row() for s in self.sorted_skips()],
        }

    def write(self, path: Path) -> None:
        """The whole list: JSON when ``path`` ends ``.json``, else CSV (``COLUMNS``)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix.casefold() == ".json":
            text = json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"
            path.write_text(text, encoding="utf-8")
            return
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(s.as_row() for s in self.sorted_skips())


def markdown() -> str:
    """The reasons as a Markdown table, for ``docs/importing.md``."""
    lines = ["| reason | what was left out | importers |", "|---|---|---|"]
    lines += [
        f"| `{r.code}` | {r.title} | {', '.join(f'`{i}`' for i in r.importers)} |" for r in _REASONS
    ]
    return "\n".join(lines)
