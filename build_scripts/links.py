"""``npf links``: the links a weekly check follows (``.github/workflows/link-check.yml``).

- Inside a built site, offline: every ``href`` and ``src`` of every page that stays in
  the site must reach a file of it (``broken_links``).
- Outside it: the site asks for nothing outside itself, so the sources' addresses the
  data cites are listed from the data (``source_links``) and checked politely, one at a
  time, with a timeout and a User-Agent that says who asks (``check_links``): ``HEAD``
  first, ``GET`` when a server refuses ``HEAD``.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from build_scripts.config import Project
from build_scripts.load import load_framework
from build_scripts.messages import Message, message, phrase

USER_AGENT = "npf-link-check/1 (a weekly check of the sources an open-data site cites)"
LINK_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "iframe": "src"}


@dataclass(frozen=True)
class BrokenLink:
    """A link of a page (``page``, relative to the site) to no file of the site."""

    page: str
    target: str


@dataclass(frozen=True)
class SourceLink:
    """An address the data cites, and who cites it (the framework, indicator slugs,
    evidence datasets)."""

    url: str
    cited_by: tuple[str, ...]


@dataclass(frozen=True)
class Failure:
    """An address that did not answer with a success: its status, or the reason."""

    link: SourceLink
    reason: str


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = LINK_ATTRIBUTES.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.targets.append(value)


def page_links(page: Path) -> list[str]:
    """Every ``href`` and ``src`` of a page, as written."""
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.targets


def broken_links(site: Path) -> list[BrokenLink]:
    """Every link of every page of ``site`` that stays in the site (no scheme, not only
    a fragment) and reaches no file of it."""
    broken = []
    root = site.resolve()
    for page in sorted(root.rglob("*.html")):
        for target in page_links(page):
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # another site, mailto:, data:, or a fragment of this page
            if parts.path.startswith("/"):
                found = root / unquote(parts.path).lstrip("/")
            else:
                found = Path(unquote(urljoin(page.as_uri(), parts.path).removeprefix("file://")))
            if found.is_dir():
                found = found / "index.html"
            if not found.is_file():
                broken.append(BrokenLink(page.relative_to(root).as_posix(), target))
    return broken


def source_links(data: Path, project: Project) -> list[SourceLink]:
    """Every web address the data cites (sources of the framework, of each indicator,
    of each criteria for change and of each evidence dataset), once, with who cites it."""
    framework = load_framework(data, project)
    cited: dict[str, dict[str, None]] = {}

    def cite(url: str, by: str) -> None:
        if url.startswith(("http://", "https://")):
            cited.setdefault(url, {})[by] = None

    for slug, indicator in framework.indicators.items():
        for source in indicator.sources:
            cite(source.url, slug)
        if indicator.criteria_source is not None:
            cite(indicator.criteria_source.url, slug)
    for dataset in framework.evidence:
        for source in dataset.sources:
            cite(source.url, dataset.slug)
    return [SourceLink(url, tuple(sorted(by))) for url, by in sorted(cited.items())]


Opener = Callable[[urllib.request.Request, float], int]


def _status(request: urllib.request.Request, timeout: float) -> int:
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return int(response.status)


def check_link(url: str, timeout: float = 20.0, opener: Opener = _status) -> str | None:
    """``None`` when ``url`` answers with a success (after redirects), else why not: the
    HTTP status, or the network's reason. A server that refuses ``HEAD`` is asked again
    with ``GET``."""
    reason = ""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            status = opener(request, timeout)
        except urllib.error.HTTPError as error:
            reason = f"HTTP {error.code}"
            continue
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            cause = getattr(error, "reason", error)
            return f"no answer ({cause})"
        if 200 <= status < 400:
            return None
        reason = f"HTTP {status}"
    return reason


def check_links(
    links: Iterable[SourceLink],
    timeout: float = 20.0,
    pause: float = 1.0,
    opener: Opener = _status,
) -> list[Failure]:
    """Each link checked in turn (``pause`` seconds between two of one host)."""
    failures = []
    last: dict[str, float] = {}
    for link in links:
        host = urlsplit(link.url).netloc
        wait = last.get(host, 0.0) + pause - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        reason = check_link(link.url, timeout, opener)
        last[host] = time.monotonic()
        if reason is not None:
            failures.append(Failure(link, reason))
    return failures


CITED = 3
"""How many of those who cite an address are named (the rest are counted)."""


def _cited(link: SourceLink) -> Message:
    shown = link.cited_by if len(link.cited_by) <= CITED + 1 else link.cited_by[:CITED]
    return message("links.cited", shown=list(shown), more=len(link.cited_by) - len(shown))


def _cell(value: str) -> str:
    from build_scripts.pages.markdown import text

    return text(value)


def _table(columns: list[Message], rows: list[list[str]]) -> list[str]:
    header = [_cell(phrase(c)) for c in columns]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]


def site_report(site: Path, broken: list[BrokenLink], form: str = "text") -> str:
    """What ``broken_links`` found, as plain text or Markdown (a job summary)."""
    pages = sum(1 for _ in site.rglob("*.html"))
    if not broken:
        said = phrase(message("links.site_ok", pages=pages))
    else:
        said = phrase(message("links.site_broken", n=len(broken)))
    if form == "markdown":
        title = phrase(message("links.site_title"))
        out = [f"## {title}", "", said]
        if broken:
            columns = [message("links.column.page"), message("links.column.link")]
            out += ["", *_table(columns, [[b.page, b.target] for b in broken])]
        return "\n".join(out) + "\n"
    lines = [phrase(message("links.broken", page=b.page, target=b.target)) for b in broken]
    return "\n".join([said, *(f"  {line}" for line in lines)]) + "\n"


def sources_report(links: list[SourceLink], failures: list[Failure], form: str = "text") -> str:
    """What ``check_links`` found, as plain text or Markdown (a job summary)."""
    if not failures:
        said = phrase(message("links.sources_ok", n=len(links)))
    else:
        said = phrase(message("links.sources_failed", failed=len(failures), n=len(links)))
    if form == "markdown":
        title = phrase(message("links.sources_title"))
        out = [f"## {title}", "", said]
        if failures:
            columns = [
                message("links.column.url"),
                message("links.column.reason"),
                message("links.column.cited_by"),
            ]
            rows = [[f.link.url, f.reason, phrase(_cited(f.link))] for f in failures]
            out += ["", *_table(columns, rows)]
        return "\n".join(out) + "\n"
    lines = [
        phrase(message("links.failure", url=f.link.url, reason=f.reason, cited=_cited(f.link)))
        for f in failures
    ]
    return "\n".join([said, *(f"  {line}" for line in lines)]) + "\n"


def listing(links: list[SourceLink]) -> str:
    """Every address, one a line, with who cites it."""
    return "".join(
        phrase(message("links.source", url=link.url, cited=_cited(link))) + "\n" for link in links
    )
