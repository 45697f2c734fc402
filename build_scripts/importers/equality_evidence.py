"""Import the Equality Evidence Finder (March 2021) into one data package per dataset.

The source is ``equality-evidence-finder-2021/equality-evidence.csv`` under the
source-data root: 14,175 rows, one dataset per ``tabUID``. Each dataset becomes
``<out_dir>/<slug>/datapackage.json`` and ``<out_dir>/<slug>/<slug>.csv``. Every decision
about the source's quirks is explained in ``docs/equality-evidence.md``.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_scripts.contract import EVIDENCE_COLUMNS, EVIDENCE_KEY_CANDIDATES, evidence_table
from build_scripts.errors import NpfError
from build_scripts.importers.write import format_number, write_csv, write_json
from build_scripts.output import replace_dir
from build_scripts.periods import PeriodError, parse_period
from build_scripts.problems import Problem

SOURCE_FILE = Path("equality-evidence-finder-2021") / "equality-evidence.csv"
SOURCE_ID = "equality-evidence-finder-2021"
SCHEMA_URL = "https://datapackage.org/profiles/2.0/datapackage.json"

LICENSE = {
    "name": "OGL-UK-3.0",
    "title": "Open Government Licence v3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}

# The source's Characteristic column -> our characteristic slug (docs/data-format.md).
CHARACTERISTICS = {
    "Age": "age",
    "Gender": "sex",
    "Disability": "disability",
    "Ethnicity": "ethnicity",
    "Religion": "religion",
    "Sexual Orientation": "sexual-orientation",
    "Transgender": "transgender",
    "Socio-Economic Status": "socio-economic",
}

# Datasets whose Characteristic column is blank on every row. Each is decided by its
# published title, quoted here; a new blank dataset stops the import until it is added.
CHARACTERISTIC_OVERRIDES: dict[str, tuple[str, str]] = {
    "busEnt-3": ("age", "% of adults in employment who are self-employed, by age"),
    "labSoc-6": ("age", "% of adults in employment who are self-employed, by age"),
    "busEnt-9": ("sex", "% of adults in employment who are self-employed, by gender"),
    "labSoc-9": ("sex", "% of adults in employment who are self-employed, by gender"),
    "incPov-5": ("age", "Proportion of people in relative poverty, by age"),
    "age-12": ("age", "Proportion of people in relative poverty, by age"),
    "incPov-7": ("sex", "Gender pay gap for median hourly earnings"),
    "gender-91": ("sex", "Gender pay gap for median hourly earnings"),
    "labSoc-10": ("sex", "Gender pay gap for median hourly earnings"),
    "labSoc-1": ("age", "Proportion of adults employed, by age group"),
    "age-61": ("age", "Proportion of adults employed, by age group"),
}

# Values of the Characteristic column that mark a dataset's total rows, not a
# characteristic (socioEconomic-52 labels its Total rows "Total").
TOTAL_CHARACTERISTICS = {"Total"}

# The columns, their types and the primary key candidates live in contract.py.


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


@dataclass(frozen=True)
class SourceRow:
    """One row of the source file. ``line`` is its first line in the file (header = 1)."""

    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column) or ""


@dataclass
class Dataset:
    tab_uid: str
    rows: list[SourceRow] = field(default_factory=list)


def clean(text: str) -> str:
    """Collapse runs of whitespace (the source has newlines and double spaces in labels)."""
    return " ".join(text.split())


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by ``-``; camelCase and letter/digit boundaries split.

    ``disability-1`` -> ``disability-1``, ``socioEconomic-51`` -> ``socio-economic-51``,
    ``JAS34`` -> ``jas-34``, ``TravAge-1a`` -> ``trav-age-1a``.
    """
    s = re.sub(r"([a-z])([A-Z])", r"\1-\2", text)
    s = re.sub(r"([A-Za-z]{2,})(\d)", r"\1-\2", s)
    s = re.sub(r"[^a-z0-9]+", "-", s.lower())
    return s.strip("-")


