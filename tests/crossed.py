"""A data packages tree with figures cross-classified by three breakdowns: the valid
fixture (``tests/fixtures/packages/valid``) with ``physical-activity`` rewritten to hold,
besides its figures of one and two breakdowns, adults by sex, age and deprivation
(``breakdown_type_3``, ``breakdown_group_3``). The figures are made up."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

from build_scripts.contract import indicator_table

VALID = Path(__file__).resolve().parent / "fixtures" / "packages" / "valid"
SLUG = "physical-activity"
PERIODS = (("2016", "2016-01-01", "2016-12-31"), ("2017", "2017-01-01", "2017-12-31"))
SEXES = ("Female", "Male")
AGES = ("16-24", "25+")
QUINTILES = ("1", "5")


def crossed_rows() -> list[dict[str, str]]:
    """Adults by sex, age and deprivation, each period: 2 x 2 x 2 x 2 rows."""
    rows = []
    for period, start, end in PERIODS:
        for i, sex in enumerate(SEXES):
            for j, age in enumerate(AGES):
                for k, quintile in enumerate(QUINTILES):
                    rows.append(
                        {
                            "measure": "adults",
                            "period": period,
                            "period_start": start,
                            "period_end": end,
                            "breakdown_type": "sex",
                            "breakdown_group": sex,
                            "breakdown_type_2": "age",
                            "breakdown_group_2": age,
                            "breakdown_type_3": "simd",
                            "breakdown_group_3": quintile,
                            "value": str(50 + 8 * i + 4 * j + 2 * k + int(period) - 2016),
                            "unit": "percent",
                            "source": "synthetic-survey",
                        }
                    )
    return rows


def write_crossed(target: Path, extra: list[dict[str, str]] | None = None) -> Path:
    """Copy the valid fixture to ``target`` and give ``physical-activity`` three breakdown
    pairs and the rows of ``crossed_rows`` (then ``extra``); return ``target``."""
    shutil.copytree(VALID, target)
    folder = target / "indicators" / SLUG
    descriptor: dict[str, Any] = json.loads((folder / "datapackage.json").read_text("utf-8"))
    with (folder / f"{SLUG}.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows += crossed_rows() + (extra or [])
    table = indicator_table(
        SLUG,
        ["adults"],
        ["total", "age", "sex", "simd", "council-area"],
        [],
        ["percent"],
        ["synthetic-survey"],
        pairs=3,
    )
    with (folder / table.path).open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, table.fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    descriptor["resources"] = [table.resource()]
    (folder / "datapackage.json").write_text(json.dumps(descriptor, indent=2) + "\n", "utf-8")
    return target


COUNCILS = ("S12000033", "S12000034", "S12000041")


def four_rows() -> list[dict[str, str]]:
    """Adults by sex, age, deprivation and council area, each period: 2 x 2 x 2 x 3 x 2
    rows but four, made up: males aged 25 and over in the third council area have no
    figure, so a choice must not offer that council with those groups."""
    rows = []
    for period, start, end in PERIODS:
        for i, sex in enumerate(SEXES):
            for j, age in enumerate(AGES):
                for k, quintile in enumerate(QUINTILES):
                    for m, council in enumerate(COUNCILS):
                        if (sex, age, council) == ("Male", "25+", COUNCILS[2]):
                            continue
                        value = 30 + 8 * i + 4 * j + 2 * k + m + int(period) - 2016
                        rows.append(
                            {
                                "measure": "adults",
                                "period": period,
                                "period_start": start,
                                "period_end": end,
                                "breakdown_type": "sex",
                                "breakdown_group": sex,
                                "breakdown_type_2": "age",
                                "breakdown_group_2": age,
                                "breakdown_type_3": "simd",
                                "breakdown_group_3": quintile,
                                "breakdown_type_4": "council-area",
                                "breakdown_group_4": council,
                                "value": str(value),
                                "unit": "percent",
                                "source": "synthetic-survey",
                            }
                        )
    return rows


def write_four(target: Path) -> Path:
    """``write_crossed`` with, besides, adults by four breakdowns (``four_rows``)."""
    write_crossed(target)
    folder = target / "indicators" / SLUG
    descriptor: dict[str, Any] = json.loads((folder / "datapackage.json").read_text("utf-8"))
    with (folder / f"{SLUG}.csv").open(encoding="utf-8", newline="") as f:
        rows: list[dict[str, str]] = list(csv.DictReader(f)) + four_rows()
    table = indicator_table(
        SLUG,
        ["adults"],
        ["total", "age", "sex", "simd", "council-area"],
        [],
        ["percent"],
        ["synthetic-survey"],
        pairs=4,
    )
    with (folder / table.path).open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, table.fieldnames, lineterminator="\n", restval="")
        writer.writeheader()
        writer.writerows(rows)
    descriptor["resources"] = [table.resource()]
    (folder / "datapackage.json").write_text(json.dumps(descriptor, indent=2) + "\n", "utf-8")
    return target
