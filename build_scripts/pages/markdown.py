"""Safe Markdown and HTML pieces for the generated pages.

Every text that comes from a data package goes through ``text`` (or ``attr``) before it
is put on a page. ``text`` writes the characters that mean something to HTML *or* to
Markdown (``<``, ``&``, ``*``, ``_``, ``[``, ``|``, backticks, ...) as numeric character
references, so a title like ``<script>`` or ``*bold* | [link](x)`` comes out as the same
characters on the page, in a paragraph, a heading, a table cell or an HTML block alike.
"""

from __future__ import annotations

import functools
import hashlib
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from build_scripts.analyse.statuses import Status
from build_scripts.charts.html import RTL_RUN
from build_scripts.urls import url

# Characters that start HTML, entities or Markdown syntax wherever they are (emphasis,
# links, code, tables, attribute lists, headings); written as character references.
SPECIAL = frozenset('&<>"`*_[]|#{}\\~')
# Characters that are Markdown syntax only in some places: at the start of a line
# (``- item``, ``+ item``, ``= underline``), doubled (``--``), or ``1. `` (a list).
_AT_START = frozenset("-+=>")
_WHITESPACE = re.compile(r"\s+")


_RISKY = re.compile(r"[^A-Za-z0-9 ,:;'%(/?!]")


def text(value: object) -> str:
    """``value`` as inert text for a Markdown page or an HTML block (one line); text that
    holds right-to-left letters is isolated (``<bdi>``), so that it neither takes nor
    gives its direction to the words around it."""
    raw = str(value)
    escaped = _text(raw)
    return f"<bdi>{escaped}</bdi>" if RTL_RUN.search(raw) else escaped


@functools.lru_cache(maxsize=1 << 16)
def _text(value: str) -> str:
    # Cached: pages repeat the same periods, groups and figures thousands of times.
    raw = _WHITESPACE.sub(" ", value).strip()
    if not _RISKY.search(raw):
        return raw  # nothing that HTML or Markdown could read as syntax
    out = []
    for i, char in enumerate(raw):
        if char in SPECIAL or _reads_as_syntax(raw, i):
            out.append(f"&#{ord(char)};")
        else:
            out.append(char)
    return "".join(out)


def _reads_as_syntax(raw: str, i: int) -> bool:
    char = raw[i]
    if char in _AT_START:
        return i == 0 or raw[i - 1] == char or raw[i + 1 : i + 2] == char
    if char in ".)":
        after = raw[i + 1 : i + 2]
        return raw[:i].isdigit() and after in ("", " ")
    return False


def attr(value: object) -> str:
    """``value`` for a double-quoted HTML attribute (no markup: a browser works out the
    direction of an attribute's text on its own)."""
    return _text(str(value))


def link(label: str, href: str) -> str:
    """An HTML link (works inside HTML blocks and in Markdown alike)."""
    return f'<a href="{url(href)}">{text(label)}</a>'


# --- status ------------------------------------------------------------------------

# A shape per status, so the status reads without colour; the word is always shown.
STATUS_ICONS = {
    Status.IMPROVING: "▲",
    Status.MAINTAINING: "●",
    Status.WORSENING: "▼",
    Status.TO_BE_CONFIRMED: "?",
    Status.IN_DEVELOPMENT: "○",
}
STATUS_ORDER = (
    Status.IMPROVING,
    Status.MAINTAINING,
    Status.WORSENING,
    Status.TO_BE_CONFIRMED,
    Status.IN_DEVELOPMENT,
)


def status_slug(status: Status) -> str:
    return status.value.lower().replace(" ", "-")


def status_badge(status: Status) -> str:
    """The status as a label with a shape. The shape is hidden from screen readers
    because the word beside it says the same thing."""
    icon = STATUS_ICONS[status]
    return (
        f'<span class="npf-status npf-status--{status_slug(status)}">'
        f'<span class="npf-status__icon" aria-hidden="true">{icon}</span> '
        f"{status.value}</span>"
    )