def read_datasets(path: Path) -> tuple[list[Dataset], int]:
    """The source's datasets in order of first appearance, and the number of rows read."""
    if not path.is_file():
        raise NpfError(f"{path}: equality evidence file not found")
    datasets: dict[str, Dataset] = {}
    count = 0
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None:
            raise NpfError(f"{path}: the file is empty")
        header = [h.strip() for h in header]
        missing = [c for c in ("tabUID", "Figure", "Breakdown", "Measure") if c not in header]
        if missing:
            raise NpfError(f"{path}:1: missing columns {', '.join(missing)}")
        start = reader.line_num + 1
        for cells in reader:
            row = SourceRow(start, dict(zip(header, cells, strict=False)))
            start = reader.line_num + 1
            count += 1
            uid = row.get("tabUID").strip()
            datasets.setdefault(uid, Dataset(uid)).rows.append(row)
    return list(datasets.values()), count


def assign_slugs(datasets: Iterable[Dataset], path: str) -> dict[str, str]:
    slugs: dict[str, str] = {}
    seen: dict[str, str] = {}
    problems: list[Problem] = []
    for ds in datasets:
        slug = slugify(ds.tab_uid)
        line = ds.rows[0].line
        if not slug:
            problems.append(Problem(path, line, "tabUID", f"cannot make a slug of {ds.tab_uid!r}"))
        elif slug in seen:
            problems.append(
                Problem(
                    path,
                    line,
                    "tabUID",
                    f"{ds.tab_uid!r} and {seen[slug]!r} both give the slug {slug!r}",
                )
            )
        seen[slug] = ds.tab_uid
        slugs[ds.tab_uid] = slug
    if problems:
        raise NpfError("equality evidence: dataset ids clash", problems)
    return slugs


def import_equality_evidence(source: Path, out_dir: Path) -> EvidenceSummary:
    """Write one data package per Equality Evidence Finder dataset into ``out_dir``.

    ``source`` is the source-data root. ``out_dir`` is replaced as a whole only when every
    dataset imported cleanly; otherwise an ``NpfError`` lists every problem found.
    """
    path = Path(source) / SOURCE_FILE
    display = str(SOURCE_FILE)
    datasets, rows_read = read_datasets(path)
    slugs = assign_slugs(datasets, display)
    summary = EvidenceSummary(rows_read=rows_read)
    problems: list[Problem] = []
    packages = []
    for ds in datasets:
        built = build_package(ds, slugs[ds.tab_uid], display, problems)
        if built is not None:
            packages.append(built)
    if problems:
        raise NpfError(
            f"{display}: {len(problems)} problems; nothing was written", sorted(problems)
        )
    with replace_dir(Path(out_dir)) as work:
        for pkg in packages:
            folder = work / pkg.slug
            write_json(folder / "datapackage.json", pkg.descriptor)
            write_csv(folder / f"{pkg.slug}.csv", EVIDENCE_COLUMNS, pkg.rows)
            summary.packages += 1
            summary.rows_written += len(pkg.rows)
            summary.rows_without_figure += pkg.rows_without_figure
            summary.duplicate_rows += pkg.duplicate_rows
            summary.periods_from_year += pkg.periods_from_year
            summary.characteristics_inferred += int(pkg.characteristic_inferred)
            summary.policy_areas_missing += int(pkg.policy_area is None)
            char = pkg.characteristic
            summary.by_characteristic[char] = summary.by_characteristic.get(char, 0) + 1
    return summary


def parse_figure(text: str) -> float | None:
    """The figure as a float, ``None`` when blank; ``ValueError`` when not a number."""
    s = text.strip()
    if not s:
        return None
    value = float(s)
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {s!r}")
    return value


# Split years ("2015/16") that the source marks only as "Year" but that are academic
# years: entrants to and qualifiers from higher and further education (HESA, SFC).
ACADEMIC_YEAR_DATASETS = {
    "empSLL-2",
    "age-73",
    "empSLL-3",
    "ethnicity-73",
    "empSLL-5",
    "socioEconomic-73",
    "empSLL-6",
    "empSLL-7",
    "empSLL-8",
    "empSLL-9",
    "empSLL-10",
    "empSLL-11",
    "empSLL-12",
    "empSLL-13",
    "empSLL-14",
}


def is_period(text: str) -> bool:
    try:
        parse_period(clean(text))
    except PeriodError:
        return False
    return True


def is_transposed(ds: Dataset) -> bool:
    """True when every Breakdown is a period (``2015/16``): the source's columns are then
    shifted, Breakdown holding the period, Measure the group and Indicator the measure."""
    return all(is_period(r.get("Breakdown")) for r in ds.rows)


