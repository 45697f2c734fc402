"""Pages from Jinja2 templates: the environment, its filters and the words it knows.

Every value a template prints goes through the Markdown-safe escaping of ``markdown.text``
unless it is already markup (``Markup``: what a macro, a filter below or another
template wrote). That is HTML autoescaping and the escaping Markdown needs beyond it in
one step, so a name from a data package is inert wherever a template puts it: in a
paragraph, a heading, a table cell or an HTML block. Right-to-left text is isolated in
``<bdi>`` by the same step.

Filters: ``attr`` (a double-quoted attribute), ``href`` (a path under docs, or a link
out, as the current page links to it), ``yaml`` (a front matter string),
``preformatted`` (lines for a ``<pre>``), ``anchor`` (a heading's id), ``join_words``,
``lower_first``, ``phrase`` (a message of analysis in the
words of the message catalogue, ``build_scripts.messages``), ``status_slug``,
``status_icon``. The words of the framework (its name, the nouns of its levels, the place
its headline is for, its licence) are one mapping, ``words(project)``, that each page's
render is given as ``words``: they come from the project's configuration (``npf.toml``),
passed through the build.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import html
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from build_scripts import messages, urls
from build_scripts.analyse.statuses import Status
from build_scripts.catalog import script_json
from build_scripts.charts.html import chart_html
from build_scripts.config import Project
from build_scripts.formatting import join_words, published_date
from build_scripts.messages import Message
from build_scripts.messages import lower_first_name as lower_first
from build_scripts.pages import markdown as md
from build_scripts.pages.content import ChartFigure, Rows
from build_scripts.urls import href, relative

TEMPLATES = Path(__file__).parent / "templates"


def words(project: Project) -> dict[str, str]:
    """The framework's own words, as pages say them, from the project's configuration:
    the site's name, the nouns of its levels, the place its headline is for, what its
    places are called (its first geography) and its licence."""
    nouns = project.nouns
    # one geography names the places (the NPF's council areas); several, such as
    # countries, regions and local authorities, are places (each page names its own)
    one = len(project.geographies) == 1
    geography = project.geographies[0] if one else None
    return {
        "site_name": project.name,
        "framework": project.framework,
        # the place as a label names it ("United Kingdom"), and as a sentence says it
        # ("the United Kingdom"): messages are given ``place_text``
        "place": project.place,
        "place_text": project.place_text,
        "outcome": nouns.outcome,
        "outcomes": nouns.outcomes,
        # before the links to an indicator's outcomes: "National outcome"
        "outcome_label": _sentence_case(nouns.outcome),
        "outcomes_label": _sentence_case(nouns.outcomes),
        "indicator": nouns.indicator,
        "indicators": nouns.indicators,
        # the level between, where the framework has targets ("" where it has none)
        "target": nouns.target,
        "targets": nouns.targets,
        "target_label": _sentence_case(nouns.target),
        "targets_label": _sentence_case(nouns.targets),
        "area": lower_first(geography.one) if geography else messages.phrase(PLACE),
        "areas": lower_first(geography.name) if geography else messages.phrase(PLACES),
        "licence": project.licence.title,
        "licence_url": project.licence.url,
        "attribution": project.licence.attribution,
    }


PLACE, PLACES = messages.message("words.place"), messages.message("words.places")


def _sentence_case(noun: str) -> str:
    """``National Outcome`` -> ``National outcome``: a label at the start of a line."""
    first, _, rest = noun.partition(" ")
    return f"{first} {rest.lower()}" if rest else first


_ANCHOR = re.compile(r"[A-Za-z0-9_-]+")


def _finalize(value: object) -> object:
    if isinstance(value, Markup):
        return value
    if value is None:
        raise TypeError("a template printed None: a page module left a value out")
    return Markup(md.text(value))


def _attr(value: object) -> Markup:
    return Markup(md.attr(value))


@jinja2.pass_context
def _href(context: jinja2.runtime.Context, target: str) -> Markup:
    return Markup(href(context["page_path"], target))


def _yaml(value: str) -> Markup:
    """A one-line, double-quoted YAML string, HTML-escaped: the theme prints the page's
    title and description into the HTML without escaping them."""
    return Markup(md.yaml_string(html.escape(str(value))))


def _preformatted(value: str) -> Markup:
    """Text of several lines for a ``<pre>`` block: its lines and spaces kept, every
    character that HTML or Markdown could read as syntax written as a reference."""
    return Markup(md.preformatted(value))


def _anchor(value: str) -> Markup:
    if not _ANCHOR.fullmatch(value):
        raise ValueError(f"a heading anchor must be letters, digits, '-' or '_': {value!r}")
    return Markup(value)


def _join_words(items: Iterable[object]) -> Markup:
    return Markup(join_words([str(_finalize(i)) for i in items], messages.current().conjunction))


def _escaped(value: object) -> object:
    """A value for a page's words: text escaped as anything a page prints (unless it is
    already markup); numbers, lists and messages as they are, for the catalogue's logic."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(md.text(value))
    return value


