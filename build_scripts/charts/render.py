"""Static SVG for every chart, rendered once and kept on disk.

Rendering is the slow step of a build (10-150 ms a chart, most of it measuring text), so
each SVG is cached under the SHA-256 of the canonical spec JSON and the vl-convert and
Vega-Lite versions: an unchanged chart costs one file read. Cold charts are rendered by
a pool of processes started with ``spawn`` (``fork`` deadlocks inside vl-convert, and
threads give nothing: calls are serialised within a process), each making a chart's SVG
and then its PNG (``png``) from the SVG's text (``render_all``, ``run_job``).
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
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from html import escape
from importlib import metadata
from itertools import islice
from pathlib import Path
from types import ModuleType
from typing import Any

from build_scripts.charts.model import Chart
from build_scripts.charts.png import png_bytes, png_path, wants_png
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


_SETTING_UP = threading.Lock()
"""Held while vl-convert is set up: two threads calling ``converter`` at once (the
build makes the Vega bundle in one while another renders) set it up one at a time."""


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

    with _SETTING_UP, tempfile.TemporaryDirectory(prefix="npf-fonts-") as folder:
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
        write_atomically(self.path_for(chart.spec), svg.encode("utf-8"))
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


@dataclass(frozen=True)
class Job:
    """One chart for a renderer: its canonical spec JSON (``None`` when its SVG is in
    the cache already and only its PNG is wanted), the title its SVG is finished with,
    where its SVG is kept and where its PNG goes (``None``: no PNG)."""

    spec_json: str | None
    title: str
    svg: Path
    png: Path | None


def run_job(job: Job) -> tuple[str, float]:
    """Do ``job`` (in this process or a pool's): the chart's finished SVG, rendered and
    written to the cache, then its PNG made from that text in memory. Returns the SVG
    and the seconds its render took (0 for a cached one)."""
    seconds = 0.0
    if job.spec_json is None:
        svg = job.svg.read_text(encoding="utf-8")
    else:
        started = time.perf_counter()
        svg = finish_svg(_vegalite_to_svg(job.spec_json), job.title)
        seconds = time.perf_counter() - started
        write_atomically(job.svg, svg.encode("utf-8"))
    if job.png is not None and not job.png.is_file():
        write_atomically(job.png, png_bytes(svg))
    return svg, seconds


def _run_batch(jobs: Sequence[Job]) -> list[tuple[str, float]]:
    return [run_job(job) for job in jobs]


def write_atomically(path: Path, data: bytes) -> None:
    """``data`` into ``path`` under a temporary name, then renamed: a cached file is
    never seen half-written, whoever writes it and however it is stopped."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


# A pool is worth starting (a spawned worker imports the chart code and warms up
# vl-convert: about a second of CPU) for this many charts a worker or more.
MIN_JOBS_PER_WORKER = 12
# Charts sent to a worker at once, and batches in flight a worker: enough to keep every
# worker busy, few enough that a stopped build drops the rest at once and that only a
# few specs and SVGs are in memory between the build and its workers.
BATCH = 4
IN_FLIGHT = 2
# A worker is replaced after this many batches, which bounds what one process can
# grow to (vl-convert's runtime: about 170 MiB at the start, 250 MiB after 1,200
# charts, measured here).
BATCHES_PER_WORKER = 500


def render_all(
    charts: Iterable[Chart],
    cache_dir: Path,
    workers: int = 1,
    stats: RenderStats | None = None,
    progress: Callable[[int, int], None] | None = None,
    png_cache: Path | None = None,
    files: dict[str, Path] | None = None,
) -> SvgTexts:
    """SVG of every chart, by chart id (read from its cached file when asked for).
    Cached charts are found; the rest are rendered in this process, or with
    ``workers`` > 1 (and enough cold charts) by a pool of that many ``spawn``
    processes, fed a few charts at a time. With ``png_cache``, each chart
    that has a PNG (``png.wants_png``) gets it there, made right after its SVG by the
    same process (and for a cached SVG whose PNG is missing, from the SVG). The result
    is the same whichever way it is made (the SVGs and PNGs have the same bytes).
    ``stats``: cache hits and the time each chart took; ``progress``: told
    ``(done, total)`` as charts are made; ``files``: filled with each chart's cached
    SVG file, by chart id."""
    renderer = SvgRenderer(cache_dir)
    if stats is not None:
        renderer.stats = stats
    out = SvgTexts()
    todo: list[tuple[Chart, Path, bool]] = []  # (chart, its SVG file, whether rendered)
    for chart in charts:
        if chart.id in out:
            raise ValueError(f"two charts share the id {chart.id!r}")
        path = renderer.path_for(chart.spec)
        if files is not None:
            files[chart.id] = path
        cold = not path.is_file()
        png = png_path(png_cache, path) if png_cache and wants_png(chart) else None
        if cold or (png is not None and not png.is_file()):
            todo.append((chart, path, cold))
            out.found[chart.id] = ""
        else:
            renderer.stats.hits += 1
            out.found[chart.id] = path
    total, done = len(out), len(out) - len(todo)
    if progress is not None:
        progress(done, total)

    def jobs() -> Iterator[Job]:
        for chart, path, cold in todo:
            png = png_path(png_cache, path) if png_cache and wants_png(chart) else None
            spec = canonical_json(chart.spec) if cold else None
            yield Job(spec, chart.summary, path, png)

    if workers > 1 and len(todo) >= MIN_JOBS_PER_WORKER * workers:
        made: Iterator[tuple[str, float]] = _pool_results(jobs(), workers)
    else:
        made = map(run_job, jobs())
    try:
        for (chart, path, cold), (svg, seconds) in zip(todo, made, strict=True):
            out.found[chart.id] = path if svg else ""
            if cold:
                renderer.stats.seconds[chart.id] = seconds
                renderer.stats.renders += 1
            else:
                renderer.stats.hits += 1
            done += 1
            if progress is not None:
                progress(done, total)
    finally:
        close = getattr(made, "close", None)
        if close is not None:
            close()
    log.info(renderer.stats.describe())
    return out


class SvgTexts(Mapping[str, str]):
    """Each chart's SVG by chart id, read from its cached file when asked for, so that
    a build does not hold the text of every chart (19,000 charts at 1.4 million
    figures, about 30 KB each) while it writes the pages; "" for a chart that has no
    SVG."""

    def __init__(self) -> None:
        self.found: dict[str, Path | str] = {}

    def __getitem__(self, chart_id: str) -> str:
        found = self.found[chart_id]
        return found if isinstance(found, str) else found.read_text(encoding="utf-8")

    def __iter__(self) -> Iterator[str]:
        return iter(self.found)

    def __len__(self) -> int:
        return len(self.found)

    def __contains__(self, chart_id: object) -> bool:
        return chart_id in self.found

    def has_svg(self, chart_id: str) -> bool:
        """Whether the chart has an SVG, without reading it."""
        return bool(self.found.get(chart_id))


def _pool_results(jobs: Iterable[Job], workers: int) -> Iterator[tuple[str, float]]:
    """What ``run_job`` gives for each of ``jobs``, in order, done by ``workers``
    spawned processes (``fork`` deadlocks inside vl-convert) in batches of ``BATCH``,
    at most ``IN_FLIGHT`` batches a worker at a time. Closed early (Ctrl+C, a failure),
    the batches not yet begun are dropped; a batch begun finishes its charts (each
    written whole or not at all) before the pool is gone."""
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_worker_start,
        initargs=(os.getpid(),),
        max_tasks_per_child=BATCHES_PER_WORKER,
    )
    each = iter(jobs)
    try:
        batches = iter(lambda: list(islice(each, BATCH)), [])
        pending = deque(pool.submit(_run_batch, b) for b in islice(batches, IN_FLIGHT * workers))
        while pending:
            done = pending.popleft().result()
            for batch in islice(batches, 1):
                pending.append(pool.submit(_run_batch, batch))
            yield from done
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_start(parent: int) -> None:
    """A pool worker dies with the build, however the build dies (``kill -9`` too), and
    leaves Ctrl+C to the build, which stops the pool: no worker prints a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)