def interval_of(ds: Dataset, row: SourceRow) -> str | None:
    if ds.tab_uid in ACADEMIC_YEAR_DATASETS:
        return "Academic"
    return clean(row.get("intervalType")) or None


def period_of(
    row: SourceRow, interval: str | None, transposed: bool = False
) -> tuple[str, str, str, str]:
    """(period as published, start, end, the column it came from). Raises ``PeriodError``."""
    for column in ("Breakdown",) if transposed else ("DateCode", "Year"):
        label = clean(row.get(column))
        if label:
            period = parse_period(label, interval)
            return label, period.start.isoformat(), period.end.isoformat(), column
    raise PeriodError("both DateCode and Year are blank")


def tidy_row(
    row: SourceRow, value: float, interval: str | None, transposed: bool = False
) -> tuple[dict[str, Any], str]:
    """The tidy row and the column its period came from."""
    label, start, end, column = period_of(row, interval, transposed)
    measure, indicator, breakdown = (
        clean(row.get("Measure")),
        clean(row.get("Indicator")),
        clean(row.get("Breakdown")),
    )
    if transposed:
        measure, indicator, breakdown = indicator or measure, "", measure
    tidy = {
        "measure": measure,
        "indicator": indicator,
        "period": label,
        "period_start": start,
        "period_end": end,
        "breakdown": breakdown,
        "sub_breakdown": clean(row.get("SubBreakdown")),
        "value": format_number(value),
        "unit": unit_of(row),
    }
    return tidy, column


UNIT_RULES: list[tuple[str, str]] = [
    (r"£", "gbp"),
    (r"\bratio\b", "ratio"),
    (r"%|\bper ?cent|\bpercentage|\bproportion|\brate\b", "percent"),
    (r"^number\b|\bnumber of\b|\bheadcount\b|\(fte\)", "count"),
]


def unit_of(row: SourceRow) -> str:
    """A unit slug read from the first of yLabel, Measure, Indicator, graphTitle whose
    words name one (``UNIT_RULES``); empty when none does. We never guess beyond that."""
    for column in ("yLabel", "Measure", "Indicator", "graphTitle"):
        text = clean(row.get(column)).lower()
        for pattern, unit in UNIT_RULES:
            if re.search(pattern, text):
                return unit
    return ""


# Policy areas for datasets published without one, from the tabUID prefix, only where
# every dataset of that prefix that has a policy area has this one.
POLICY_AREA_BY_PREFIX = {
    "busEnt": "Business, Enterprise and Tourism",
    "culCom": "Culture, Communities and Society",
    "incPov": "Income and Poverty",
    "JAS": "Crime and Justice",
    "ruralenv": "Rural and Environment",
}


@dataclass
class Package:
    slug: str
    descriptor: dict[str, Any]
    rows: list[dict[str, Any]]
    characteristic: str
    characteristic_inferred: bool
    policy_area: str | None
    rows_without_figure: int = 0
    duplicate_rows: int = 0
    periods_from_year: int = 0


def uid_prefix(tab_uid: str) -> str:
    return re.sub(r"-?\d+[a-z]?$", "", tab_uid)


def dataset_characteristic(ds: Dataset, path: str, problems: list[Problem]) -> tuple[str, bool]:
    """(characteristic slug, decided from the title rather than the Characteristic column)."""
    published = {
        clean(r.get("Characteristic"))
        for r in ds.rows
        if clean(r.get("Characteristic")) not in TOTAL_CHARACTERISTICS
    } - {""}
    line = ds.rows[0].line
    override = CHARACTERISTIC_OVERRIDES.get(ds.tab_uid)
    if override and published:
        problems.append(
            Problem(
                path,
                line,
                "Characteristic",
                f"{ds.tab_uid}: published as "
                f"{sorted(published)}; remove it from CHARACTERISTIC_OVERRIDES",
            )
        )
    if override:
        return override[0], True
    if len(published) != 1:
        what = "blank" if not published else f"several values {sorted(published)}"
        problems.append(
            Problem(
                path,
                line,
                "Characteristic",
                f"dataset {ds.tab_uid}: characteristic is "
                f"{what}; add it to CHARACTERISTIC_OVERRIDES with the title that decides it",
            )
        )
        return "", False
    (name,) = published
    slug = CHARACTERISTICS.get(name)
    if slug is None:
        problems.append(
            Problem(
                path,
                line,
                "Characteristic",
                f"dataset {ds.tab_uid}: unknown "
                f"characteristic {name!r}; known: {', '.join(CHARACTERISTICS)}",
            )
        )
        return "", False
    return slug, False


