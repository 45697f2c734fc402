"""``npf build``: data packages in, a static site out.

One function per stage, called in order by ``build``:

    validate (in a process of its own, alongside the next three stages; the downloads
              are made into their cache in another, which shares them among a pool
              of its own when many are to be made, see ``downloads.MadeAside``)
    load  ->  analyse  ->  plan and render charts (each cold chart's SVG and PNG, by a
              pool of processes, one per core: ``charts.render``)  ->  write pages (and
              collect downloads)
          ->  MkDocs into a temporary folder (only the pages that changed, when the
              previous build allows: see ``incremental``)  ->  swap it into place

Before any of it, ``check_stage`` refuses an output that is not safe to replace (see
``output``), and the build takes the output's lock. A failed or interrupted stage raises
before the swap, so the previous ``site/`` stays as it was.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path

from build_scripts import messages, urls
from build_scripts.analyse.indicators import Analysis, analyse_framework
from build_scripts.boundaries import project_boundaries
from build_scripts.charts.assets import vega_bundle, write_boundary_scripts, write_vega_assets
from build_scripts.charts.crossed import choice_files
from build_scripts.charts.figures import chart_csv, chart_csv_metadata
from build_scripts.charts.kept import PlanCache, plan_base
from build_scripts.charts.model import Chart
from build_scripts.charts.plan import plan_charts
from build_scripts.charts.png import ensure_pngs, png_sources
from build_scripts.charts.render import RenderStats, render_all
from build_scripts.charts.specs import SpecCache
from build_scripts.config import CONFIG_FILE, Project, load_project
from build_scripts.downloads import (
    Download,
    MadeAside,
    area_downloads,
    cached_bytes,
    collect_downloads,
    release_downloads,
)
from build_scripts.embed import embed_files
from build_scripts.errors import NpfError
from build_scripts.feeds import feed_files
from build_scripts.frozen import freeze_embeds
from build_scripts.load import load_framework
from build_scripts.machines import machine_documents, machine_files
from build_scripts.model import Framework
from build_scripts.moved import moved_files
from build_scripts.notes import METADATA_SUFFIX, Notes
from build_scripts.output import (
    check_output,
    clean_stale,
    is_site,
    locked,
)
from build_scripts.pages import chart_files, write_pages
from build_scripts.pages.context import Context
from build_scripts.pages.equality import evidence_titles
from build_scripts.pages.guides import guide_pages, read_guides
from build_scripts.pages.keys import PageCache, base_key
from build_scripts.pages.render import templates_compiled_in, words
from build_scripts.problems import Report
from build_scripts.processes import workers
from build_scripts.publish import Docs, config_stage, publish_stage
from build_scripts.release import Release, load_releases
from build_scripts.stamp import (
    MKDOCS_CONFIG,
    ROOT,
    SHIM,
    UP_TO_DATE,
    built_from,
    fingerprint,
    stamp_path,
)
from build_scripts.validate.background import Background


@dataclass
class BuildResult:
    pages: int = 0
    charts: int = 0
    charts_rendered: int = 0
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    up_to_date: bool = False
    pages_kept: int = 0
    pages_cached: int = 0  # pages taken from the page cache rather than rendered
    plans_kept: int = 0  # indicators whose charts were read back rather than planned

    def summary(self) -> str:
        if self.up_to_date:
            return UP_TO_DATE.format(seconds=self.seconds)
        kept = f" ({self.pages_kept} unchanged, kept)" if self.pages_kept else ""
        return (
            f"built {self.pages} pages{kept}, {self.charts} charts "
            f"({self.charts_rendered} rendered, the rest from the cache), "
            f"{len(self.warnings)} warnings in {self.seconds:.1f} s"
        )


class Progress:
    """Stage lines on stderr: what runs, then how long it took."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.times: dict[str, float] = {}

    def count(self, what: str, done: int, total: int) -> None:
        """A running count on a terminal (one line, rewritten), nothing elsewhere."""
        if self.enabled and sys.stderr.isatty():
            end = "\n" if done == total else ""
            print(f"\r    {what}: {done}/{total}", end=end, file=sys.stderr, flush=True)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        if self.enabled:
            print(f"  {name} ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        yield
        self.times[name] = time.perf_counter() - started
        if self.enabled:
            print(f"  {name}: {self.times[name]:.1f} s", file=sys.stderr, flush=True)


def build_date(framework: Framework) -> date:
    """``SOURCE_DATE_EPOCH`` when set, else the newest ``last_updated`` in the data, so
    that two builds of the same data give the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).date()
        except ValueError as error:
            raise NpfError(f"SOURCE_DATE_EPOCH must be whole seconds, not {epoch!r}") from error
    dates = [i.last_updated for i in framework.indicators.values() if i.last_updated]
    if not dates:
        return date(1970, 1, 1)
    newest = max(dates)  # YYYY, YYYY-MM or YYYY-MM-DD: the first day of what is known
    return date.fromisoformat((newest + "-01-01")[:10] if len(newest) < 10 else newest)


def stated_build_date(when: date) -> date | None:
    """The build date a page may state: only a real one (``SOURCE_DATE_EPOCH``). Without
    it the date above is the data's, and "built on" that date would be untrue."""
    return when if os.environ.get("SOURCE_DATE_EPOCH") else None


def validity_stage(report: Report) -> None:
    if not report.valid:
        raise NpfError(
            "the data packages are not valid, so nothing was built and site/ is unchanged",
            report.problems,
        )


@dataclass
class Drawn:
    """The charts stage's result: every chart, its SVG text and its cached SVG file
    (by chart id; a chart that failed to render has neither)."""

    charts: list[Chart]
    svgs: Mapping[str, str]
    svg_files: dict[str, Path]


def prepare_stages(
    data_dir: Path, p: Progress, result: BuildResult, project: Project
) -> tuple[Framework, Analysis, Drawn]:
    """Load, analyse, plan and render the charts (their SVGs and PNGs): everything
    before pages are written."""
    cache = project.paths.cache
    with p.stage("load"):
        framework = load_framework(data_dir, project)
    with p.stage("analyse"):
        analysis = analyse_framework(framework)
    with p.stage("charts"):
        # An unchanged indicator's charts are read back, not planned (charts/kept.py).
        kept = PlanCache(cache / "plans", data_dir, plan_base(project))
        charts = plan_charts(framework, project, SpecCache(cache / "specs"), kept)
        stats = RenderStats()
        files: dict[str, Path] = {}
        # The Vega bundle the pages ship (a second or two of vl-convert when it is not
        # cached yet) is made while the charts are rendered, not after them.
        bundle = threading.Thread(target=vega_bundle, args=(cache / "vega",), daemon=True)
        bundle.start()
        # Cold charts are rendered by a pool of processes, one per core (each chart's
        # SVG, then its PNG from it), beside validation and the downloads: docs/build.md.
        svgs = render_all(
            charts,
            cache / "charts",
            workers=workers(),
            stats=stats,
            progress=partial(p.count, "charts"),
            png_cache=cache / "png",
            files=files,
        )
        bundle.join()
        result.charts = len(charts)
        result.plans_kept = kept.hits
        result.charts_rendered = stats.renders
    svg_files = {cid: path for cid, path in files.items() if svgs.has_svg(cid)}
    return framework, analysis, Drawn(charts, svgs, svg_files)


def docs_stage(
    framework: Framework,
    analysis: Analysis,
    drawn: Drawn,
    data_dir: Path,
    docs: Path,
    when: date,
    project: Project,
    releases: Sequence[Release] = (),
) -> Docs:
    """Write every page and asset into a fresh ``docs`` folder; collect the downloads,
    chart SVGs, CSVs and PNGs (made once into caches, linked into the site by MkDocs'
    hooks). ``releases``: the releases recorded (``release.load_releases``), whose
    data, feeds, page and status histories the site publishes."""
    charts, svgs, svg_files = drawn.charts, drawn.svgs, drawn.svg_files
    if docs.exists():
        shutil.rmtree(docs)
    pages_src, cache = project.paths.pages, project.paths.cache
    shutil.copytree(pages_src, docs)
    downloads = collect_downloads(
        data_dir,
        cache / "downloads",
        project.property_prefix,
        _places(project),
        Notes.of(project),
        releases,
    )
    downloads += area_downloads(framework, cache / "downloads", Notes.of(project))
    of_releases = release_downloads(
        releases,
        cache / "downloads",
        project.property_prefix,
        Notes.of(project),
        project.paths.work,
    )
    # each release's charts, frozen as they were then (frozen.py); the pages offer them
    releases, frozen = freeze_embeds(releases, framework, charts, project)
    deferred: dict[str, list[str]] = {}
    # Indicator and evidence pages whose inputs did not change are taken from the cache
    # rather than rendered (pages/keys.py, docs/build.md).
    page_cache = PageCache(cache / "pages", data_dir, base_key(project, stated_build_date(when)))
    pages = write_pages(
        framework,
        analysis.assessments,
        charts,
        svgs,
        docs,
        build_date=stated_build_date(when),
        downloads=downloads + of_releases,
        deferred=deferred,
        project=project,
        analysis=analysis,
        workers=workers(),
        releases=releases,
        cache=page_cache,
    )
    hand_written = set()
    for page in sorted(pages_src.rglob("*.md")):
        name = page.relative_to(pages_src).as_posix()
        pages[name] = page.read_text(encoding="utf-8")
        hand_written.add(name)
    # The maintainers' guides: the project's own Markdown like the pages above, always
    # given to MkDocs again.
    for name, text in guide_pages(read_guides(project.paths.maintainers), words(project)).items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
        pages[name] = text
        hand_written.add(name)
    scripts = docs / "assets" / "javascripts"
    write_vega_assets(scripts, cache / "vega")
    write_boundary_scripts(scripts, project_boundaries(project).values())
    shim = ROOT / SHIM
    if not shim.is_file():
        raise NpfError(f"{SHIM} is missing: run `make deps` (npm ci) to install it")
    shutil.copyfile(shim, scripts / "iframe-worker-shim.js")
    files = {
        urls.download(d.name): d.source for d in downloads + of_releases if d.source is not None
    }
    available = {d.name for d in of_releases}
    files |= feed_files(releases, framework, project, cache / "feeds", available)
    files |= machines_stage(framework, analysis, downloads, project)
    files |= chart_files(charts, svg_files)
    files |= chart_downloads(charts, svg_files, cache, Notes.of(project))
    files |= choice_files(framework, cache / "downloads", SpecCache(cache / "specs"))
    files |= embed_files(framework, charts, svgs, project, cache / "embeds")
    files |= frozen
    files |= moved_files(framework, project, cache / "moved")
    return Docs(pages, deferred, files, hand_written, page_cache.hits)


def chart_downloads(
    charts: list[Chart], svg_files: dict[str, Path], cache: Path, notes: Notes
) -> dict[str, Path]:
    """``{path in the site: cached file}`` of each chart's CSV of figures with its CSVW
    metadata beside it (the licence and attribution, ``notes``), and of the headline
    charts' PNGs (made with their SVGs; any missing is made now)."""
    files: dict[str, Path] = {}
    for chart in charts:
        if chart.id in svg_files and chart.kind != "sparkline":  # a sparkline is no figure
            data = chart_csv(chart)
            key = hashlib.sha256(b"chart csv 1\0" + data).hexdigest()
            path = urls.chart_csv(chart.id)
            files[path] = cached_bytes(cache / "downloads", key, ".csv", data)
            about = chart_csv_metadata(chart, path.rsplit("/", 1)[-1], notes)
            key = hashlib.sha256(b"chart csvw 1\0" + about).hexdigest()
            files[path + METADATA_SUFFIX] = cached_bytes(cache / "downloads", key, ".json", about)
    sources = png_sources(charts, svg_files)
    made = ensure_pngs(sources.values(), cache / "png")
    files |= {urls.chart_png(cid): made[svg] for cid, svg in sources.items()}
    return files


def _places(project: Project) -> list[tuple[str, str]]:
    """The geographies' breakdown types and the resources naming their places."""
    return [(g.breakdown_type, g.places) for g in project.geographies]


def machines_stage(
    framework: Framework, analysis: Analysis, downloads: list[Download], project: Project
) -> dict[str, Path]:
    """The catalogue and the JSON API, made from the built downloads (their sizes are
    the catalogue's): ``{path in the site: cached file}``."""
    ctx = Context(framework, analysis.assessments, {}, {}, project=project, analysis=analysis)
    documents = machine_documents(framework, analysis, downloads, project, evidence_titles(ctx))
    return machine_files(documents, project.paths.cache / "machines")


def check_stage(data_dir: Path, out: Path, project: Project) -> Path:
    """Everything a user can get wrong about where the build reads and writes, checked
    before any work: the data folder exists and the output is safe to replace."""
    if not data_dir.is_dir():
        raise NpfError(
            f"the data folder {data_dir} does not exist: pass --data with the folder "
            "that holds framework/ and indicators/"
        )
    inputs = {
        "data folder": data_dir,
        "hand-written pages": project.paths.pages,
        "configuration": project.paths.root / CONFIG_FILE,
    }

    def made_as_site(folder: Path) -> bool:
        """A folder this command made: it carries the marker, or (a site built before
        there was a marker) the build record kept for that very folder."""
        return is_site(folder) or stamp_path(folder, project.paths.cache).is_file()

    return check_output(out, inputs=inputs, made_here=made_as_site, what="a site")


def build(
    data_dir: Path, out: Path, *, progress: bool = True, project: Project | None = None
) -> BuildResult:
    """Build the site from ``data_dir`` into ``out``; nothing to do if no input changed.
    ``project``: the configuration (``npf.toml``), by default the repository's own.

    One build at a time per output (a lock); what an interrupted build left behind is
    removed first. Analysis and chart summaries are phrased in the catalogue of messages
    of the project's language.

    Cold charts are rendered by ``spawn`` processes, which import the calling program's
    main module again: a script that calls ``build`` must do so under
    ``if __name__ == "__main__":``, as Python's ``multiprocessing`` asks (``npf build``
    and ``python -c`` need nothing)."""
    started = time.perf_counter()
    project = project or load_project(ROOT)
    target = check_stage(data_dir, out, project)
    with (
        locked(target),
        messages.use(messages.catalogue(project.language)),
        templates_compiled_in(project.paths.cache / "templates"),
    ):
        clean_stale(target)
        clean_work_folders(project.paths.work)
        result = _build(data_dir, target, Progress(progress), project)
    result.seconds = time.perf_counter() - started
    return result


def _build(data_dir: Path, out: Path, p: Progress, project: Project) -> BuildResult:
    result = BuildResult()
    cache = project.paths.cache
    stamp = stamp_path(out, cache)
    current = fingerprint(data_dir, project)
    if built_from(out, cache) == current:
        result.up_to_date = True
        return result
    # Validation runs in a process of its own while this one loads the data, renders the
    # charts and writes the pages into a folder of its own. The site is not touched
    # before validation has passed. If the data is bad enough to break a stage, the
    # validator's located problems are what is reported.
    config_stage(MKDOCS_CONFIG, project.paths.pages)
    releases = load_releases(project.paths.release_records)
    work = project.paths.work
    work.mkdir(parents=True, exist_ok=True)
    with (
        Background(data_dir, cache / "validated", project.paths.root) as validation,
        MadeAside(
            data_dir,
            cache / "downloads",
            project.property_prefix,
            project.language,
            _places(project),
            Notes.of(project),
            project.paths.release_records,
            workers(),
        ) as downloads,
        tempfile.TemporaryDirectory(prefix=f"docs-{os.getpid()}-", dir=work) as folder,
    ):
        if p.enabled:
            print("  validate (alongside the next stages) ...", file=sys.stderr, flush=True)
        docs = Path(folder) / "docs"
        try:
            framework, analysis, drawn = prepare_stages(data_dir, p, result, project)
            problems = project.check_breakdown_types(set(framework.breakdown_types))
            if problems := problems + project.check_levels(bool(framework.targets)):
                raise NpfError("npf.toml does not fit the data; nothing was built", problems)
            when = build_date(framework)
            with p.stage("downloads (waiting for them)"):
                downloads.wait()
            with p.stage("pages"):
                built = docs_stage(
                    framework, analysis, drawn, data_dir, docs, when, project, releases
                )
        except Exception:
            validity_stage(validation.result())
            raise
        with p.stage("validate (waiting for it)"):
            validity_stage(validation.result())
        result.pages = len(built.pages)
        result.pages_cached = built.cached
        # The record of the site being replaced goes first: if the swap fails or the
        # build is killed, the next build starts afresh rather than trust it.
        stamp.unlink(missing_ok=True)
        with p.stage("MkDocs"):
            result.warnings, result.pages_kept = publish_stage(
                docs, built, out, when, stamp.with_suffix(".pages.json"), project, releases
            )
    # The record says which inputs the published site was built from: if they changed
    # while it was building, there is none, and the next build starts afresh.
    if fingerprint(data_dir, project) == current:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(current)
    else:
        result.warnings.append(
            f"the data in {data_dir} changed during the build: run npf build again"
        )
    result.stages = p.times
    return result


def clean_work_folders(work: Path) -> None:
    """Remove the docs folders (``docs-PID-*``) of builds that are no longer running."""
    for folder in work.glob("docs-*"):
        pid = folder.name.split("-")[1]
        if folder.is_dir() and not (pid.isdigit() and _running(int(pid))):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
