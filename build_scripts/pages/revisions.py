"""What pages say of a revised framework (docs/revisions.md): the notice at the top of a
retired outcome's or indicator's page (retired in which revision, and what replaced it),
the table of every revision's changes on the list of outcomes (so the pages of every
version stay reachable), and the pages an old, renamed address leads from
(``moved_pages``)."""

from __future__ import annotations

from dataclasses import dataclass

from build_scripts import urls
from build_scripts.messages import message, phrase
from build_scripts.model import Framework
from build_scripts.pages.content import Cell, Link, Rows, cell
from build_scripts.pages.context import Context

LEVELS = ("outcome", "indicator")


@dataclass(frozen=True)
class Retired:
    """The notice on a retired outcome's or indicator's page."""

    version: str  # the framework version whose revision retired it
    change: str  # merge, split or retire
    replaced_by: tuple[Link, ...]
    note: str


@dataclass(frozen=True)
class Moved:
    """A renamed outcome's or indicator's old address, and the page it leads to now."""

    level: str  # outcome or indicator
    path: str  # the old page's path under docs (``indicators/old.md``)
    target: str  # the page it leads to (``indicators/new.md``)
    title: str  # the title of that page
    version: str  # the framework version whose revision renamed it


def page_of(level: str, slug: str) -> str:
    """The path of an outcome's or an indicator's page."""
    return urls.outcome(slug) if level == "outcome" else urls.indicator(slug)


def _title(framework: Framework, level: str, slug: str) -> str | None:
    """The name of the outcome or indicator with a page at ``slug``, or ``None``."""
    if level == "outcome":
        return next((o.name for o in framework.outcomes if o.slug == slug), None)
    indicator = framework.indicators.get(slug)
    return indicator.title if indicator is not None else None


def link(framework: Framework, level: str, slug: str) -> Link | str:
    """A link to the page of an outcome or indicator, by its name; an old renamed slug
    links to its old address (which leads to the new page), named by its slug."""
    title = _title(framework, level, slug)
    if title is not None:
        return Link(title, page_of(level, slug))
    if slug in framework.renamed(level):
        return Link(slug, page_of(level, slug))
    return slug


def retired_notice(ctx: Context, level: str, slug: str) -> Retired | None:
    """What a retired outcome's or indicator's page says at its top; ``None`` when it is
    current."""
    framework = ctx.framework
    replacement = framework.replacement(level, slug)
    if replacement is None:
        return None
    now = framework.renamed(level)
    links = [link(framework, level, now.get(s, s)) for s in replacement.slugs]
    return Retired(
        replacement.version,
        replacement.change,
        tuple(x for x in links if isinstance(x, Link)),
        replacement.note,
    )


def revision_rows(ctx: Context) -> Rows:
    """One row per change of every revision: the version it made, the change, what was
    there before and what is there after (each linked to its page), and why."""
    framework = ctx.framework
    nouns = ctx.project.nouns
    noun = {
        "outcome": (nouns.outcome, nouns.outcomes),
        "indicator": (nouns.indicator, nouns.indicators),
    }
    rows: list[list[Cell]] = []
    for r in framework.revisions:
        rows.append(
            [
                cell(r.to_version),
                cell(_change(r.change, *noun[r.level])),
                cell(link(framework, r.level, r.old_slug) if r.old_slug else None),
                cell(link(framework, r.level, r.new_slug) if r.new_slug else None),
                cell(r.note),
            ]
        )
    return rows


def _change(change: str, noun: str, nouns: str) -> str:
    return phrase(message("page.revision.change", change=change, noun=noun, nouns=nouns))


def moved_pages(framework: Framework) -> list[Moved]:
    """The old address of every renamed outcome and indicator, each leading to the page
    of what it is now (a later rename followed); none where a page has that address."""
    moved = []
    for level in LEVELS:
        versions = {
            r.old_slug: r.to_version
            for r in framework.revisions
            if r.level == level and r.change == "rename"
        }
        for old, new in sorted(framework.renamed(level).items()):
            title = _title(framework, level, new)
            if title is None or _title(framework, level, old) is not None:
                continue  # validation reports both (revision-unknown-slug, -slug-taken)
            moved.append(
                Moved(level, page_of(level, old), page_of(level, new), title, versions[old])
            )
    return moved
