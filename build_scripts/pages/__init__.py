"""The generated Markdown pages of the site.

Two passes, so charts can be rendered once and cached between them:

1. ``charts.plan.plan_charts(framework)``: every chart the site shows, with stable ids;
2. the build renders each chart's SVG (``charts.SvgRenderer``);
3. ``write_pages(framework, assessments, charts, svgs, out, build_date=...)``: every page
   into the docs folder; ``chart_files`` says where each chart's SVG file goes.

``render_pages`` is the pure part of step 3 (a dict of path to Markdown), for tests.
A page is a template (``templates/``, rendered by ``render``) and a context that one
module per kind of page builds from the model; ``kinds`` lists the kinds, their URLs and
their places in the navigation; ``markdown`` holds the escaping the templates apply.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from build_scripts.analyse.indicators import Analysis
from build_scripts.analyse.statuses import Assessment
from build_scripts.charts.model import Chart
from build_scripts.config import Project, default_project
from build_scripts.deferred import defer
from build_scripts.downloads import Download
from build_scripts.model import Framework
from build_scripts.pages.context import Context
from build_scripts.pages.data import plan_downloads
from build_scripts.pages.kinds import each_page
from build_scripts.pages.render import render, words
from build_scripts.urls import chart_svg as svg_path

__all__ = ["chart_files", "plan_downloads", "render_pages", "write_pages"]


def render_pages(
    framework: Framework,
    assessments: Mapping[str, Assessment],
    charts: Sequence[Chart],
    svgs: Mapping[str, str],
    *,
    build_date: date | None = None,
    downloads: Sequence[Download] | None = None,
    project: Project | None = None,
    analysis: Analysis | None = None,
) -> dict[str, str]:
    """Every generated page as ``{path under docs: Markdown}``, sorted by path: each
    kind's template (``kinds.KINDS``) rendered with each of its pages' context and the
    words of ``project`` (by default the repository's own, ``config.default_project``)."""
    project = project or default_project()
    ctx = Context(
        framework,
        assessments,
        {c.id: c for c in charts},
        svgs,
        build_date,
        downloads if downloads is not None else plan_downloads(framework),
        project,
        analysis=analysis,
    )
    said = words(project)
    pages = {
        path: render(kind.template, path, context, said, search_boost=kind.search_boost)
        for path, kind, context in each_page(ctx)
    }
    return dict(sorted(pages.items()))


def write_pages(
    framework: Framework,
    assessments: Mapping[str, Assessment],
    charts: Sequence[Chart],
    svgs: Mapping[str, str],
    out: Path,
    *,
    build_date: date | None = None,
    downloads: Sequence[Download] | None = None,
    deferred: dict[str, list[str]] | None = None,
    project: Project | None = None,
    analysis: Analysis | None = None,
) -> dict[str, str]:
    """Write every page under ``out``; return ``{path under out: Markdown written}``.

    With ``deferred`` (a dict to fill), large generated blocks are left out of the pages
    and collected there by page, for ``deferred.restore`` after the builder ran. (Each
    chart's SVG file is not written here: the build links it from the chart cache, see
    ``chart_files``.)"""
    pages = render_pages(
        framework,
        assessments,
        charts,
        svgs,
        build_date=build_date,
        downloads=downloads,
        project=project,
        analysis=analysis,
    )
    if deferred is not None:
        for name, text in pages.items():
            pages[name], blocks = defer(text)
            if blocks:
                deferred[name] = blocks
    folders: set[Path] = set()
    for name, text in pages.items():
        target = out / name
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        target.write_text(text, encoding="utf-8")
    return pages


def chart_files(charts: Sequence[Chart], svg_files: Mapping[str, Path]) -> dict[str, Path]:
    """``{path in the site: SVG file}`` for every chart that has one: the file each
    chart's "SVG" link points at, from ``svg_files`` (chart id to its cached SVG)."""
    return {svg_path(c.id): svg_files[c.id] for c in charts if c.id in svg_files}
