"""Charts of cross-classified figures with a choice of combinations (``charts.crossed``):
on synthetic figures by three and by four breakdowns (``tests/crossed.py``), every
combination the data has is a slice of a data file, reachable by choosing groups in
order, none offered that has no figure; each slice says what its static chart would;
the data file's specs are valid Vega-Lite (a golden copy)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema

from build_scripts.charts import plan
from build_scripts.charts.crossed import choice_data, choice_files, choice_id
from build_scripts.charts.plan import Combination, breakdown_slices, combinations, plan_charts
from build_scripts.load import load_framework
from build_scripts.model import Framework
from tests.crossed import SLUG, four_rows, write_four
from tests.golden_files import check_text

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def framework(tmp_path_factory: pytest.TempPathFactory) -> Framework:
    return load_framework(write_four(tmp_path_factory.mktemp("four") / "datapackages"))


def _combination(framework: Framework, n: int) -> Combination:
    found = combinations(framework, framework.indicators[SLUG], "adults")
    return next(c for c in found if len(c.types) == n)


def available(keys: list[list[int]], chosen: list[int], k: int) -> list[int]:
    """What choice.js offers for the k-th other type, the groups before it chosen."""
    return sorted({key[k] for key in keys if key[:k] == chosen[:k]})


@pytest.mark.parametrize("n", [3, 4])
def test_every_combination_is_a_slice_reachable_in_order(framework: Framework, n: int) -> None:
    c = _combination(framework, n)
    measure = framework.indicators[SLUG].measures[0]
    for along in range(n):
        data = choice_data(framework, framework.indicators[SLUG], measure, c, along)
        others = [i for i in range(n) if i != along]
        index = [{g: i for i, g in enumerate(gs)} for gs in c.groups]
        expected = {",".join(str(index[i][f.breakdowns[i][1]]) for i in others) for f in c.figures}
        assert set(data["slices"]) == expected  # every combination of the others, no more
        assert data["default"] in data["slices"]
        assert len(data["rows"]) == len(c.figures)  # every figure, once
        keys = [[int(x) for x in key.split(",")] for key in data["slices"]]
        for key in keys:  # choosing each group in turn reaches every slice
            assert all(key[k] in available(keys, key, k) for k in range(len(key)))
        for row in data["rows"]:
            assert ",".join(str(row[1 + i]) for i in others) in data["slices"]


def test_a_combination_without_figures_is_not_offered(framework: Framework) -> None:
    c = _combination(framework, 4)
    indicator = framework.indicators[SLUG]
    data = choice_data(framework, indicator, indicator.measures[0], c, 3)
    # charted by council area: males aged 25 and over have two councils in each quintile
    male, older = 1, 1
    rows = [r for r in data["rows"] if r[1:3] == [male, older]]
    assert sorted(r[4] for r in rows) == [0, 0, 0, 0, 1, 1, 1, 1]
    assert len(data["rows"]) == len(four_rows()) == 44
    # charted by deprivation, those groups offer two councils only
    by_simd = choice_data(framework, indicator, indicator.measures[0], c, 2)
    keys = [[int(x) for x in key.split(",")] for key in by_simd["slices"]]
    assert available(keys, [male, older], 2) == [0, 1]
    assert available(keys, [0, older], 2) == [0, 1, 2]


def test_four_types_are_charted_by_the_one_with_most_groups(framework: Framework) -> None:
    c = _combination(framework, 4)
    assert c.types == ("sex", "age", "simd", "council-area")
    assert c.along == 3 and c.slices == 8
    # the default: the slice with the most councils, then figures, then the first
    assert c.fixed == (("sex", "Female"), ("age", "16-24"), ("simd", "1"))


def test_each_slice_says_what_its_static_chart_says(framework: Framework) -> None:
    """The data file's summary, footer and kind of every slice with a static chart are
    the static chart's own."""
    indicator = framework.indicators[SLUG]
    charts = {ch.id: ch for ch in plan_charts(framework)}
    slices = [s for s in breakdown_slices(framework, indicator, "adults") if s.combination]
    assert len(slices) == 1 + 4 + 8  # every slice by the default type: at most 12 each
    for c in combinations(framework, indicator, "adults"):
        data = choice_data(framework, indicator, indicator.measures[0], c, c.along)
        index = [{g: i for i, g in enumerate(gs)} for gs in c.groups]
        for s in (s for s in slices if s.combination == c.key):
            key = ",".join(str(index[c.types.index(t)][g]) for t, g in s.fixed)
            chart = charts[f"{SLUG}--adults--{s.key}"]
            kind, _, summary, notes = data["slices"][key][:4]
            assert (kind, summary) == (chart.kind, chart.summary)
            assert notes == chart.spec["title"]["text"]


def test_past_the_most_static_charts_one_is_drawn_and_every_type_has_a_file(
    framework: Framework, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(plan, "MAX_CROSSED", 3)
    indicator = framework.indicators[SLUG]
    crossed = [s for s in breakdown_slices(framework, indicator, "adults") if s.combination]
    assert [s.key for s in crossed] == [
        "sex--age-16-24",
        "sex--age-16-24--simd-1",
        "council-area--sex-female--age-16-24--simd-1",
    ]
    files = choice_files(framework, tmp_path)
    ids = [
        choice_id(SLUG, "adults", c, along)
        for c in combinations(framework, indicator, "adults")
        for along in range(len(c.types))
    ]
    assert sorted(files) == sorted(f"charts/{i}.js" for i in ids) and len(ids) == 2 + 3 + 4
    script = files[f"charts/{ids[-1]}.js"].read_text(encoding="ascii")
    head = f'(window.npfChoices=window.npfChoices||{{}})["{ids[-1]}"]='
    assert script.startswith(head) and script.endswith(";\n")
    data = json.loads(script[len(head) : -2])
    assert [t["name"] for t in data["types"]] == [
        "Sex",
        "Age",
        "Deprivation (SIMD)",
        "Council area",
    ]
    assert len(data["types"][3]["groups"]) == 3 and data["along"] == 3


def _filled(data: dict[str, Any], kind: str) -> dict[str, Any]:
    """A data file's spec of ``kind`` with the first slice's footer, as choice.js fills it."""
    spec = json.loads(json.dumps(data["specs"][kind]))
    key = next(k for k, v in data["slices"].items() if v[0] == kind)
    spec["title"]["text"] = data["slices"][key][3]
    spec["description"] = data["slices"][key][2]
    return spec


@pytest.mark.golden
def test_golden_choice_data(framework: Framework) -> None:
    """The data file of sex by age by deprivation charted by sex: its specs are valid
    Vega-Lite once a slice's words are put in."""
    indicator = framework.indicators[SLUG]
    c = _combination(framework, 3)
    data = choice_data(framework, indicator, indicator.measures[0], c, 0)
    for kind in data["specs"]:
        validate_jsonschema(_filled(data, kind), load_schema())
    check_text(GOLDEN / "choice.json", json.dumps(data, indent=1, ensure_ascii=False) + "\n")