def _t(id: str, /, **values: Any) -> Markup:
    """The page's own words, ``t("page.indicator.all_figures")``, from the catalogue in
    use. The catalogue's words are written as the template's own would be (they may hold
    Markdown); the values are escaped like every printed value, or kept when they are
    markup (a link a macro wrote)."""
    said = messages.phrase(Message(id, {k: _escaped(v) for k, v in values.items()}))
    return Markup(said)


def _plain(id: str, /, **values: Any) -> str:
    """The page's words as plain text, for the front matter and attributes, which escape
    what they print themselves."""
    return messages.phrase(Message(id, values))


def _phrase(found: Message | Iterable[Message]) -> str:
    """A message (or several, as sentences one after another) in the words of the
    catalogue in use; the page's escaping applies to the words as to any text."""
    if isinstance(found, Message):
        return messages.phrase(found)
    return messages.sentences(found)


def _table_id(caption: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A stable id from the table's content: the same table gets the same id on every
    build, and two different tables on a page get different ids."""
    digest = hashlib.sha1(caption.encode("utf-8"))
    digest.update("\x1f".join(headers).encode("utf-8"))
    for row in rows:
        digest.update("\x1e".join(row).encode("utf-8"))
    return "npf-table-" + digest.hexdigest()[:10]


@dataclass(frozen=True)
class PreparedTable:
    id: str
    heads: list[tuple[str, bool]]  # escaped header, numeric
    rows: Markup  # the <tr> rows of the body


_NUM = ' class="npf-num"'


def _inline_macro(context: jinja2.runtime.Context) -> jinja2.runtime.Macro:
    """The ``inline`` macro of ``_macros.md.j2``, from the context of its ``table`` macro
    (the one caller of ``prepare_table``)."""
    found = context.resolve_or_missing("inline")
    if not isinstance(found, jinja2.runtime.Macro):
        raise TypeError("prepare_table is for the table macro of _macros.md.j2")
    return found


def _label(header: str) -> str:
    """A column's header as the ``data-label`` of its cells: plain text for an attribute
    (a header from the catalogue is markup, a name from the data is not)."""
    plain = header.striptags() if isinstance(header, Markup) else header
    return f' data-label="{md.attr(plain)}"'


@jinja2.pass_context
def _prepare_table(
    context: jinja2.runtime.Context,
    caption: str,
    headers: Sequence[str],
    rows: Rows,
    row_headers: bool = True,
    numeric_columns: Sequence[int] = (),
    reflow: bool = False,
) -> PreparedTable:
    """The escaped cells of a table, as its body's rows, and its id.

    With ``reflow``, every data cell carries its column's header (``data-label``): on a
    narrow screen the stylesheet shows each row as a block of labelled lines.
    The ``table`` macro writes the rest. The rows are written here, not by a loop in the
    macro: a Jinja loop per cell made the pages three times slower to write (about 2 s
    to 6 s for the real data)."""
    numeric = frozenset(numeric_columns)
    inline: Any = None  # the ``inline`` macro, for the cells that are not plain text
    heads = [
        (h if isinstance(h, Markup) else md.text(h), i in numeric) for i, h in enumerate(headers)
    ]
    labels = [_label(h) if reflow else "" for h in headers]
    body = []
    lines = []
    for row in rows:
        cells = []
        tags = []
        for i, c in enumerate(row):
            parts = c.parts
            if not parts:
                written = ""
            elif len(parts) == 1 and isinstance(parts[0], str | int):
                written = md.text(parts[0])
            else:
                if inline is None:
                    inline = _inline_macro(context)
                written = "".join(inline(p) for p in parts)
            cells.append(written)
            num = _NUM if c.numeric or i in numeric else ""
            if i == 0 and row_headers:
                tags.append(f'<th scope="row"{num}>{written}</th>')
            else:
                label = labels[i] if i < len(labels) else ""
                tags.append(f"<td{num}{label}>{written}</td>")
        body.append(cells)
        lines.append(f"<tr>{''.join(tags)}</tr>")
    ident = _table_id(caption, [h for h, _ in heads], body)
    return PreparedTable(ident, heads, Markup("\n".join(lines)))


def _figure(piece: ChartFigure, page_path: str) -> Markup:
    """A chart's ``<figure>`` (``charts/templates/figure.html.j2``), its SVG linked
    from the page at ``page_path``."""
    return Markup(
        chart_html(
            piece.chart,
            piece.svg,
            svg_href=relative(page_path, piece.src),
            csv_href=relative(page_path, piece.csv) if piece.csv else None,
            png_href=relative(page_path, piece.png) if piece.png else None,
        )
    )


def _json_ld(document: object) -> Markup:
    """Structured data for a ``<script type="application/ld+json">``: JSON with ``<``,
    ``>`` and ``&`` escaped (``catalog.script_json``), so no text can end the element."""
    return Markup(script_json(document))


def _status_slug(status: Status) -> str:
    return status.value.lower().replace(" ", "-")


@contextlib.contextmanager
def templates_compiled_in(folder: Path) -> Iterator[None]:
    """Keep the compiled page templates and message templates (of the catalogue in use)
    in ``folder``, Jinja's bytecode cache, for as long as the ``with`` block lasts: a
    build then loads them rather than compiling about 200 templates again (half a second).

    Jinja keys a compiled template by its name and its source, not by the environment's
    settings, so the folder is named by the code that sets the environments up."""
    code = [Path(__file__), Path(messages.__file__)]
    key = hashlib.sha256(jinja2.__version__.encode())
    for path in code:
        key.update(path.read_bytes())
    folder = folder / key.hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    cache = jinja2.FileSystemBytecodeCache(str(folder))
    envs = [environment(), messages.current().environment]
    for env in envs:
        env.bytecode_cache = cache
    try:
        yield
    finally:
        for env in envs:
            env.bytecode_cache = None


@functools.cache
def environment() -> jinja2.Environment:
    """The one environment every page is rendered with."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do"],
    )
    env.filters.update(
        attr=_attr,
        href=_href,
        yaml=_yaml,
        anchor=_anchor,
        preformatted=_preformatted,
        join_words=_join_words,
        phrase=_phrase,
        lower_first=lower_first,
        status_slug=_status_slug,
        status_icon=md.STATUS_ICONS.__getitem__,
        published_date=published_date,
        json_ld=_json_ld,
    )
    env.tests.update(linkable=urls.linkable)
    env.globals.update(
        prepare_table=_prepare_table,
        t=_t,
        plain=_plain,
        urls=urls,
        figure=_figure,
    )
    return env


def render(
    template: str,
    page_path: str,
    context: Mapping[str, Any],
    words: Mapping[str, str],
    *,
    search_boost: float | None = None,
) -> str:
    """The page at ``page_path`` (under docs) from ``template``, its context and the
    project's ``words``; ``search_boost``, its kind's, goes into its front matter.

    Blocks are separated by one blank line however the template spaced them (Markdown
    reads any number of blank lines as one), and the page ends with one newline."""
    text = (
        environment()
        .get_template(template)
        .render(context, page_path=page_path, words=words, search_boost=search_boost)
    )
    while "\n\n\n" in text:  # faster than a regular expression over a large page
        text = text.replace("\n\n\n", "\n\n")
    return text.strip("\n") + "\n"
