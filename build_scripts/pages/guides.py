"""The maintainers' guides (``[paths] maintainers``, the repository's ``docs/``) as pages
of the site: each guide under ``maintainers/`` as its maintainers wrote it, with front
matter for its title and description, and a page listing them.

A guide is the project's own Markdown, like a hand-written page: it is published as it
is, not escaped. Its links to other guides stay relative, so they work on the site as in
the repository. The guides are left out of the site's search, which is for readers
looking for figures (and whose ranking every indexed word shifts); the about page links
to their list.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from build_scripts import urls
from build_scripts.pages.render import render

_HEADING = re.compile(r"^# (.+)$", flags=re.M)
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"\*\*?([^*]+)\*\*?")


@dataclass(frozen=True)
class Guide:
    """One guide: its path under docs (``maintainers/x.md``), title (its first
    heading), what it is about (its first paragraph, as plain text) and its text."""

    path: str
    title: str
    summary: str
    text: str


def read_guides(folder: Path | None) -> list[Guide]:
    """The guides in ``folder`` (its ``*.md`` files, by title); none without one."""
    if folder is None or not folder.is_dir():
        return []
    guides = [_guide(path) for path in sorted(folder.glob("*.md"))]
    return sorted(guides, key=lambda g: g.title.casefold())


def _guide(path: Path) -> Guide:
    text = path.read_text(encoding="utf-8")
    heading = _HEADING.search(text)
    title = heading.group(1).strip() if heading else path.stem.replace("-", " ").capitalize()
    after = text[heading.end() :] if heading else text
    return Guide(urls.guide(path.name), title, _first_paragraph(after), text)


def _first_paragraph(text: str) -> str:
    """The first sentence of the first paragraph of prose (not a list, table, code or
    heading), its links' labels kept and code and emphasis marks dropped."""
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        prose = block[:1].isalnum() or block[:1] == "[" or block[:1] == "`"
        if prose and not block.startswith("```"):
            plain = _LINK.sub(r"\1", " ".join(block.split())).replace("`", "")
            plain = _EMPHASIS.sub(r"\1", plain)
            sentence, stop, _ = plain.partition(". ")
            return sentence + ("." if stop else "")
    return ""


def guide_pages(guides: list[Guide], words: Mapping[str, str]) -> dict[str, str]:
    """``{path under docs: Markdown}`` of every guide and of the page listing them;
    nothing when there are no guides."""
    if not guides:
        return {}
    pages = {g.path: render("guide.md.j2", g.path, {"guide": g}, words) for g in guides}
    pages[urls.GUIDES] = render("guides.md.j2", urls.GUIDES, {"guides": guides}, words)
    return pages
