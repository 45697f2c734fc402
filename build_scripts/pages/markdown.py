"""The escaping that the page templates apply (``render``): Markdown's beyond HTML's.

Every text that comes from a data package goes through ``text`` (or ``attr``) before it
is put on a page; the template environment applies it to every value it prints.
``text`` writes the characters that mean something to HTML *or* to Markdown (``<``,
``&``, ``*``, ``_``, ``[``, ``|``, backticks, ...) as numeric character references, so a
title like ``<script>`` or ``*bold* | [link](x)`` comes out as the same characters on the
page, in a paragraph, a heading, a table cell or an HTML block alike.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from build_scripts.analyse.statuses import Status
from build_scripts.charts.html import RTL_RUN

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


_PRE_SPECIAL = SPECIAL | _AT_START


def preformatted(value: str) -> str:
    """``value`` for a ``<pre>`` block: its lines and spaces as they are, each character
    that starts HTML or Markdown syntax written as a numeric reference (so neither reads
    anything in it)."""
    return "".join(f"&#{ord(c)};" if c in _PRE_SPECIAL else c for c in value.replace("\r", ""))


def attr(value: object) -> str:
    """``value`` for a double-quoted HTML attribute (no markup: a browser works out the
    direction of an attribute's text on its own)."""
    return _text(str(value))


# --- status ------------------------------------------------------------------------

# A shape per status, so the status reads without colour; the word is always shown.
STATUS_ICONS = {
    Status.IMPROVING: "▲",
    Status.MAINTAINING: "●",
    Status.WORSENING: "▼",
    Status.TO_BE_CONFIRMED: "?",
    Status.IN_DEVELOPMENT: "○",
    Status.NOT_ASSESSED: "–",
}
STATUS_ORDER = (
    Status.IMPROVING,
    Status.MAINTAINING,
    Status.WORSENING,
    Status.TO_BE_CONFIRMED,
    Status.IN_DEVELOPMENT,
    Status.NOT_ASSESSED,
)
ASSESSED = (Status.IMPROVING, Status.MAINTAINING, Status.WORSENING, Status.TO_BE_CONFIRMED)


def shown_statuses(counts: Mapping[Status, int]) -> list[Status]:
    """The statuses a table of counts has columns for: Not assessed only where some
    indicator is not assessed, and the judged statuses unless every indicator is either
    not assessed or in development (a framework without criteria for change)."""
    judged = any(counts.get(s, 0) for s in ASSESSED) or not counts.get(Status.NOT_ASSESSED, 0)
    return [
        s
        for s in STATUS_ORDER
        if (s in ASSESSED and judged)
        or s is Status.IN_DEVELOPMENT
        or (s is Status.NOT_ASSESSED and counts.get(s, 0))
    ]


def yaml_string(value: str) -> str:
    """A plain one-line YAML string, double-quoted with escapes (front matter)."""
    clean = _WHITESPACE.sub(" ", value).strip()
    return '"' + clean.replace("\\", "\\\\").replace('"', '\\"') + '"'
