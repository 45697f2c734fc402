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

import multiprocessing
import os
import signal
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
from build_scripts.pages.keys import PageCache, check_kept
from build_scripts.pages.kinds import MakeContext, PageKind, each_page
from build_scripts.pages.render import render, words
from build_scripts.processes import die_with_parent
from build_scripts.release import Release
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
    workers: int = 1,
    releases: Sequence[Release] = (),
    cache: PageCache | None = None,
) -> dict[str, str]:
    """Every generated page as ``{path under docs: Markdown}``, sorted by path: each
    kind's template (``kinds.KINDS``) rendered with each of its pages' context and the
    words of ``project`` (by default the repository's own, ``config.default_project``).

    With ``cache`` (``keys.PageCache``), a page whose key is in it is taken from it
    rather than rendered (in check mode, rendered too and compared), and each keyed page
    rendered is kept in it.

    With ``workers`` > 1 (and enough pages) the pages are shared among that many forked
    processes, which read the model from the memory they share with this one and send
    back only the pages' text: the same pages, in less time on a machine with cores to
    spare."""
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
        releases=releases,
    )
    said = words(project)
    jobs = list(each_page(ctx))
    keys: dict[str, str] = {}
    kept: dict[str, str] = {}
    if cache is not None:
        for path, kind, _, slug in jobs:
            key = cache.key(kind.name, slug, ctx.download_sizes)
            if key is not None:
                keys[path] = key
                found = cache.get(key)
                if found is not None:
                    kept[path] = found
        if not cache.check:
            jobs = [job for job in jobs if job[0] not in kept]
    if workers > 1 and len(jobs) >= MIN_PAGES_PER_WORKER * workers and _can_fork():
        pages = _render_forked(jobs, said, workers)
    else:
        pages = dict(_render_one(job, said) for job in jobs)
    if cache is not None:
        for path, text in kept.items():
            if path in pages:  # check mode: rendered again as well
                check_kept(path, text, pages[path])
            pages[path] = text
        for path, key in keys.items():
            if path not in kept:
                cache.put(key, pages[path])
    return dict(sorted(pages.items()))


# Below this many pages a worker, forking costs more than it saves.
MIN_PAGES_PER_WORKER = 32

_Job = tuple[str, PageKind, MakeContext, str]
# What the forked workers render: set just before they are forked, read in them.
_shared: tuple[list[_Job], Mapping[str, str]] | None = None


def _render_one(job: _Job, said: Mapping[str, str]) -> tuple[str, str]:
    path, kind, make, _ = job
    return path, render(kind.template, path, make(), said, search_boost=kind.search_boost)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _render_forked(jobs: list[_Job], said: Mapping[str, str], workers: int) -> dict[str, str]:
    """The pages rendered by ``workers`` forked processes. A fork inherits the model,
    the messages in use and the compiled templates, so nothing but page numbers and
    the pages' text crosses between processes. (Charts are not rendered in a fork:
    vl-convert's threads do not survive one; pages never call it.)"""
    global _shared
    _shared = (jobs, said)
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers, initializer=_worker_start, initargs=(os.getpid(),)) as pool:
            return dict(pool.map(_render_numbered, range(len(jobs)), chunksize=4))
    finally:
        _shared = None


def _render_numbered(number: int) -> tuple[str, str]:
    assert _shared is not None, "set before the workers were forked"
    jobs, said = _shared
    return _render_one(jobs[number], said)


def _worker_start(parent: int) -> None:
    """A worker dies with the build and leaves Ctrl+C to it (which stops the pool). The
    pool ends its workers with SIGTERM: a fork inherits the build's handler, which turns
    SIGTERM into ``KeyboardInterrupt`` (``processes.stop_on_signals``) and made every
    worker print a traceback as it ended; a worker takes the default again, and ends
    quietly."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for stop in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop, signal.SIG_DFL)
    die_with_parent(parent)


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
    workers: int = 1,
    releases: Sequence[Release] = (),
    cache: PageCache | None = None,
) -> dict[str, str]:
    """Write every page under ``out``; return ``{path under out: Markdown written}``
    (``workers`` and ``cache``: see ``render_pages``).

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
        workers=workers,
        releases=releases,
        cache=cache,
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