# --- tables ------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """A table cell: already-safe HTML (build it with ``text``, ``link``, ...)."""

    html: str
    numeric: bool = False


def cell(value: object, numeric: bool = False) -> Cell:
    """A cell from plain text (escaped here)."""
    return Cell(text(value), numeric)


def html_cell(html: str, numeric: bool = False) -> Cell:
    return Cell(html, numeric)


def table(
    caption: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    *,
    row_headers: bool = True,
    numeric_columns: Sequence[int] = (),
    css_class: str = "npf-table",
) -> str:
    """An HTML table with a caption and a header row; the first cell of each row is a
    row header when ``row_headers``. ``caption`` and ``headers`` are plain text.

    The table sits in a box of its own that scrolls sideways, so a wide table never
    widens the page on a phone. The box is a region named by the caption and is in the
    tab order, so it can be scrolled by keyboard too (WCAG 2.1.1)."""
    head_cells = [text(h) for h in headers]
    ident = _table_id(caption, head_cells, rows)
    lines = [
        f'<div class="npf-table-wrap" role="region" aria-labelledby="{ident}" tabindex="0">',
        f'<table class="{css_class}">',
        f'<caption id="{ident}">{text(caption)}</caption>',
        "<thead>",
    ]
    head = "".join(
        f'<th scope="col"{_num(i in numeric_columns)}>{h}</th>' for i, h in enumerate(head_cells)
    )
    lines += [f"<tr>{head}</tr>", "</thead>", "<tbody>"]
    for row in rows:
        cells = []
        for i, c in enumerate(row):
            numeric = c.numeric or i in numeric_columns
            if i == 0 and row_headers:
                cells.append(f'<th scope="row"{_num(numeric)}>{c.html}</th>')
            else:
                cells.append(f"<td{_num(numeric)}>{c.html}</td>")
        lines.append(f"<tr>{''.join(cells)}</tr>")
    lines += ["</tbody>", "</table>", "</div>"]
    return "\n".join(lines)


def _table_id(caption: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """A stable id from the table's content: the same table gets the same id on every
    build, and two different tables on a page get different ids."""
    digest = hashlib.sha1(caption.encode("utf-8"))
    digest.update("\x1f".join(headers).encode("utf-8"))
    for row in rows:
        digest.update("\x1e".join(c.html for c in row).encode("utf-8"))
    return "npf-table-" + digest.hexdigest()[:10]


def _num(numeric: bool) -> str:
    return ' class="npf-num"' if numeric else ""


def details(summary: str, body: str) -> str:
    """A collapsible block (closed); ``summary`` is plain text, ``body`` safe HTML."""
    return (
        f'<details class="npf-details">\n<summary>{text(summary)}</summary>\n\n{body}\n\n</details>'
    )


def heading(level: int, title: str, anchor: str | None = None) -> str:
    """A Markdown heading from plain text, with an optional stable anchor."""
    suffix = f" {{#{anchor}}}" if anchor else ""
    return f"{'#' * level} {text(title)}{suffix}"


def page(title: str, blocks: Sequence[str], description: str | None = None) -> str:
    """A whole page: front matter (title, description), then blocks separated by blank
    lines, ending with one newline.

    The theme prints ``title`` and ``description`` into the HTML without escaping them
    (``<title>``, the header, ``<meta name="description">``), so they are HTML-escaped
    here; the page's own heading is written with ``heading``."""
    front = ["---", f"title: {_yaml(html.escape(title))}"]
    if description:
        front.append(f"description: {_yaml(html.escape(description))}")
    front.append("---")
    body = "\n\n".join(b.strip("\n") for b in blocks if b)
    return "\n".join(front) + "\n\n" + body + "\n"


def _yaml(value: str) -> str:
    """A plain one-line YAML string, double-quoted with escapes."""
    clean = _WHITESPACE.sub(" ", value).strip()
    return '"' + clean.replace("\\", "\\\\").replace('"', '\\"') + '"'