def one_value(ds: Dataset, column: str, path: str, problems: list[Problem]) -> str:
    """The value a column takes on every row of the dataset (blank allowed)."""
    values = list(dict.fromkeys(clean(r.get(column)) for r in ds.rows))
    if len(values) > 1:
        problems.append(
            Problem(
                path,
                ds.rows[0].line,
                column,
                f"dataset {ds.tab_uid}: expected one value, found {values}",
            )
        )
    return values[0]


def build_package(ds: Dataset, slug: str, path: str, problems: list[Problem]) -> Package | None:
    """The package of one dataset, or ``None`` with ``problems`` extended."""
    before = len(problems)
    characteristic, inferred = dataset_characteristic(ds, path, problems)
    policy_area = one_value(ds, "policy_area", path, problems) or None
    policy_inferred = False
    if policy_area is None and uid_prefix(ds.tab_uid) in POLICY_AREA_BY_PREFIX:
        policy_area = POLICY_AREA_BY_PREFIX[uid_prefix(ds.tab_uid)]
        policy_inferred = True
    last_updated = one_value(ds, "LastUpdated", path, problems)
    next_update = one_value(ds, "NextUpdated", path, problems)
    producer = one_value(ds, "Source", path, problems)

    rows: list[dict[str, Any]] = []
    without_figure = from_year = 0
    transposed = is_transposed(ds)
    measures: dict[tuple[str, str], dict[str, str]] = {}
    for r in ds.rows:
        try:
            value = parse_figure(r.get("Figure"))
        except ValueError as e:
            problems.append(Problem(path, r.line, "Figure", f"not a number: {e}"))
            continue
        if value is None:
            without_figure += 1
            continue
        try:
            tidy, column = tidy_row(r, value, interval_of(ds, r), transposed)
        except PeriodError as e:
            column = "Breakdown" if transposed else "DateCode" if r.get("DateCode") else "Year"
            problems.append(
                Problem(
                    path, r.line, column, f"{e} (intervalType {clean(r.get('intervalType'))!r})"
                )
            )
            continue
        rows.append(tidy)
        measures.setdefault(
            (tidy["measure"], tidy["indicator"]),
            {
                "name": tidy["measure"],
                "indicator": tidy["indicator"],
                "title": clean(r.get("graphTitle")),
                "y_label": clean(r.get("yLabel")),
                "unit": tidy["unit"],
            },
        )
        from_year += int(column == "Year")
    if len(problems) > before:
        return None
    rows, duplicates, key = dedupe_and_key(ds, rows, path, problems)
    if len(problems) > before:
        return None
    rows = sort_rows(rows)
    descriptor = make_descriptor(
        ds,
        slug,
        list(measures.values()),
        key,
        characteristic,
        inferred,
        policy_area,
        policy_inferred,
        last_updated,
        next_update,
        producer,
        without_figure,
    )
    return Package(
        slug,
        descriptor,
        rows,
        characteristic,
        inferred,
        policy_area,
        without_figure,
        duplicates,
        from_year,
    )


def dedupe_and_key(
    ds: Dataset, rows: list[dict[str, Any]], path: str, problems: list[Problem]
) -> tuple[list[dict[str, Any]], int, list[str]]:
    """Drop exact duplicate rows; the primary key is the candidate columns never blank."""
    key = [k for k in EVIDENCE_KEY_CANDIDATES if rows and all(r[k] for r in rows)]
    seen: dict[tuple[str, ...], dict[str, Any]] = {}
    kept: list[dict[str, Any]] = []
    duplicates = 0
    for r in rows:
        k = tuple(r[f] for f in EVIDENCE_KEY_CANDIDATES)
        if k in seen:
            if seen[k] == r:
                duplicates += 1
                continue
            problems.append(
                Problem(
                    path,
                    ds.rows[0].line,
                    "Figure",
                    f"dataset {ds.tab_uid}: two figures ({seen[k]['value']}, {r['value']}) "
                    f"for {dict(zip(EVIDENCE_KEY_CANDIDATES, k, strict=True))}",
                )
            )
            continue
        seen[k] = r
        kept.append(r)
    full = {tuple(r[f] for f in key) for r in kept}
    if len(full) != len(kept):
        key = []
    return kept, duplicates, key


