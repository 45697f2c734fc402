"""Embeds frozen to a release: a chart's embeddable page with its figures as they were
in a recorded release (``npf release``), at ``embed/releases/<version>/<chart-id>.html``
(``urls.embed_release``), an address that later releases do not change.

Every chart that has an embed page (each measure's headline chart and each breakdown
chart, ``embed.embedded_charts``) gets one in every release, made from the release's own
data (``releases/<version>/data.zip``): loaded by the build's loader, planned and
rendered as the build does (the same spec and SVG caches), and written by the embed
page's template with a note under the title naming the release, linking to the latest
figures (the chart's current embed page; else its indicator's page; else, for an
indicator no longer published, the releases page) and to that release's data. Its SVG
is at ``charts/releases/<hash of the SVG>.svg`` (``urls.release_chart_svg``): releases
whose chart is the same share one file, and none is ever rewritten.

A release's pages depend on its data, the generator's code, the project's configuration
and words, and where their links lead today: all of it is hashed into one key, under
which the list of its files is kept (``<cache>/frozen/``). A warm build reads that list
and nothing else: it loads no release's data and renders nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from markupsafe import Markup

from build_scripts import messages, release, urls
from build_scripts.charts.model import Chart
from build_scripts.charts.plan import indicator_charts
from build_scripts.charts.render import SvgRenderer, render_all
from build_scripts.charts.specs import SpecCache
from build_scripts.config import CONFIG_FILE, Project
from build_scripts.digest import files_digest
from build_scripts.downloads import cached_bytes
from build_scripts.embed import ReleaseNote, back_link, embed_html, embed_page, embedded_charts
from build_scripts.errors import NpfError
from build_scripts.formatting import published_date
from build_scripts.load import load_framework
from build_scripts.model import Framework
from build_scripts.release import FrozenEmbed, Release

FORMAT = "frozen embeds 1"
"""Raised when what a frozen embed holds changes in a way the code's hash would miss."""
CODE = Path(__file__).resolve().parent  # the generator's code and templates


@dataclass(frozen=True)
class Now:
    """Where a frozen page's links can lead in the site being built: the charts that
    have a current embed page, and the indicators that have a page (current, retired,
    or the old address of a renamed one)."""

    embeds: frozenset[str]
    indicators: frozenset[str]

    def digest(self) -> str:
        text = json.dumps([sorted(self.embeds), sorted(self.indicators)])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def latest(self, chart_id: str, slug: str) -> str:
        """The page with the latest figures of a chart of indicator ``slug``."""
        if chart_id in self.embeds:
            return urls.embed(chart_id)
        return self.indicator(slug)

    def indicator(self, slug: str) -> str:
        """The indicator's page; the releases page if it has none any more."""
        return urls.indicator(slug) if slug in self.indicators else urls.RELEASES


@dataclass(frozen=True)
class Frozen:
    """One release's frozen embeds: each chart's title and height, by chart id, and the
    files of the site they make (path in the site -> cached file)."""

    charts: dict[str, FrozenEmbed]
    files: dict[str, Path]


def freeze_embeds(
    releases: Sequence[Release], framework: Framework, charts: Sequence[Chart], project: Project
) -> tuple[tuple[Release, ...], dict[str, Path]]:
    """Each release with the charts frozen to it (``Release.embeds``), and every file
    of their pages, by path in the site; ``framework`` and ``charts`` are the current
    ones (where the pages' links lead)."""
    if not releases:
        return tuple(releases), {}
    renamed = framework.renamed("indicator")
    now = Now(
        frozenset(c.id for c, _, _ in embedded_charts(framework, charts)),
        frozenset(framework.indicators) | frozenset(renamed),
    )
    common = "\0".join(
        (
            FORMAT,
            files_digest(CODE),
            files_digest(project.paths.root / CONFIG_FILE),
            project.publishing.site_url,
            messages.current().fingerprint,
            now.digest(),
        )
    )
    out: list[Release] = []
    files: dict[str, Path] = {}
    for made in releases:
        frozen = _frozen(made, common, now, project)
        out.append(replace(made, embeds=frozen.charts))
        files |= frozen.files
    return tuple(out), files


