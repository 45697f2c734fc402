"""Identical equality evidence tables found once at load time (``evidence_groups``)."""

from __future__ import annotations

from typing import Any

from build_scripts.evidence_groups import content_key, mark_identical
from build_scripts.model import EvidenceDataset


def dataset(slug: str, rows: list[dict[str, Any]], policy_area: str = "") -> EvidenceDataset:
    return EvidenceDataset(slug, "A title", "", "age", policy_area, "", rows)


ROWS = [{"period": "2019", "breakdown": "16-24", "value": 23.0}]


def test_identical_rows_form_one_group_with_a_main_code() -> None:
    a = dataset("age-12", ROWS)
    b = dataset("inc-pov-5", [dict(r) for r in ROWS], policy_area="Income and Poverty")
    c = dataset("age-13", [{**ROWS[0], "value": 24.0}])
    mark_identical([a, b, c])
    # The copy that names its policy area is the main one.
    assert b.published_as == a.published_as == ["inc-pov-5", "age-12"]
    assert (b.same_as, a.same_as) == ("", "inc-pov-5")
    assert (c.published_as, c.same_as) == ([], "")


def test_main_is_first_by_code_when_policy_areas_agree() -> None:
    found = [dataset(s, [dict(r) for r in ROWS]) for s in ("z-1", "a-1", "m-1")]
    mark_identical(found)
    assert [d.same_as for d in found] == ["a-1", "", "a-1"]
    assert found[0].published_as == ["a-1", "m-1", "z-1"]


def test_empty_tables_and_different_order_are_not_the_same() -> None:
    two = [*ROWS, {"period": "2020", "breakdown": "16-24", "value": 25.0}]
    empty = [dataset("e-1", []), dataset("e-2", [])]
    mark_identical(empty)
    assert all(d.published_as == [] for d in empty)
    assert content_key(dataset("x", two)) != content_key(dataset("y", two[::-1]))
    # Column order in a row does not matter: the same figures are the same table.
    assert content_key(dataset("x", [{"a": 1, "b": 2}])) == content_key(
        dataset("y", [{"b": 2, "a": 1}])
    )


def test_summary_of_a_series_without_groups_to_compare() -> None:
    from build_scripts.analyse.evidence import summarise_evidence

    rows = [
        {"measure": "M", "period": p, "period_start": p, "breakdown": "All", "value": 1.0}
        for p in ("2019", "2018")
    ]
    summary = summarise_evidence(dataset("s", rows))
    assert summary is not None
    assert (summary.first_period, summary.last_period, summary.periods) == ("2018", "2019", 2)
    assert summary.groups == ["All"] and summary.extremes is None
    assert summarise_evidence(dataset("e", [])) is None
