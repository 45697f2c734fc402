"""Import the Equality Evidence Finder (March 2021) into one data package per dataset.

The source is ``equality-evidence-finder-2021/equality-evidence.csv`` under the
source-data root: 14,175 rows, one dataset per ``tabUID``. Each dataset becomes
``<out_dir>/<slug>/datapackage.json`` and ``<out_dir>/<slug>/<slug>.csv``. Every decision
about the source's quirks is explained in ``docs/equality-evidence.md``.

The source is long and messy (labels with line breaks and double spaces, periods in
DateCode or Year or, in some datasets, Breakdown), so pandas does the work on every row
at once: ``read_source`` reads it as text with each row's line, ``read_rows`` derives the
figure, the period and the tidy columns, ``dedupe_and_sort`` marks repeated keys and
orders each dataset, and ``read_datasets`` splits the result by dataset. Every problem
keeps the file, row and column it was found at.
"""

from __future__ import annotations

import functools
import math
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from build_scripts.contract import EVIDENCE_COLUMNS, EVIDENCE_KEY_CANDIDATES, evidence_table
from build_scripts.errors import NpfError
from build_scripts.importers.model import EvidencePackage
from build_scripts.importers.report import Skip
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


SOURCE_COLUMNS = (
    "tabUID",
    "policy_area",
    "Year",
    "Figure",
    "Breakdown",
    "SubBreakdown",
    "Characteristic",
    "Measure",
    "graphTitle",
    "Indicator",
    "intervalType",
    "yLabel",
    "LastUpdated",
    "DateCode",
    "Source",
    "NextUpdated",
)
"""The source's columns the import reads (any other is ignored; a missing optional one
reads as blank)."""
REQUIRED_COLUMNS = ("tabUID", "Figure", "Breakdown", "Measure")
DATASET_COLUMNS = (
    "Characteristic",
    "policy_area",
    "LastUpdated",
    "NextUpdated",
    "Source",
    "graphTitle",
    "Indicator",
)
"""The columns whose values a dataset is described by (``Dataset.values``)."""
LINE_BREAK = r"\r\n|\r|\n"


TIDY = tuple(f"tidy.{c}" for c in EVIDENCE_COLUMNS)
"""The derived columns of the tidy rows (``tidy.measure``...), apart from the source's."""


@dataclass
class Dataset:
    """One dataset of the source, as ``read_datasets`` finds it: the first line of its
    rows (the header is line 1); the values each of ``DATASET_COLUMNS`` takes on its rows,
    cleaned (``clean``), in the order the rows give them; its rows without a figure; the
    problems of its rows, and its clashes (two figures for one key); its measures; and
    its tidy rows, sorted, without the exact repeats (counted) of a key's first row."""

    tab_uid: str
    line: int
    values: dict[str, list[str]]
    without_figure: int
    problems: list[Problem]
    clashes: list[Problem]
    measures: list[dict[str, str]]
    rows: list[dict[str, Any]]
    repeats: int
    from_year: int
    skips: list[Skip] = field(default_factory=list)


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


def read_source(path: Path) -> pd.DataFrame:
    """Every row of the source as text, with its first ``line`` in the file (counted from
    the line breaks inside the quoted cells before it), ``uid`` (the stripped tabUID) and
    a ``clean`` version of each column read (``Measure.clean``). A row with more cells
    than the header keeps the first ones; a short one reads blank."""
    if not path.is_file():
        raise NpfError(f"{path}: equality evidence file not found")
    options: dict[str, Any] = {"dtype": str, "keep_default_na": False, "encoding": "utf-8"}
    try:
        try:
            frame = pd.read_csv(path, **options)
        except pd.errors.ParserError:
            # A row with more cells than the header: the slower reader keeps its first
            # cells (``on_bad_lines``), with a warning.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", pd.errors.ParserWarning)
                frame = pd.read_csv(
                    path, engine="python", on_bad_lines=lambda cells: cells, **options
                )
    except pd.errors.EmptyDataError as error:
        raise NpfError(f"{path}: the file is empty") from error
    header = [str(c).strip() for c in frame.columns]
    frame = frame.set_axis(header, axis="columns").fillna("")  # a short row's missing cells
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise NpfError(f"{path}:1: missing columns {', '.join(missing)}")
    breaks = frame.apply(lambda c: c.str.count(LINE_BREAK)).sum(axis="columns")
    frame = frame.loc[:, ~frame.columns.duplicated(keep="last")]
    out = pd.DataFrame({c: frame.get(c, "") for c in SOURCE_COLUMNS}, index=frame.index)
    out["line"] = 2 + (breaks + 1).cumsum() - (breaks + 1)
    out["uid"] = out["tabUID"].str.strip()
    cleaned = {f"{c}.clean": out[c].str.split().str.join(" ") for c in SOURCE_COLUMNS}
    return out.assign(**cleaned)