def _frozen(made: Release, common: str, now: Now, project: Project) -> Frozen:
    """The release's frozen embeds from the cache's list, else made and listed."""
    data_zip = made.data_zip
    if data_zip is None or not data_zip.is_file():
        raise NpfError(
            f"release {made.version} has no {release.DATA_ZIP} ({data_zip}): restore it from git"
        )
    digest = hashlib.sha256(data_zip.read_bytes()).hexdigest()
    key = hashlib.sha256(
        "\0".join((common, made.version, made.date, digest)).encode("utf-8")
    ).hexdigest()
    listed = project.paths.cache / "frozen" / key[:2] / f"{key}.json"
    cache = project.paths.cache
    found = _listed(listed, cache)
    if found is not None:
        return found
    frozen = _make(made, data_zip, now, project)
    record = {
        "charts": {cid: [c.title, c.height] for cid, c in sorted(frozen.charts.items())},
        # relative to the cache, which may move (every file is in it)
        "files": {
            path: f.resolve().relative_to(cache.resolve()).as_posix()
            for path, f in sorted(frozen.files.items())
        },
    }
    data = json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8")
    cached_bytes(cache / "frozen", key, ".json", data)  # at ``listed``
    return frozen


def _listed(path: Path, cache: Path) -> Frozen | None:
    """The frozen embeds a list in ``cache`` names, if it is there and so are they."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        charts = {cid: FrozenEmbed(str(t), int(h)) for cid, (t, h) in record["charts"].items()}
        files = {name: cache / f for name, f in record["files"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return Frozen(charts, files) if all(f.is_file() for f in files.values()) else None


def _make(made: Release, data_zip: Path, now: Now, project: Project) -> Frozen:
    """Load the release's data, plan its indicators' charts, render them and write the
    page of each one that has an embed page."""
    cache = project.paths.cache
    with release.unzipped(data_zip, project.paths.work) as folder:
        try:
            then = load_framework(folder, project)
        except NpfError as error:
            raise NpfError(
                f"release {made.version}: its data ({data_zip}) cannot be read to freeze its "
                f"charts: {error.message}",
                error.problems,
            ) from None
    specs = SpecCache(cache / "specs")
    planned = [
        chart
        for slug in sorted(then.indicators)
        for chart in indicator_charts(then, then.indicators[slug], project.place, specs)
    ]
    chosen = embedded_charts(then, planned)
    svgs = render_all([chart for chart, _, _ in chosen], cache / "charts")
    renderer = SvgRenderer(cache / "charts")
    charts: dict[str, FrozenEmbed] = {}
    files: dict[str, Path] = {}
    for chart, indicator, measure in chosen:
        svg = svgs.get(chart.id)
        if not svg:
            continue
        svg_path = urls.release_chart_svg(hashlib.sha256(svg.encode("utf-8")).hexdigest()[:20])
        files[svg_path] = renderer.path_for(chart.spec)
        path = urls.embed_release(made.version, chart.id)
        page = embed_page(then, chart, svg, indicator, measure, project, path, svg_path)
        say = messages.phrase
        page = replace(
            page,
            page_title=say(
                messages.message(
                    "embed.release_title",
                    title=chart.title,
                    version=made.version,
                    site=project.name,
                )
            ),
            back_href=back_link(project, path, now.indicator(indicator.slug)),
            release=ReleaseNote(
                say(
                    messages.message(
                        "embed.release_note",
                        version=made.version,
                        date=published_date(made.date),
                    )
                ),
                say(messages.message("embed.release_latest")),
                back_link(project, path, now.latest(chart.id, indicator.slug)),
                say(messages.message("embed.release_data", version=made.version)),
                Markup(
                    urls.href(
                        path, urls.download(urls.release_download(made.version, indicator.slug))
                    )
                ),
            ),
        )
        data = embed_html(page).encode("utf-8")
        files[path] = cached_bytes(
            cache / "embeds", hashlib.sha256(data).hexdigest(), ".html", data
        )
        charts[chart.id] = FrozenEmbed(chart.title, page.height)
    return Frozen(charts, files)
