"""The equality characteristic of each dataset of the Equality Evidence Finder.

Part of mapping a dataset into its package (``equality_evidence_packages.py``): the
source's ``Characteristic`` column, named as the contract names characteristics
(``CHARACTERISTICS``), or, for a dataset that leaves it blank, decided by its published
title (``CHARACTERISTIC_OVERRIDES``, each with the title quoted). A dataset that is
blank and not listed, or gives several characteristics or an unknown one, is a problem.
"""

from __future__ import annotations

from build_scripts.importers.equality_evidence_datasets import Dataset
from build_scripts.problems import Problem

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