def read_datasets(path: Path, shown: str) -> tuple[list[Dataset], int]:
    """The source's datasets in order of first appearance, and the number of rows read;
    every row is read and reshaped at once (pandas), then split by dataset."""
    frame = read_rows(read_source(path))
    uid = frame["uid"]
    values = {}
    for column in DATASET_COLUMNS:
        pairs = frame[["uid", f"{column}.clean"]].drop_duplicates()
        values[column] = _by_uid(zip(pairs["uid"], pairs[f"{column}.clean"], strict=True))
    lines = frame.groupby("uid", sort=False)["line"].first()
    without_figure = frame["number"].isna().groupby(uid, sort=False).sum()
    needed = ["uid", "line", "from", "graphTitle.clean", "yLabel.clean", *TIDY]
    tidy = dedupe_and_sort(frame.loc[frame["ok"] & frame["number"].notna(), needed])
    repeats = tidy["repeat"].groupby(tidy["uid"], sort=False).sum()
    from_year = tidy["from"].eq("Year").groupby(tidy["uid"], sort=False).sum()
    problems = _by_uid(row_problems(frame, shown))
    clashes = _by_uid(clash_problems(tidy, lines, shown))
    measures = _by_uid(measures_of(tidy))
    kept = tidy[~tidy["repeat"]]
    skips = _by_uid(_skips(frame, tidy, shown))
    cells = zip(*(kept[c].tolist() for c in TIDY), strict=True)
    rows = _by_uid(
        zip(kept["uid"], (dict(zip(EVIDENCE_COLUMNS, r, strict=True)) for r in cells), strict=True)
    )
    datasets = [
        Dataset(
            str(key),
            int(lines[key]),
            {c: [str(v) for v in values[c][key]] for c in DATASET_COLUMNS},
            int(without_figure[key]),
            problems.get(key, []),
            clashes.get(key, []),
            measures.get(key, []),
            rows.get(key, []),
            int(repeats.get(key, 0)),
            int(from_year.get(key, 0)),
            skips.get(key, []),
        )
        for key in lines.index
    ]
    return datasets, len(frame)


def _skips(frame: pd.DataFrame, tidy: pd.DataFrame, shown: str) -> list[tuple[str, Skip]]:
    """The rows left out, by dataset: a blank figure, or an exact repeat of a row read
    before (the report of ``npf import``, ``report.py``)."""
    blank = frame["number"].isna() & frame["figure_error"].eq("")
    out = [
        (uid, Skip("no-figure", shown, int(line), f"dataset {uid}", "Figure"))
        for uid, line in zip(frame["uid"][blank], frame["line"][blank], strict=True)
    ]
    repeats = tidy[tidy["repeat"]]
    out += [
        (uid, Skip("repeated-figure", shown, int(line), f"dataset {uid}: {value}"))
        for uid, line, value in zip(
            repeats["uid"], repeats["line"], repeats["tidy.value"], strict=True
        )
    ]
    return out


T = TypeVar("T")


def _by_uid(pairs: Iterable[tuple[str, T]]) -> dict[str, list[T]]:
    grouped: dict[str, list[T]] = {}
    for key, item in pairs:
        grouped.setdefault(key, []).append(item)
    return grouped


def clash_problems(tidy: pd.DataFrame, lines: pd.Series, path: str) -> list[tuple[str, Problem]]:
    """Two figures for one key of a dataset: the second and later, at its first line."""
    clashes = tidy[tidy["clash"]]
    key = [f"tidy.{c}" for c in EVIDENCE_KEY_CANDIDATES]
    return [
        (
            uid,
            Problem(
                path,
                int(lines[uid]),
                "Figure",
                f"dataset {uid}: two figures ({first}, {value}) for "
                f"{dict(zip(EVIDENCE_KEY_CANDIDATES, k, strict=True))}",
            ),
        )
        for uid, first, value, *k in zip(
            clashes["uid"],
            clashes["first_value"],
            clashes["tidy.value"],
            *(clashes[c] for c in key),
            strict=True,
        )
    ]


def measures_of(tidy: pd.DataFrame) -> list[tuple[str, dict[str, str]]]:
    """Each (measure, indicator) pair of a dataset, in the order of the source's rows,
    with the chart title, y-axis label and unit of its first row."""
    first = tidy.sort_values("line", kind="stable").drop_duplicates(
        ["uid", "tidy.measure", "tidy.indicator"]
    )
    return [
        (uid, {"name": m, "indicator": i, "title": t, "y_label": y, "unit": u})
        for uid, m, i, t, y, u in zip(
            first["uid"],
            first["tidy.measure"],
            first["tidy.indicator"],
            first["graphTitle.clean"],
            first["yLabel.clean"],
            first["tidy.unit"],
            strict=True,
        )
    ]


