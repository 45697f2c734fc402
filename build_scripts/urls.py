"""Every path of a generated page, download and chart, made here and nowhere else.

Paths are relative to the docs folder and name the Markdown source (``outcomes/health.md``);
``href`` turns one into the link a given page writes (relative, ``.md`` -> ``.html``,
each segment percent-encoded). The site uses ``use_directory_urls: false``, so a page's
built name is its source name with ``.html``.

The page kinds (``pages.kinds``) take their URL patterns from here, the pages and the
build the paths of chart SVGs, and ``downloads`` and ``pages.data`` the names of the
downloads, so a URL changes in one place.
"""

from __future__ import annotations

import html
import posixpath
from urllib.parse import quote

HOME = "index.md"
OUTCOMES = "outcomes/index.md"
EQUALITY = "equality/index.md"
AREAS = "areas/index.md"
DATA = "data/index.md"
METHODOLOGY = "methodology.md"  # hand-written, in site_src/
API_DOCS = "api.md"  # hand-written, in site_src/: the JSON API and the catalogue
CATALOG = "data/catalog.json"  # the DCAT-AP catalogue (``catalog``)
GAPS_METHOD = METHODOLOGY + "#gaps-between-groups"  # how gaps between groups are found
GUIDES = "maintainers/index.md"  # the maintainers' guides (``[paths] maintainers``)

# The folders downloads go to, and the patterns of the pages of one thing each.
DATA_DIR = "data"
OUTCOME = "outcomes/{slug}.md"
TARGET = "targets/{slug}.md"  # a framework's level between outcomes and indicators
INDICATOR = "indicators/{slug}.md"
CHARACTERISTIC = "equality/{slug}.md"
EVIDENCE = "evidence/{slug}.md"
AREA = "areas/{slug}.md"


def outcome(slug: str) -> str:
    return OUTCOME.format(slug=slug)


def target(slug: str) -> str:
    return TARGET.format(slug=slug)


def indicator(slug: str) -> str:
    return INDICATOR.format(slug=slug)


def characteristic(slug: str) -> str:
    return CHARACTERISTIC.format(slug=slug)


def evidence(slug: str) -> str:
    return EVIDENCE.format(slug=slug)


def area(slug: str) -> str:
    return AREA.format(slug=slug)


def guide(name: str) -> str:
    """A maintainers' guide by its file name (``adding-an-indicator.md``)."""
    return posixpath.join(posixpath.dirname(GUIDES), name)


# --- downloads: names under data/ (``Download.name``) and their paths ----------------

ALL_ZIP = "all.zip"
FRAMEWORK_ZIP = "framework.zip"  # the framework package's zip (its slug is "framework")


def indicator_download(slug: str, extension: str) -> str:
    """The name under ``data/`` of an indicator's ``csv``, ``xlsx`` or ``zip``."""
    return f"{slug}.{extension}"


def evidence_download(slug: str) -> str:
    """The name under ``data/`` of an evidence dataset's zipped package."""
    return f"evidence/{slug}.zip"


def area_download(slug: str) -> str:
    """The name under ``data/`` of a place's CSV (every figure for the place)."""
    return f"areas/{slug}.csv"


RELEASES = "data/releases.md"  # the releases page (``pages.releases``)
FEED = "feed.xml"  # the Atom feed of releases (``feeds``)


def release_download(version: str, slug: str = "") -> str:
    """The name under ``data/`` of a release's data: every package (``all.zip``), or
    one indicator's package as it was at that release."""
    return f"releases/{version}/{slug or 'all'}.zip"


def indicator_feed(slug: str) -> str:
    """An indicator's Atom feed: its status and figures at each release."""
    return f"feeds/{slug}.xml"


def download(name: str) -> str:
    """The path of a download, from its name under ``data/``."""
    return f"{DATA_DIR}/{name}"


# --- charts ------------------------------------------------------------------------


def chart_svg(chart_id: str) -> str:
    """Where a chart's static SVG goes."""
    return f"charts/{chart_id}.svg"


def chart_png(chart_id: str) -> str:
    """Where a chart's PNG goes (headline charts: see ``charts.png``)."""
    return f"charts/{chart_id}.png"


def chart_choice(choice_id: str) -> str:
    """Where the data file of a combination of breakdowns charted in the browser goes
    (``charts.crossed``)."""
    return f"charts/{choice_id}.js"


def chart_csv(chart_id: str) -> str:
    """Where the CSV of a chart's figures goes."""
    return f"charts/{chart_id}.csv"


# --- links -------------------------------------------------------------------------

# Links out of the site: kept as written (only characters a URL may not hold are
# encoded). Any other scheme (``javascript:``, ``data:``) is not a link out: it is read
# as a relative path and encoded, so it can never run.
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})
URL_SAFE = ";/?:@&=+$,-_.!~*'()#%[]"


def web(address: str) -> bool:
    """Whether ``address`` is a link out of the site (``http(s)`` or ``mailto``)."""
    head = address.split("/", 1)[0]
    return ":" in head and head.split(":", 1)[0].lower() in EXTERNAL_SCHEMES


def linkable(target: str) -> bool:
    """Whether ``target`` may be a link: a path in the site, or an ``http(s)``/``mailto``
    address. A data package's or the configuration's address in any other scheme
    (``javascript:``, ``data:``) is shown as text, never linked (validation refuses it
    too: ``not-a-web-address``)."""
    return ":" not in target.split("/", 1)[0] or web(target)


def url(path: str) -> str:
    """A link target: an ``http(s)``/``mailto`` URL as written, HTML-escaped; otherwise a
    relative link, each segment percent-encoded.

    A link to a page is written to its built name (``x.md`` -> ``x.html``, the site uses
    ``use_directory_urls: false``): MkDocs rewrites ``.md`` links only in Markdown links,
    not in HTML, and the generated pages are mostly HTML tables and lists."""
    scheme = path.split(":", 1)[0].lower() if ":" in path.split("/", 1)[0] else ""
    if scheme in EXTERNAL_SCHEMES:
        return html.escape(quote(path, safe=URL_SAFE), quote=True)
    target, hash_, fragment = path.partition("#")
    if target.endswith(".md"):
        target = target[: -len(".md")] + ".html"
    encoded = "/".join(quote(segment, safe="-._~") for segment in target.split("/"))
    return encoded + (hash_ + quote(fragment, safe="-._~") if hash_ else "")


def relative(page: str, target: str) -> str:
    """``target`` (a path under docs) as a relative link from ``page``."""
    if _is_external(target):
        return target
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def href(page: str, target: str) -> str:
    """The escaped ``href`` that ``page`` writes for ``target``: a path under docs (made
    relative), or a link out of the site (``http``, ``https``, ``mailto`` only; any
    other scheme is written as a harmless relative path, see ``markdown.url``)."""
    return url(relative(page, target))


def _is_external(target: str) -> bool:
    head = target.split("/", 1)[0]
    return ":" in head


def embed(chart_id: str) -> str:
    """A chart's embeddable page (``embed``): the chart alone, with its source, licence
    and a link back, for an ``<iframe>`` on another site."""
    return f"embed/{chart_id}.html"


def embed_release(version: str, chart_id: str) -> str:
    """A chart's embeddable page frozen to release ``version`` (``frozen``): its
    figures as they were in that release, at an address later releases do not change."""
    return f"embed/releases/{version}/{chart_id}.html"


def release_chart_svg(key: str) -> str:
    """The static SVG of a chart as a release had it, named by its content (``key``), so
    that releases whose chart is the same share one file and none is ever rewritten."""
    return f"charts/releases/{key}.svg"
