"""The releases page (``data/releases.html``) and each indicator's status history, from
the releases' records (``build_scripts.release``): what changed in each release, its data
to download, and the status of an indicator at each release with why it changed.

With no release recorded there is no releases page and no history: the site reads as
it did before the first ``npf release``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from build_scripts import urls
from build_scripts.formatting import published_date
from build_scripts.messages import Message, message, phrase
from build_scripts.pages.content import Link
from build_scripts.pages.context import Context
from build_scripts.release import Release, StatusChange, status_history


def change_messages(
    made: Release, titles: Mapping[str, str], noun: str, nouns: str
) -> list[Message]:
    """What changed in a release (its record's ``changes``), as messages: the first
    release says so; otherwise indicators added and removed, retired and renamed by a
    revision of the framework, those with new figures, and each status that changed."""
    if made.previous is None or made.changes is None:
        return [message("page.releases.first")]
    changes = made.changes
    plural = {"indicator": noun, "indicators": nouns}
    said: list[Message] = []

    def names(slugs: Sequence[str]) -> list[str]:
        return [titles.get(s, s) for s in slugs]

    added = sorted(changes.get("added_indicators") or [])
    if added:
        said.append(message("page.releases.added", count=len(added), names=names(added), **plural))
    removed = sorted(changes.get("removed_indicators") or [])
    if removed:
        n = len(removed)
        said.append(message("page.releases.removed", count=n, names=names(removed), **plural))
    retired = sorted(changes.get("retired_indicators") or [])
    if retired:
        n = len(retired)
        said.append(message("page.releases.retired", count=n, names=names(retired), **plural))
    renamed = changes.get("renamed_indicators") or {}
    if renamed:
        pairs = [
            (titles.get(old, old), titles.get(new, new)) for old, new in sorted(renamed.items())
        ]
        said.append(message("page.releases.renamed", count=len(pairs), pairs=pairs, **plural))
    periods = sorted(changes.get("new_periods") or {})
    if periods:
        n = len(periods)
        said.append(message("page.releases.new_periods", count=n, names=names(periods), **plural))
    revised = changes.get("revised_figures") or 0
    if revised:
        said.append(message("page.releases.revised", count=revised))
    for slug, change in sorted((changes.get("changed_statuses") or {}).items()):
        said.append(
            message(
                "page.releases.changed_status",
                name=titles.get(slug, slug),
                was=change["from"],
                status=change["to"],
            )
        )
    return said or [message("page.releases.nothing_changed", indicator=noun)]


def _titles(ctx: Context, made: Release) -> dict[str, str]:
    """Each indicator's title: the site's, else the one the release recorded."""
    titles = {slug: r.title for slug, r in made.indicators.items()}
    return titles | {slug: i.title or slug for slug, i in ctx.framework.indicators.items()}


def releases_page(ctx: Context) -> dict[str, Any]:
    names = {d.name for d in ctx.downloads}
    nouns = ctx.project.nouns
    listed = []
    for made in reversed(ctx.releases):
        titles = _titles(ctx, made)
        whole = urls.release_download(made.version)
        by_indicator = [
            Link(titles.get(slug, slug), urls.download(urls.release_download(made.version, slug)))
            for slug in sorted(made.indicators, key=lambda s: ((titles.get(s) or s).casefold(), s))
            if urls.release_download(made.version, slug) in names
        ]
        listed.append(
            {
                "version": made.version,
                "anchor": "release-" + made.version.replace(".", "-"),
                "date": published_date(made.date),
                "latest": made is ctx.releases[-1],
                "changes": [
                    phrase(m)
                    for m in change_messages(made, titles, nouns.indicator, nouns.indicators)
                ],
                "all": Link(
                    phrase(message("page.releases.all_data", version=made.version)),
                    urls.download(whole),
                )
                if whole in names
                else None,
                "indicators": by_indicator,
            }
        )
    return {"releases": listed, "feed_path": urls.FEED}


@dataclass(frozen=True)
class History:
    """An indicator's status history, as its page says it: since when it has its
    status (and what it was), each change with its reason and rule, the links to its
    data at each release and its feed."""

    since: Message
    changes: tuple[tuple[Message, Message], ...]
    data: tuple[Link, ...]
    feed: str


def indicator_history(ctx: Context, slug: str) -> History | None:
    """The history of ``slug`` from the releases' records; None before any release
    recorded it."""
    steps: list[StatusChange] = status_history(ctx.releases, slug)
    if not steps:
        return None
    last = steps[-1]
    since = message(
        "page.indicator.history_since", status=last.status, version=last.version, was=last.was or ""
    )
    changes = tuple(
        (
            message(
                "page.indicator.history_change",
                version=s.version,
                date=published_date(s.date),
                status=s.status,
                was=s.was or "",
                reason=s.record.reason,
            ),
            message("page.indicator.history_rule", criterion=s.record.criterion),
        )
        for s in reversed(steps)
    )
    names = {d.name for d in ctx.downloads}
    data = tuple(
        Link(r.version, urls.download(urls.release_download(r.version, slug)))
        for r in ctx.releases
        if slug in r.indicators and urls.release_download(r.version, slug) in names
    )
    return History(since, changes, data, urls.indicator_feed(slug))
