"""Specs kept by the hash of their inputs (``charts.specs``): a warm plan gives exactly
the charts a plan without the cache gives, and builds none of them again."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from build_scripts import messages
from build_scripts.charts import Bar, Units, bar_chart, line_chart
from build_scripts.charts.model import Chart, Series
from build_scripts.charts.plan import plan_charts
from build_scripts.charts.render import canonical_json
from build_scripts.charts.specs import SpecCache
from build_scripts.load import load_framework
from tests.messages.test_catalogue import pseudo

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "packages" / "valid"


def _as_text(charts: list[Chart]) -> list[tuple[object, ...]]:
    return [
        (c.id, c.kind, c.title, canonical_json(c.spec), c.summary, c.alt, c.series, c.bars)
        for c in charts
    ]


def test_a_warm_plan_equals_a_plan_without_the_cache(tmp_path: Path) -> None:
    framework = load_framework(FIXTURE)
    plain = plan_charts(framework)
    cold_cache = SpecCache(tmp_path / "specs")
    cold = plan_charts(framework, specs=cold_cache)
    warm_cache = SpecCache(tmp_path / "specs")
    warm = plan_charts(framework, specs=warm_cache)
    assert len(plain) >= 5
    assert _as_text(cold) == _as_text(plain)
    assert _as_text(warm) == _as_text(plain)
    assert [c.spec for c in warm] == [c.spec for c in plain]  # the same dicts, types too
    assert (cold_cache.built, cold_cache.hits) == (len(plain), 0)
    assert (warm_cache.built, warm_cache.hits) == (0, len(plain))


def test_a_changed_input_builds_a_new_spec(tmp_path: Path, headline: Series) -> None:
    cache = SpecCache(tmp_path)
    units = Units("years")
    first = line_chart("x", "X", [headline], y_title="X", units=units, specs=cache)
    point = dataclasses.replace(headline.points[-1], value=headline.points[-1].value + 0.001)
    changed = Series(headline.label, (*headline.points[:-1], point))
    second = line_chart("x", "X", [changed], y_title="X", units=units, specs=cache)
    assert cache.built == 2
    assert second.spec != first.spec
    assert second.spec == line_chart("x", "X", [changed], y_title="X", units=units).spec
    line_chart("x", "X", [headline], y_title="X", units=Units("%", True), specs=cache)
    assert cache.built == 3  # other units: another spec


def test_a_spoilt_cache_file_is_built_again(tmp_path: Path, bars: list[Bar]) -> None:
    cache = SpecCache(tmp_path)
    units = Units("years")
    made = bar_chart("b", "B", bars, period="2019", x_title="B", units=units, specs=cache)
    for path in tmp_path.rglob("*.json"):
        path.write_text('{"truncated', encoding="utf-8")
    again = bar_chart("b", "B", bars, period="2019", x_title="B", units=units, specs=cache)
    assert cache.built == 2
    assert again.spec == made.spec


def test_another_catalogue_builds_its_own_specs(tmp_path: Path, headline: Series) -> None:
    """A spec holds words (its title, tooltips, band note): the same inputs under another
    catalogue are kept under another key, and give the spec that catalogue makes."""
    cache = SpecCache(tmp_path)
    units = Units("years")
    inputs = ("the same inputs",)
    english_path = cache.path_for("line", inputs)
    english = line_chart("x", "X", [headline], y_title="X", units=units, specs=cache)
    with messages.use(pseudo(messages.english())):
        assert cache.path_for("line", inputs) != english_path
        other = line_chart("x", "X", [headline], y_title="X", units=units, specs=cache)
        assert other.spec == line_chart("x", "X", [headline], y_title="X", units=units).spec
    assert cache.path_for("line", inputs) == english_path
    assert cache.built == 2
    assert other.spec != english.spec
