"""Atom feeds of the releases (``npf release``): ``feed.xml``, one entry per release
with what changed, and ``feeds/<slug>.xml`` per indicator, one entry per release with
its status then and why, so a reader can follow one indicator.

Written from the XML templates of ``feed_templates/`` with Jinja's autoescaping (every
value is text; markup in a name is escaped, never read). An entry's ``id`` is a URN made
from the site's name and the release, so it stays the same across builds and hosts;
links are absolute with a site URL (``[site] url``), else relative to the feed.
"""

from __future__ import annotations

import functools
import hashlib
import posixpath
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2

from build_scripts import urls
from build_scripts.config import Project
from build_scripts.downloads import cached_bytes
from build_scripts.messages import message, phrase, sentences
from build_scripts.model import Framework
from build_scripts.release import Release

TEMPLATES = Path(__file__).parent / "feed_templates"


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    updated: str
    page: str
    summary: str
    data: str = ""


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    updated: str
    author: str
    language: str
    page: str
    self: str
    entries: tuple[Entry, ...]


@functools.cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(enabled_extensions=("xml",), default=True),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def render(feed: Feed) -> bytes:
    return environment().get_template("feed.xml").render(feed=feed).encode("utf-8")


def _urn(project: Project, *parts: str) -> str:
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "\0".join((project.name, *parts))))


def _stamp(day: str) -> str:
    return f"{day}T00:00:00Z"


def _link(project: Project, feed_path: str, target: str) -> str:
    """``target`` (a path under docs) from the feed: absolute with a site URL, else
    relative to the feed's own place."""
    built = urls.url(target)
    return project.publishing.absolute(built) or posixpath.relpath(
        built, posixpath.dirname(feed_path) or "."
    )


def releases_feed(
    releases: Sequence[Release], framework: Framework, project: Project, available: set[str]
) -> Feed:
    from build_scripts.pages.releases import change_messages

    nouns = project.nouns
    page = urls.RELEASES
    entries = []
    for made in reversed(releases):
        titles = {s: r.title for s, r in made.indicators.items()}
        titles |= {s: i.title for s, i in framework.indicators.items()}
        said = change_messages(made, titles, nouns.indicator, nouns.indicators)
        anchor = "#release-" + made.version.replace(".", "-")
        entries.append(
            Entry(
                _urn(project, "release", made.version),
                phrase(message("release.entry_title", version=made.version)),
                _stamp(made.date),
                _link(project, urls.FEED, page) + anchor,
                sentences(said),
                _data(project, urls.FEED, urls.release_download(made.version), available),
            )
        )
    return Feed(
        _urn(project, "releases"),
        phrase(message("release.feed_title", site=project.name)),
        _stamp(releases[-1].date),
        project.publishing.statistics_by or project.name,
        project.language,
        _link(project, urls.FEED, page),
        project.publishing.absolute(urls.FEED),
        tuple(entries),
    )


def _data(project: Project, feed_path: str, name: str, available: set[str]) -> str:
    """The link to a release's download ``name`` (under ``data/``), if the site has it."""
    return _link(project, feed_path, urls.download(name)) if name in available else ""


def indicator_feed(
    releases: Sequence[Release], slug: str, title: str, project: Project, available: set[str]
) -> Feed | None:
    """The feed of one indicator: its status at each release that records it."""
    path = urls.indicator_feed(slug)
    page = _link(project, path, urls.indicator(slug))
    entries = []
    for made in reversed(releases):
        record = made.indicators.get(slug)
        if record is None:
            continue
        said = [
            record.reason,
            phrase(message("page.indicator.history_rule", criterion=record.criterion)),
        ]
        entries.append(
            Entry(
                _urn(project, "release", made.version, slug),
                phrase(
                    message(
                        "release.indicator_entry_title",
                        title=title,
                        status=record.status,
                        version=made.version,
                    )
                ),
                _stamp(made.date),
                page,
                " ".join(s for s in said if s),
                _data(project, path, urls.release_download(made.version, slug), available),
            )
        )
    if not entries:
        return None
    return Feed(
        _urn(project, "indicator", slug),
        phrase(message("release.indicator_feed_title", title=title)),
        entries[0].updated,
        project.publishing.statistics_by or project.name,
        project.language,
        page,
        project.publishing.absolute(path),
        tuple(entries),
    )


def feed_files(
    releases: Sequence[Release],
    framework: Framework,
    project: Project,
    cache: Path,
    available: set[str],
) -> dict[str, Path]:
    """``{path in the site: cached file}`` of every feed; none without a release.
    ``available``: the names of the downloads under ``data/`` the entries may link."""
    if not releases:
        return {}
    feeds = {urls.FEED: releases_feed(releases, framework, project, available)}
    for slug, indicator in sorted(framework.indicators.items()):
        found = indicator_feed(releases, slug, indicator.title, project, available)
        if found is not None:
            feeds[urls.indicator_feed(slug)] = found
    files = {}
    for path, feed in feeds.items():
        data = render(feed)
        key = hashlib.sha256(b"feed 1\0" + data).hexdigest()
        files[path] = cached_bytes(cache, key, ".xml", data)
    return files
