"""Static SVG: deterministic, accessible, and cached (an unchanged chart is not redrawn)."""

from __future__ import annotations

import multiprocessing
import os
import re
from pathlib import Path

import pytest

from build_scripts.charts import RenderStats, Series, SvgRenderer, Units, line_chart, render_all
from build_scripts.charts import render as render_module
from build_scripts.charts.model import Chart
from tests.golden_files import check_text


def chart(series: Series, chart_id: str = "example"):  # type: ignore[no-untyped-def]
    return line_chart(
        chart_id, "Example measure", [series], y_title="Example", units=Units("years")
    )


def test_render_is_deterministic_and_accessible(tmp_path: Path, headline: Series) -> None:
    c = chart(headline)
    first = SvgRenderer(tmp_path / "a").render(c)
    second = SvgRenderer(tmp_path / "b").render(c)
    assert first == second
    assert first.startswith('<svg role="img" aria-label="Example measure: fell')
    assert f"<title>{c.summary}</title>" in first
    # no random ids that would change from build to build
    assert not re.search(r'id="[^"]*\d{5,}', first)


def test_second_render_reads_the_cache(
    tmp_path: Path, headline: Series, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = chart(headline)
    renderer = SvgRenderer(tmp_path)
    svg = renderer.render(c)
    assert renderer.stats.renders == 1
    assert list(tmp_path.glob("*/*.svg"))

    def refuse(spec_json: str) -> str:
        raise AssertionError("vl-convert called for a cached chart")

    monkeypatch.setattr(render_module, "_vegalite_to_svg", refuse)
    again = SvgRenderer(tmp_path)
    assert again.render(c) == svg
    assert again.stats.hits == 1 and again.stats.renders == 0
    stats = RenderStats()
    assert render_all([c], tmp_path, workers=1, stats=stats) == {"example": svg}
    assert stats.hits == 1
    assert "1 from cache" in stats.describe()


def test_a_changed_spec_is_redrawn(tmp_path: Path, headline: Series) -> None:
    renderer = SvgRenderer(tmp_path)
    renderer.render(chart(headline))
    changed = Series(headline.label, headline.points[:-1])
    renderer.render(chart(changed))
    assert renderer.stats.renders == 2
    assert len(list(tmp_path.glob("*/*.svg"))) == 2


def test_render_all_refuses_duplicate_ids(tmp_path: Path, headline: Series) -> None:
    with pytest.raises(ValueError, match="share the id"):
        render_all([chart(headline), chart(headline)], tmp_path, workers=1)


def test_namespace_ids() -> None:
    svg = '<svg><clipPath id="clip1"/><g clip-path="url(#clip1)"/><use href="#clip1"/></svg>'
    out = render_module.namespace_ids(svg, "chart-x")
    assert out == (
        '<svg><clipPath id="chart-x-clip1"/><g clip-path="url(#chart-x-clip1)"/>'
        '<use href="#chart-x-clip1"/></svg>'
    )


def _small_charts(count: int) -> list[Chart]:
    """``count`` small charts: every third a sparkline (which has no PNG)."""
    from build_scripts.charts import sparkline

    from .conftest import point

    charts = []
    for k in range(count):
        series = Series("x", (point("2018", k), point("2019", 2.0)))
        if k % 3 == 0:
            charts.append(sparkline(f"s{k}", "Example", series, units=Units()))
        else:
            charts.append(chart(series, f"c{k}"))
    return charts


def test_a_pool_renders_the_same_svgs_and_pngs_as_one_process(tmp_path: Path) -> None:
    """A pool of spawned workers makes the same SVGs and PNGs, byte for byte, under the
    same cache keys, as this process; each chart that has a PNG gets it from its SVG."""
    charts = _small_charts(2 * render_module.MIN_JOBS_PER_WORKER + 3)
    told: list[tuple[int, int]] = []
    pooled_files: dict[str, Path] = {}
    pooled = render_all(
        charts,
        tmp_path / "pool",
        workers=2,
        progress=lambda *n: told.append(n),
        png_cache=tmp_path / "pool-png",
        files=pooled_files,
    )
    stats = RenderStats()
    serial = render_all(
        charts, tmp_path / "serial", workers=1, stats=stats, png_cache=tmp_path / "serial-png"
    )
    assert pooled == serial
    assert stats.renders == len(charts)
    assert told == [(k, len(charts)) for k in range(len(charts) + 1)]
    assert multiprocessing.active_children() == []  # the pool is gone

    def contents(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.*")}

    assert contents(tmp_path / "pool") == contents(tmp_path / "serial")
    assert contents(tmp_path / "pool-png") == contents(tmp_path / "serial-png")
    with_png = [c for c in charts if c.kind != "sparkline"]
    assert len(contents(tmp_path / "pool-png")) == len(with_png)
    assert {c.id: pooled_files[c.id] for c in charts} == {
        c.id: SvgRenderer(tmp_path / "pool").path_for(c.spec) for c in charts
    }


def test_a_missing_png_of_a_cached_svg_is_made_from_it(tmp_path: Path) -> None:
    charts = _small_charts(3)
    render_all(charts, tmp_path / "svg", png_cache=tmp_path / "png")
    pngs = sorted((tmp_path / "png").rglob("*.png"))
    kept = {p: p.read_bytes() for p in pngs}
    pngs[0].unlink()
    stats = RenderStats()
    render_all(charts, tmp_path / "svg", stats=stats, png_cache=tmp_path / "png")
    assert stats.renders == 0 and stats.hits == len(charts)
    assert {p: p.read_bytes() for p in pngs} == kept


def test_a_pool_stopped_early_drops_the_charts_not_begun(tmp_path: Path) -> None:
    """Stopped after its first chart (as Ctrl+C stops a build), the pool finishes only
    the batches already begun, leaves no worker behind, and every file it wrote is
    whole (no temporary file left)."""
    from build_scripts.charts.render import Job, _pool_results, canonical_json

    charts = _small_charts(60)
    renderer = SvgRenderer(tmp_path)
    jobs = (Job(canonical_json(c.spec), c.summary, renderer.path_for(c.spec), None) for c in charts)
    made = _pool_results(jobs, 2)
    next(made)
    made.close()
    assert multiprocessing.active_children() == []
    written = list(tmp_path.rglob("*.svg"))
    # the batches in flight when it was stopped, and the one sent after the first
    assert 1 <= len(written) <= (2 * render_module.IN_FLIGHT + 1) * render_module.BATCH
    assert all(p.read_text(encoding="utf-8").endswith("</svg>") for p in written)
    assert not list(tmp_path.rglob("*.tmp"))


@pytest.mark.golden
def test_static_svg_matches_its_golden_copy(tmp_path: Path, breakdown: list[Series]) -> None:
    """Text is measured with the Liberation Sans vl-convert carries, never the build
    machine's fonts, so the SVG has the same bytes on every machine (a golden copy
    made here must match on CI). After an intended change (a new vl-convert, say):
    ``make golden``."""
    c = line_chart(
        "example-sex", "Example by sex", breakdown, y_title="Share", units=Units("", True)
    )
    svg = SvgRenderer(tmp_path).render(c)
    golden = Path(__file__).parent / "golden" / "breakdown.svg"
    check_text(golden, svg)


def test_converter_leaves_the_environment_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    render_module.converter.__wrapped__()
    assert "FONTCONFIG_FILE" not in os.environ
    monkeypatch.setenv("FONTCONFIG_FILE", "/etc/fonts/fonts.conf")
    render_module.converter.__wrapped__()
    assert os.environ["FONTCONFIG_FILE"] == "/etc/fonts/fonts.conf"