def row_problems(frame: pd.DataFrame, path: str) -> list[tuple[str, Problem]]:
    """A figure that is not a number, and the period of a row with a figure that cannot
    be read, each at its row and column, with its dataset's uid."""
    problems = [
        (key, Problem(path, int(line), "Figure", error))
        for key, line, error in zip(frame["uid"], frame["line"], frame["figure_error"], strict=True)
        if error
    ]
    unread = frame["figure_error"].eq("") & frame["number"].notna() & frame["period_error"].ne("")
    for row in frame[unread].to_dict("records"):
        column = "Breakdown" if row["transposed"] else "DateCode" if row["DateCode"] else "Year"
        message = f"{row['period_error']} (intervalType {row['intervalType.clean']!r})"
        problems.append((row["uid"], Problem(path, int(row["line"]), column, message)))
    return problems


def assign_slugs(datasets: Iterable[Dataset], path: str) -> dict[str, str]:
    slugs: dict[str, str] = {}
    seen: dict[str, str] = {}
    problems: list[Problem] = []
    for ds in datasets:
        slug = slugify(ds.tab_uid)
        line = ds.line
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
        summary.packages += 1
        summary.rows_written += len(pkg.rows)
        summary.rows_without_figure += pkg.rows_without_figure
        summary.duplicate_rows += pkg.duplicate_rows
        summary.periods_from_year += pkg.periods_from_year
        summary.characteristics_inferred += int(pkg.characteristic_inferred)
        summary.policy_areas_missing += int(pkg.policy_area is None)
        char = pkg.characteristic
        summary.by_characteristic[char] = summary.by_characteristic.get(char, 0) + 1
    evidence = [
        EvidencePackage(pkg.slug, pkg.descriptor, EVIDENCE_COLUMNS, pkg.rows) for pkg in packages
    ]
    return evidence, summary, skips


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


@functools.cache
def is_period(text: str) -> bool:
    try:
        parse_period(clean(text))
    except PeriodError:
        return False
    return True


@functools.cache
def _period(label: str, interval: str | None) -> tuple[str, str] | str:
    """(start, end) of a period label, or the parser's words when it cannot read it."""
    try:
        period = parse_period(label, interval)
    except PeriodError as error:
        return str(error)
    return period.start.isoformat(), period.end.isoformat()


def _figure(text: str) -> tuple[float, str]:
    """A ``Figure`` as a number (NaN when blank) and why it is not one (or blank)."""
    try:
        value = parse_figure(text)
    except ValueError as error:
        return math.nan, f"not a number: {error}"
    return (math.nan if value is None else value), ""


