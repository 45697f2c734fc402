"""Breakdown pairs beyond the second (``breakdown_type_3``, ...): each problem located
(file, row, column) with its stable code."""

from __future__ import annotations

import json
from pathlib import Path

from build_scripts.problems import Problem
from build_scripts.validate import validate_path
from tests.crossed import SLUG, write_crossed

ROW = {
    "measure": "adults",
    "period": "2016",
    "period_start": "2016-01-01",
    "period_end": "2016-12-31",
    "breakdown_type": "sex",
    "breakdown_group": "Female",
    "value": "40",
    "unit": "percent",
    "source": "synthetic-survey",
}
FIRST_EXTRA_LINE = 2 + 11 + 16  # header, the fixture's 11 rows, the 16 crossed ones


def _problems(tmp_path: Path, *extra: dict[str, str]) -> list[Problem]:
    data = write_crossed(tmp_path / "datapackages", [{**ROW, **e} for e in extra])
    return validate_path(data).problems


def _found(problems: list[Problem]) -> set[tuple[str | None, int | None, str | None]]:
    return {(p.code, p.row, p.column) for p in problems}


def test_both_cells_of_a_further_pair_or_neither(tmp_path: Path) -> None:
    problems = _problems(
        tmp_path,
        {"breakdown_type_2": "age", "breakdown_group_2": "25+", "breakdown_type_3": "simd"},
        {"breakdown_type_2": "age", "breakdown_group_2": "16-24", "breakdown_group_3": "1"},
    )
    assert _found(problems) == {
        ("incomplete-breakdown", FIRST_EXTRA_LINE, "breakdown_group_3"),
        ("incomplete-breakdown", FIRST_EXTRA_LINE + 1, "breakdown_type_3"),
    }
    assert "give both breakdown_type_3 and breakdown_group_3, or neither" in problems[0].message


def test_pairs_are_filled_in_order(tmp_path: Path) -> None:
    problems = _problems(tmp_path, {"breakdown_type_3": "simd", "breakdown_group_3": "1"})
    assert _found(problems) == {("breakdown-gap", FIRST_EXTRA_LINE, "breakdown_type_3")}
    assert "breakdown_type_2 is empty" in problems[0].message


def test_a_type_once_per_row(tmp_path: Path) -> None:
    problems = _problems(
        tmp_path,
        {
            "breakdown_type_2": "age",
            "breakdown_group_2": "25+",
            "breakdown_type_3": "sex",
            "breakdown_group_3": "Male",
        },
    )
    assert _found(problems) == {("repeated-breakdown-type", FIRST_EXTRA_LINE, "breakdown_type_3")}
    assert "already in breakdown_type" in problems[0].message


def test_a_further_type_is_an_identifier_whatever_the_descriptor_says(tmp_path: Path) -> None:
    data = write_crossed(
        tmp_path / "datapackages",
        [
            {
                **ROW,
                "breakdown_type_2": "age",
                "breakdown_group_2": "25+",
                "breakdown_type_3": "Sim D",
                "breakdown_group_3": "1",
            }
        ],
    )
    path, descriptor = _schema(data)
    fields = descriptor["resources"][0]["schema"]["fields"]
    for field in fields:
        field.get("constraints", {}).pop("pattern", None)  # loosened: the contract holds
    path.write_text(json.dumps(descriptor), "utf-8")
    found = _found(validate_path(data).problems)
    assert ("not-a-slug", FIRST_EXTRA_LINE, "breakdown_type_3") in found


def test_further_types_and_groups_are_known(tmp_path: Path) -> None:
    problems = _problems(
        tmp_path,
        {
            "breakdown_type_2": "age",
            "breakdown_group_2": "25+",
            "breakdown_type_3": "simd",
            "breakdown_group_3": "3",
        },
        {
            "breakdown_type_2": "age",
            "breakdown_group_2": "16-24",
            "breakdown_type_3": "religion",
            "breakdown_group_3": "None",
        },
    )
    found = _found(problems)
    assert ("unknown-group", FIRST_EXTRA_LINE, "breakdown_group_3") in found
    assert ("unknown-breakdown-type", FIRST_EXTRA_LINE + 1, "breakdown_type_3") in found