def sort_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Measures, indicators and groups in the order the source first shows them (which is
    the published display order: age bands, SIMD quintiles 1 to 5), then by period."""
    rank: dict[str, dict[str, int]] = {
        f: {} for f in ("measure", "indicator", "breakdown", "sub_breakdown")
    }
    for r in rows:
        for f, ranks in rank.items():
            ranks.setdefault(r[f], len(ranks))
    return sorted(
        rows,
        key=lambda r: (
            rank["measure"][r["measure"]],
            rank["indicator"][r["indicator"]],
            rank["breakdown"][r["breakdown"]],
            rank["sub_breakdown"][r["sub_breakdown"]],
            r["period_start"],
            r["period_end"],
            r["period"],
        ),
    )


def common_title(titles: list[str]) -> str:
    if len(titles) == 1:
        return titles[0]
    prefix = titles[0]
    for t in titles[1:]:
        while not t.startswith(prefix):
            prefix = prefix[:-1]
    prefix = prefix.rstrip(" :,-")
    return prefix if len(prefix) >= 20 else titles[0]


def make_descriptor(
    ds: Dataset,
    slug: str,
    measures: list[dict[str, str]],
    key: list[str],
    characteristic: str,
    characteristic_inferred: bool,
    policy_area: str | None,
    policy_inferred: bool,
    last_updated: str,
    next_update: str,
    producer: str,
    without_figure: int,
) -> dict[str, Any]:
    graph_titles = [t for t in dict.fromkeys(clean(r.get("graphTitle")) for r in ds.rows) if t]
    indicators = [t for t in dict.fromkeys(clean(r.get("Indicator")) for r in ds.rows) if t]
    if graph_titles:
        title = common_title(graph_titles)
    elif indicators:
        title = common_title(indicators)
    else:
        title = ds.tab_uid
    published_char = next(
        (
            clean(r.get("Characteristic"))
            for r in ds.rows
            if clean(r.get("Characteristic")) not in TOTAL_CHARACTERISTICS | {""}
        ),
        "",
    )
    parts = [f"{title}."]
    by = published_char or characteristic
    parts.append(
        f"Figures by {by.lower()} from the Scottish Government's Equality Evidence Finder "
        f"(March 2021), dataset {ds.tab_uid}"
        + (f", policy area {policy_area}" if policy_area else "")
        + "."
    )
    if producer:
        parts.append(f"Original source: {producer}.")
    if without_figure:
        parts.append(f"{without_figure} published rows without a figure are left out.")
    sources: list[dict[str, Any]] = [
        {
            "id": SOURCE_ID,
            "title": "Equality Evidence Finder (March 2021), Scottish Government",
            "path": str(SOURCE_FILE),
            "publisher": "Scottish Government",
            "licence": "OGL-UK-3.0",
        }
    ]
    if producer:
        sources.append({"id": slugify(producer), "title": producer})
    descriptor: dict[str, Any] = {
        "$schema": SCHEMA_URL,
        "name": slug,
        "title": title,
        "description": " ".join(parts),
        "licenses": [LICENSE],
        "sources": sources,
        "npf:tab_uid": ds.tab_uid,
        "npf:characteristic": characteristic,
    }
    if characteristic_inferred:
        descriptor["npf:characteristic_inferred"] = True
    if policy_area:
        descriptor["npf:policy_area"] = policy_area
        descriptor["npf:policy_area_slug"] = slugify(policy_area)
        if policy_inferred:
            descriptor["npf:policy_area_inferred"] = True
    if last_updated:
        descriptor["npf:last_updated"] = last_updated
    if next_update:
        descriptor["npf:next_update"] = next_update
    descriptor["npf:measures"] = measures
    descriptor["npf:rows_without_figure"] = without_figure
    descriptor["resources"] = [evidence_table(slug, key).resource()]
    return descriptor