def read_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The source with what each row says, for every dataset at once: ``number`` and
    ``figure_error``; ``transposed`` (every Breakdown of the dataset is a period
    (``2015/16``): the source's columns are then shifted, Breakdown holding the period,
    Measure the group and Indicator the measure); the period, read from DateCode, else
    Year (``from``), with ``period_error``; ``ok`` (neither error); and the tidy columns
    (``TIDY``)."""
    uid = frame["uid"]
    transposed = frame["Breakdown"].map(is_period).groupby(uid).transform("all").astype(bool)
    has_code = frame["DateCode.clean"].ne("")
    label = frame["DateCode.clean"].where(has_code, frame["Year.clean"])
    label = label.where(~transposed, frame["Breakdown.clean"])
    source = np.where(transposed, "Breakdown", np.where(has_code, "DateCode", "Year"))
    academic = uid.isin(ACADEMIC_YEAR_DATASETS)
    intervals = [
        "Academic" if a else (i or None)
        for a, i in zip(academic, frame["intervalType.clean"], strict=True)
    ]
    read = [
        _period(text, interval) if text else "both DateCode and Year are blank"
        for text, interval in zip(label, intervals, strict=True)
    ]
    numbers = [_figure(text) for text in frame["Figure"]]
    measure, indicator = frame["Measure.clean"], frame["Indicator.clean"]
    out = frame.assign(
        transposed=transposed,
        number=[n for n, _ in numbers],
        figure_error=[e for _, e in numbers],
        period_error=[r if isinstance(r, str) else "" for r in read],
        **{"from": source},
    )
    out["ok"] = out["figure_error"].eq("") & out["period_error"].eq("")
    tidy = {
        "measure": measure.where(~transposed, indicator.where(indicator.ne(""), measure)),
        "indicator": indicator.where(~transposed, ""),
        "period": label,
        "period_start": [r[0] if isinstance(r, tuple) else "" for r in read],
        "period_end": [r[1] if isinstance(r, tuple) else "" for r in read],
        "breakdown": frame["Breakdown.clean"].where(~transposed, measure),
        "sub_breakdown": frame["SubBreakdown.clean"],
        "value": [format_number(n) if e == "" and not math.isnan(n) else "" for n, e in numbers],
        "unit": units(frame),
    }
    return out.assign(**{f"tidy.{k}": v for k, v in tidy.items()})


def dedupe_and_sort(rows: pd.DataFrame) -> pd.DataFrame:
    """The tidy rows of every dataset, each marked ``repeat`` when it is the first row of
    its key (``EVIDENCE_KEY_CANDIDATES``) again, exactly, or ``clash`` when it gives
    another figure for that key (``first_value`` says the first one's); sorted within a
    dataset by measure, indicator and groups in the order the source first shows them
    (which is the published display order: age bands, SIMD quintiles 1 to 5), then by
    period."""
    key = ["uid", *(f"tidy.{c}" for c in EVIDENCE_KEY_CANDIDATES)]
    rest = [c for c in TIDY if c not in key]
    first_of_key = ~rows.duplicated(key)
    firsts = rows.groupby(key, sort=False)[rest].transform("first")
    same = firsts.eq(rows[rest]).all(axis="columns")
    ranks = {
        f"rank.{c}": rows.groupby(["uid", f"tidy.{c}"], sort=False).ngroup()
        for c in ("measure", "indicator", "breakdown", "sub_breakdown")
    }
    order = [
        "rank.uid",
        *ranks,
        "tidy.period_start",
        "tidy.period_end",
        "tidy.period",
    ]
    return rows.assign(
        repeat=~first_of_key & same,
        clash=~first_of_key & ~same,
        first_value=firsts["tidy.value"],
        **ranks,
        **{"rank.uid": rows.groupby("uid", sort=False).ngroup()},
    ).sort_values(order, kind="stable")


UNIT_RULES: list[tuple[str, str]] = [
    (r"£", "gbp"),
    (r"\bratio\b", "ratio"),
    (r"%|\bper ?cent|\bpercentage|\bproportion|\brate\b", "percent"),
    (r"^number\b|\bnumber of\b|\bheadcount\b|\(fte\)", "count"),
]


def units(rows: pd.DataFrame) -> pd.Series:
    """Each row's unit slug, read from the first of yLabel, Measure, Indicator, graphTitle
    whose words name one (``UNIT_RULES``); empty when none does. We never guess beyond
    that. Each distinct text is read once."""
    found = pd.Series("", index=rows.index, dtype=str)
    for column in reversed(("yLabel", "Measure", "Indicator", "graphTitle")):
        texts = rows[f"{column}.clean"]
        unit = texts.map({t: _unit_in(t) for t in texts.unique()})
        found = unit.where(unit.ne(""), found)
    return found


def _unit_in(text: str) -> str:
    lower = text.lower()
    return next((unit for pattern, unit in UNIT_RULES if re.search(pattern, lower)), "")


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
    published = set(ds.values["Characteristic"]) - TOTAL_CHARACTERISTICS - {""}
    line = ds.line
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
    values = ds.values[column]
    if len(values) > 1:
        message = f"dataset {ds.tab_uid}: expected one value, found {values}"
        problems.append(Problem(path, ds.line, column, message))
    return values[0]


def primary_key(rows: list[dict[str, Any]]) -> list[str]:
    """``EVIDENCE_KEY_CANDIDATES`` less the columns blank on every row (none when the rest
    do not tell the rows apart)."""
    key = [c for c in EVIDENCE_KEY_CANDIDATES if rows and all(r[c] for r in rows)]
    if len({tuple(r[c] for c in key) for r in rows}) != len(rows):
        return []
    return key


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
    problems.extend(ds.problems)
    if len(problems) > before:
        return None
    problems.extend(ds.clashes)
    if len(problems) > before:
        return None
    descriptor = make_descriptor(
        ds,
        slug,
        ds.measures,
        primary_key(ds.rows),
        characteristic,
        inferred,
        policy_area,
        policy_inferred,
        last_updated,
        next_update,
        producer,
        ds.without_figure,
    )
    return Package(
        slug,
        descriptor,
        ds.rows,
        characteristic,
        inferred,
        policy_area,
        ds.without_figure,
        ds.repeats,
        ds.from_year,
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
    graph_titles = [t for t in ds.values["graphTitle"] if t]
    indicators = [t for t in ds.values["Indicator"] if t]
    if graph_titles:
        title = common_title(graph_titles)
    elif indicators:
        title = common_title(indicators)
    else:
        title = ds.tab_uid
    published_char = next(
        (c for c in ds.values["Characteristic"] if c not in TOTAL_CHARACTERISTICS | {""}), ""
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
