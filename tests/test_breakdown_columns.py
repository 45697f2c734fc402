"""The numbered breakdown pairs of the data contract: two by default, exactly as before,
and as many more as a table asks for, numbered without gaps."""

from __future__ import annotations

import json
from pathlib import Path

from frictionless import Schema

from build_scripts.contract import (
    INDICATOR_COLUMNS,
    INDICATOR_KEY,
    breakdown_columns,
    breakdown_pairs,
    indicator_columns,
    indicator_key,
    indicator_series,
    indicator_table,
)

ROOT = Path(__file__).resolve().parents[1]


def test_two_pairs_are_todays_table() -> None:
    assert indicator_columns() == INDICATOR_COLUMNS
    assert (
        indicator_key()
        == INDICATOR_KEY
        == (
            "measure",
            "period",
            "breakdown_type",
            "breakdown_group",
            "breakdown_type_2",
            "breakdown_group_2",
        )
    )
    # A package the importer wrote before numbered pairs has the default table's schema.
    package = ROOT / "datapackages" / "indicators" / "healthy-life-expectancy"
    descriptor = json.loads((package / "datapackage.json").read_text("utf-8"))
    fields = [f["name"] for f in descriptor["resources"][0]["schema"]["fields"]]
    assert tuple(fields) == INDICATOR_COLUMNS


def test_further_pairs_follow_the_second_and_join_the_key() -> None:
    columns = indicator_columns(4)
    start = columns.index("breakdown_type")
    assert columns[start : start + 8] == tuple(c for n in range(1, 5) for c in breakdown_columns(n))
    assert columns[start + 8] == "value"
    assert indicator_key(4)[-2:] == ("breakdown_type_4", "breakdown_group_4")
    assert "period" not in indicator_series(3) and "breakdown_group_3" in indicator_series(3)
    table = indicator_table("x", ["m"], ["total", "sex"], ["Total", "Female"], ["u"], ["s"], 3)
    schema = table.schema()
    assert Schema.from_descriptor(schema).primary_key == list(indicator_key(3))
    third = {f["name"]: f for f in schema["fields"]}["breakdown_type_3"]
    assert third["constraints"]["enum"] == ["total", "sex"]
    assert third["constraints"]["pattern"]  # an identifier, as the first two


def test_the_pairs_a_table_asks_for() -> None:
    assert breakdown_pairs(INDICATOR_COLUMNS) == 2
    assert breakdown_pairs(["breakdown_type"]) == 2  # at least two: today's columns
    assert breakdown_pairs([*INDICATOR_COLUMNS, "breakdown_type_3", "breakdown_group_3"]) == 3
    assert breakdown_pairs([*INDICATOR_COLUMNS, "breakdown_group_5"]) == 5  # a gap: 3, 4 missing
    # A stray huge number asks for no more pairs than the table has columns.
    assert breakdown_pairs([*INDICATOR_COLUMNS, "breakdown_type_999999999"]) == 16
