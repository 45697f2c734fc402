"""Static SVG for every chart, rendered once and kept on disk.

Rendering is the slow step of a build (10-150 ms a chart, most of it measuring text), so
each SVG is cached under the SHA-256 of the canonical spec JSON and the vl-convert and
Vega-Lite versions: an unchanged chart costs one file read. Cold renders can be spread
over a process pool started with ``spawn`` (``fork`` deadlocks inside vl-convert, and
threads give nothing: calls are serialised within a process).
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import re
import signal
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from html import escape
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

from build_scripts.charts.model import Chart
from build_scripts.processes import die_with_parent

log = logging.getLogger(__name__)

VL_VERSION = "6.4"


def canonical_json(spec: dict[str, Any]) -> str:
    return json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@cache
def converter_version() -> str:
    """vl-convert's version: a new one may draw the same spec differently."""
    return metadata.version("vl-convert-python")


def _converter_version() -> str:
    return (
        f"vl-convert {converter_version()}, vega-lite {VL_VERSION}, its own fonts only, "
        "ids numbered in each SVG"
    )


def spec_key(spec: dict[str, Any]) -> str:
    """The cache key: the canonical spec and the renderer's versions."""
    text = _converter_version() + "\n" + canonical_json(spec)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# A fontconfig file whose only font folder is empty: given to vl-convert while it builds
# its font database, it leaves out the system's fonts, so text is measured with the
# Liberation Sans that vl-convert carries in memory.
_NO_SYSTEM_FONTS = """<?xml version="1.0"?>
<fontconfig><dir>{folder}</dir></fontconfig>
"""
_WARM_UP = '{"mark":"text","data":{"values":[{"t":"Warm-up"}]},"encoding":{"text":{"field":"t"}}}'


@cache
def converter() -> ModuleType:
    """vl-convert, with its font database built from its own Liberation Sans only.

    vl-convert reads system fonts from their files on every text measurement (about
    1,300 opens of the font file a chart), which made text most of the cost of a chart.
    The fonts it carries are held in memory: charts render 2-3 times faster, and the
    SVGs no longer depend on which fonts the build machine happens to have (same bytes
    on every machine). The database is built once per process, on the first
    conversion, so ``FONTCONFIG_FILE`` is set only for that conversion: nothing else in
    the process (a browser started by a test, say) sees it.
    """
    import vl_convert

    with tempfile.TemporaryDirectory(prefix="npf-fonts-") as folder:
        config = Path(folder) / "fonts.conf"
        config.write_text(_NO_SYSTEM_FONTS.format(folder=escape(folder)), encoding="utf-8")
        before = os.environ.get("FONTCONFIG_FILE")
        os.environ["FONTCONFIG_FILE"] = str(config)
        try:
            vl_convert.vegalite_to_svg(_WARM_UP, vl_version=VL_VERSION)
        finally:
            if before is None:
                del os.environ["FONTCONFIG_FILE"]
            else:
                os.environ["FONTCONFIG_FILE"] = before
    return vl_convert


def _vegalite_to_svg(spec_json: str) -> str:
    """The one call to vl-convert (module level so a spawned worker can run it, and
    tests can count calls)."""
    svg: str = converter().vegalite_to_svg(spec_json, vl_version=VL_VERSION)
    return stable_ids(svg)


_ID = re.compile(r'\bid="([^"]+)"')
_NUMBERED = re.compile(r"(.*?)(\d+)\Z")


def stable_ids(svg: str) -> str:
    """Number the ids Vega makes (``gradient_3``: a count kept by the renderer across
    every chart it drew before, so the same spec drew other bytes after other charts)
    afresh in each SVG, in order, from 0: the same spec gives the same bytes."""
    seen: dict[str, int] = {}
    renamed: dict[str, str] = {}
    for old in _ID.findall(svg):
        numbered = _NUMBERED.match(old)
        if numbered is None or old in renamed:
            continue
        stem = numbered.group(1)
        renamed[old] = f"{stem}{seen.get(stem, 0)}"
        seen[stem] = seen.get(stem, 0) + 1
    if all(old == new for old, new in renamed.items()):
        return svg
    marked = {old: f"\0{n}\0" for n, old in enumerate(renamed)}  # no clash mid-way
    for old, mark in marked.items():
        svg = re.sub(rf'(\bid="|url\(#|href="#){re.escape(old)}(?=[")])', rf"\g<1>{mark}", svg)
    for old, mark in marked.items():
        svg = svg.replace(mark, renamed[old])
    return svg


def finish_svg(svg: str, title: str) -> str:
    """Make the SVG stand alone and accessible: ``role="img"``, an ``aria-label`` and a
    ``<title>`` (what a browser or screen reader shows for the file on its own)."""
    label = escape(title, quote=True)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    head_end = svg.index(">") + 1
    return svg[:head_end] + f"<title>{escape(title, quote=False)}</title>" + svg[head_end:]


