"""Each dataset of the Equality Evidence Finder mapped into its data package.

The step after splitting the rows by dataset (``equality_evidence_datasets.py``): a
dataset's slug (from its ``tabUID``, unique), its characteristic
(``equality_evidence_characteristics.py``), its policy area (published, else decided by
its tabUID's prefix), its dates and original source (one value on every row), the
primary key its rows allow, and its descriptor (``make_descriptor``: title, description,
licence, sources, the ``npf:`` properties and the Table Schema of ``contract.py``). A
dataset with a problem gives no package; the problems are gathered for the caller.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from build_scripts.contract import EVIDENCE_KEY_CANDIDATES, evidence_table
from build_scripts.errors import NpfError
from build_scripts.importers.equality_evidence_characteristics import (
    TOTAL_CHARACTERISTICS,
    dataset_characteristic,
)
from build_scripts.importers.equality_evidence_datasets import Dataset
from build_scripts.importers.equality_evidence_source import SOURCE_FILE
from build_scripts.problems import Problem

SOURCE_ID = "equality-evidence-finder-2021"
SCHEMA_URL = "https://datapackage.org/profiles/2.0/datapackage.json"


LICENSE = {
    "name": "OGL-UK-3.0",
    "title": "Open Government Licence v3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}


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


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by ``-``; camelCase and letter/digit boundaries split.

    ``disability-1`` -> ``disability-1``, ``socioEconomic-51`` -> ``socio-economic-51``,
    ``JAS34`` -> ``jas-34``, ``TravAge-1a`` -> ``trav-age-1a``.
    """
    s = re.sub(r"([a-z])([A-Z])", r"\1-\2", text)
    s = re.sub(r"([A-Za-z]{2,})(\d)", r"\1-\2", s)
    s = re.sub(r"[^a-z0-9]+", "-", s.lower())
    return s.strip("-")


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


def uid_prefix(tab_uid: str) -> str:
    return re.sub(r"-?\d+[a-z]?$", "", tab_uid)


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
    """The descriptor (``datapackage.json``) of one dataset's package."""
    title = _title(ds)
    description = _description(ds, title, characteristic, policy_area, producer, without_figure)
    descriptor: dict[str, Any] = {
        "$schema": SCHEMA_URL,
        "name": slug,
        "title": title,
        "description": description,
        "licenses": [LICENSE],
        "sources": _sources(producer),
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


def _title(ds: Dataset) -> str:
    """The common start of the dataset's chart titles, else of its indicators, else its
    tabUID."""
    graph_titles = [t for t in ds.values["graphTitle"] if t]
    indicators = [t for t in ds.values["Indicator"] if t]
    if graph_titles:
        return common_title(graph_titles)
    if indicators:
        return common_title(indicators)
    return ds.tab_uid


def _description(
    ds: Dataset,
    title: str,
    characteristic: str,
    policy_area: str | None,
    producer: str,
    without_figure: int,
) -> str:
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
    return " ".join(parts)


def _sources(producer: str) -> list[dict[str, Any]]:
    """The Equality Evidence Finder, and the original source it names (if any)."""
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
    return sources
