"""The old address of a renamed outcome or indicator (``pages.revisions.moved_pages``):
a small page that leads to the new one.

Like an embed page it is not a MkDocs page: written by the template
``pages/templates/moved.html.j2`` into the cache under the hash of its bytes and linked
into the site at the old address (``indicators/<old-slug>.html``). It says in words that
the page moved, with a link to the new page, and asks the browser to go there at once
(``<meta http-equiv="refresh">`` with no delay, which works from a static host, a web
archive and a zip opened from disk, and which WCAG allows when it is immediate); a
``canonical`` link tells search engines where the page is now."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from build_scripts import urls
from build_scripts.config import Project
from build_scripts.downloads import cached_bytes
from build_scripts.messages import message, phrase
from build_scripts.model import Framework
from build_scripts.pages.revisions import Moved, moved_pages

TEMPLATES = Path(__file__).parent / "pages" / "templates"


@dataclass(frozen=True)
class MovedPage:
    """Everything a moved page shows; text is escaped by the template, ``text`` is
    markup made from escaped values."""

    language: str
    page_title: str
    title: str
    text: Markup
    href: Markup  # relative to the old page, escaped


def built_name(path: str) -> str:
    """The built name of a page's Markdown source (``x.md`` -> ``x.html``)."""
    return path[: -len(".md")] + ".html" if path.endswith(".md") else path


def moved_page(moved: Moved, project: Project) -> MovedPage:
    href = Markup(urls.href(moved.path, moved.target))
    noun = project.nouns.outcome if moved.level == "outcome" else project.nouns.indicator
    link = Markup('<a href="{}">{}</a>').format(href, moved.title)
    said = phrase(
        message(
            "page.revision.moved",
            thing=escape(noun),
            version=escape(moved.version),
            framework=escape(project.framework),
            link=link,
        )
    )
    return MovedPage(
        language=project.language,
        page_title=phrase(message("page.revision.moved_title", title=moved.title)),
        title=moved.title,
        text=Markup(said),
        href=href,
    )


def render_moved(page: MovedPage) -> str:
    return _template().render(page=page)


def moved_files(framework: Framework, project: Project, cache: Path) -> dict[str, Path]:
    """``{path in the site: cached file}`` of the page at each renamed outcome's and
    indicator's old address."""
    files = {}
    for moved in moved_pages(framework):
        data = render_moved(moved_page(moved, project)).encode("utf-8")
        key = hashlib.sha256(b"moved page 1\0" + data).hexdigest()
        files[built_name(moved.path)] = cached_bytes(cache, key, ".html", data)
    return files


def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    return env.get_template("moved.html.j2")