def namespace_ids(svg: str, prefix: str) -> str:
    """Prefix every ``id`` (and the ``url(#id)``/``href="#id"`` pointing at it), so two
    SVGs inlined in one page cannot share an id."""
    ids = set(_ID.findall(svg))
    for old in sorted(ids, key=len, reverse=True):
        new = f"{prefix}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"')
        svg = svg.replace(f"url(#{old})", f"url(#{new})")
        svg = svg.replace(f'href="#{old}"', f'href="#{new}"')
    return svg


@dataclass
class RenderStats:
    """How the renders went: cache hits, cold renders and the time they took."""

    hits: int = 0
    renders: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def describe(self) -> str:
        if not self.renders:
            return f"charts: {self.hits} from cache, none rendered"
        total = sum(self.seconds.values())
        slowest = max(self.seconds, key=lambda k: self.seconds[k])
        return (
            f"charts: {self.hits} from cache, {self.renders} rendered in {total:.1f} s "
            f"({1000 * total / self.renders:.0f} ms a chart; slowest {slowest} "
            f"{1000 * self.seconds[slowest]:.0f} ms)"
        )


class SvgRenderer:
    """Renders charts to SVG text, through a cache folder (safe to delete)."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = cache_dir
        self.stats = RenderStats()

    def path_for(self, spec: dict[str, Any]) -> Path:
        key = spec_key(spec)
        return self.cache_dir / key[:2] / f"{key}.svg"

    def cached(self, chart: Chart) -> str | None:
        path = self.path_for(chart.spec)
        if path.is_file():
            return path.read_text(encoding="utf-8")
        return None

    def store(self, chart: Chart, raw_svg: str) -> str:
        """Finish a freshly rendered SVG, write it to the cache atomically, return it."""
        svg = finish_svg(raw_svg, chart.summary)
        path = self.path_for(chart.spec)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(svg)
        os.replace(tmp, path)
        return svg

    def render(self, chart: Chart) -> str:
        svg = self.cached(chart)
        if svg is not None:
            self.stats.hits += 1
            return svg
        started = time.perf_counter()
        raw = _vegalite_to_svg(canonical_json(chart.spec))
        self.stats.seconds[chart.id] = time.perf_counter() - started
        self.stats.renders += 1
        return self.store(chart, raw)


def _timed_render(spec_json: str) -> tuple[str, float]:
    started = time.perf_counter()
    svg = _vegalite_to_svg(spec_json)
    return svg, time.perf_counter() - started


def render_all(
    charts: Iterable[Chart],
    cache_dir: Path,
    workers: int = 1,
    stats: RenderStats | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, str]:
    """SVG of every chart, by chart id. Cached charts are read; the rest are rendered
    in this process, or with ``workers`` > 1 (and enough cold charts) in a pool of
    ``spawn`` processes (on the 2-core build machine, 411 cold charts took 10.6 s in
    one process and 7.1 s with two workers). Pass ``stats`` to get cache hits and the
    time each chart took, ``progress`` to be told ``(done, total)`` as charts are made.
    """
    renderer = SvgRenderer(cache_dir)
    if stats is not None:
        renderer.stats = stats
    out: dict[str, str] = {}
    cold: list[Chart] = []
    for chart in charts:
        if chart.id in out:
            raise ValueError(f"two charts share the id {chart.id!r}")
        svg = renderer.cached(chart)
        if svg is None:
            cold.append(chart)
            out[chart.id] = ""
        else:
            renderer.stats.hits += 1
            out[chart.id] = svg
    total, done = len(out), len(out) - len(cold)
    if progress is not None:
        progress(done, total)
    if workers > 1 and len(cold) >= 2 * workers + 8:
        made = _render_pool(renderer, cold, workers)
    else:
        made = ((chart, renderer.render(chart)) for chart in cold)
    for chart, svg in made:
        out[chart.id] = svg
        done += 1
        if progress is not None:
            progress(done, total)
    log.info(renderer.stats.describe())
    return out


def _render_pool(
    renderer: SvgRenderer, cold: Sequence[Chart], workers: int
) -> Iterator[tuple[Chart, str]]:
    """Each cold chart with its SVG, in order, rendered by ``workers`` spawned processes
    (each warms up vl-convert once, about half a second)."""
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_worker_start,
        initargs=(os.getpid(),),
    )
    try:
        specs = [canonical_json(c.spec) for c in cold]
        for chart, (raw, seconds) in zip(cold, pool.map(_timed_render, specs), strict=True):
            renderer.stats.seconds[chart.id] = seconds
            renderer.stats.renders += 1
            yield chart, renderer.store(chart, raw)
    finally:
        # Stopped early (Ctrl+C, a failure): the charts not yet begun are dropped
        # rather than rendered before the build may stop.
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_start(parent: int) -> None:
    """A pool worker dies with the build, however the build dies (``kill -9`` too), and
    leaves Ctrl+C to the build, which stops the pool: no worker prints a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)