def test_duplicates_are_judged_over_every_pair(tmp_path: Path) -> None:
    """Rows that differ only in their third pair are two figures; the same in every pair,
    a duplicate."""
    crossed = {
        "breakdown_type_2": "age",
        "breakdown_group_2": "25+",
        "breakdown_type_3": "simd",
    }
    distinct = _problems(
        tmp_path / "a",
        {**crossed, "breakdown_group_3": "1", "period": "2019", "period_start": "2019-01-01"}
        | {"period_end": "2019-12-31"},
        {**crossed, "breakdown_group_3": "5", "period": "2019", "period_start": "2019-01-01"}
        | {"period_end": "2019-12-31"},
    )
    assert distinct == []
    twice = {**crossed, "breakdown_group_3": "1"}  # 2016 is already in crossed_rows
    duplicate = _problems(tmp_path / "b", twice)
    assert _found(duplicate) == {("primary-key", FIRST_EXTRA_LINE, None)}
    assert "breakdown_type_3, breakdown_group_3" in duplicate[0].message


def test_a_headline_row_has_no_further_breakdowns(tmp_path: Path) -> None:
    data = write_crossed(tmp_path / "datapackages")
    csv = data / "indicators" / SLUG / f"{SLUG}.csv"
    lines = csv.read_text("utf-8").splitlines(keepends=True)
    headline = [line for line in lines if ",total,Total," in line]
    rest = [line for line in lines if line not in headline]
    further = ",total,Total,age,25+,simd,1,"
    crossed = [line.replace(",total,Total,,,,,", further) for line in headline]
    csv.write_text("".join(rest + crossed), "utf-8")
    problems = validate_path(data).problems
    assert ("no-headline-row", None, "breakdown_type") in _found(problems)


def _schema(data: Path) -> tuple[Path, dict[str, object]]:
    path = data / "indicators" / SLUG / "datapackage.json"
    return path, json.loads(path.read_text("utf-8"))


def test_columns_numbered_without_gaps_and_the_key_over_every_pair(tmp_path: Path) -> None:
    data = write_crossed(tmp_path / "gap")
    path, descriptor = _schema(data)
    resource = descriptor["resources"][0]
    for field in resource["schema"]["fields"]:
        field["name"] = field["name"].replace("_3", "_4")
    resource["schema"]["primaryKey"] = [  # the key too, so only the gap is wrong
        c.replace("_3", "_4") for c in resource["schema"]["primaryKey"]
    ]
    path.write_text(json.dumps(descriptor), "utf-8")
    csv = data / "indicators" / SLUG / f"{SLUG}.csv"
    header, rest = csv.read_text("utf-8").split("\n", 1)
    csv.write_text(header.replace("_3", "_4") + "\n" + rest, "utf-8")
    problems = validate_path(data).problems
    assert _found(problems) == {  # once each, not once a row
        ("wrong-columns", None, "resources[0].schema.fields"),
        ("wrong-primary-key", None, "resources[0].schema.primaryKey"),
    }
    gapless = "breakdown_type_3, breakdown_group_3, breakdown_type_4"
    assert all(gapless in p.message for p in problems)

    data = write_crossed(tmp_path / "key")
    path, descriptor = _schema(data)
    resource = descriptor["resources"][0]
    resource["schema"]["primaryKey"] = resource["schema"]["primaryKey"][:-2]
    path.write_text(json.dumps(descriptor), "utf-8")
    problems = validate_path(data).problems
    assert ("wrong-primary-key", None, "resources[0].schema.primaryKey") in _found(problems)
    message = next(p.message for p in problems if p.code == "wrong-primary-key")
    assert message.endswith("breakdown_type_3, breakdown_group_3")
