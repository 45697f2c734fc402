"""What page modules hand to templates: plain values and these small typed pieces.

A page module turns the model into a template context; it never writes HTML or Markdown.
Text stays text here (a title, a period, a figure already formatted with its unit); the
templates decide how each piece is written and escape it (``render``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from build_scripts.analyse.statuses import Status
from build_scripts.charts.inline import Trendline
from build_scripts.charts.model import Chart


@dataclass(frozen=True)
class Link:
    """A link: ``target`` is a path under docs (``urls``) or a link out of the site."""

    label: str
    target: str


@dataclass(frozen=True)
class Badge:
    """A performance status, shown as a shape and a word (never colour alone)."""

    status: Status


@dataclass(frozen=True)
class Aside:
    """Something said in small print after what it qualifies: ``(placement provisional)``."""

    text: str


@dataclass(frozen=True)
class Detail:
    """What follows a name and narrows it: ``Healthy life expectancy: of females``."""

    text: str


@dataclass(frozen=True)
class Annotated:
    """Something with a note in brackets: ``61.8 years (2016-2018)``, ``20% (suspect)``."""

    text: str
    note: str


@dataclass(frozen=True)
class Image:
    """A small static chart (a trend line) whose text alternative is its summary."""

    src: str  # path under docs
    alt: str
    width: int
    height: int


@dataclass(frozen=True)
class Spark:
    """A trend line written into the page as inline SVG (``charts.inline``), named by
    ``label`` (what it shows, in words)."""

    line: Trendline
    label: str


@dataclass(frozen=True)
class EmbedSnippet:
    """The HTML a reader copies to embed a chart (``embed.snippet``), shown as text;
    ``absolute`` when its address is the site's (else relative to the site's root, and
    the page asks the reader to put the site's address before it). Once the chart is
    in a release, also the HTML that embeds it as it was in the latest release
    (``frozen``, ``release``: that release's version)."""

    code: str
    absolute: bool
    frozen: str = ""
    release: str = ""


@dataclass(frozen=True)
class ChartFigure:
    """A chart as a ``<figure>``: its static SVG (at ``src``, a path under docs), its
    summary as the caption and, for interactive charts, its spec; ``embed``, for a
    chart with an embeddable page, the snippet that frames it."""

    chart: Chart
    svg: str
    src: str
    csv: str | None = None  # the CSV of its figures, a path under docs
    png: str | None = None  # its PNG (headline charts), a path under docs
    embed: EmbedSnippet | None = None


@dataclass(frozen=True)
class Explained:
    """Text whose abbreviations are explained where first used (``glossary.explain``):
    pieces of text, each with the expansion of the abbreviation it is, or ""."""

    parts: tuple[tuple[str, str], ...]


# What a table cell or a line of a list holds: text, or one of the pieces above.
Inline = str | int | Link | Badge | Aside | Detail | Annotated | Image | Spark | Explained


class Cell:
    """A table cell: its pieces, written one after another. (A plain class with slots:
    pages make hundreds of thousands of cells, and a frozen dataclass or a named tuple is
    slower to make.)"""

    __slots__ = ("numeric", "parts")

    def __init__(self, parts: tuple[Inline, ...], numeric: bool = False) -> None:
        self.parts = parts
        self.numeric = numeric

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Cell) and (self.parts, self.numeric) == (
            other.parts,
            other.numeric,
        )

    def __hash__(self) -> int:
        return hash((self.parts, self.numeric))

    def __repr__(self) -> str:
        return f"Cell({self.parts!r}, numeric={self.numeric!r})"


def cell(*parts: Inline | None, numeric: bool = False) -> Cell:
    """A cell of the pieces that are not ``None`` or empty."""
    if len(parts) == 1:  # most cells: one piece
        part = parts[0]
        return Cell(() if part is None or part == "" else (part,), numeric)
    return Cell(tuple(p for p in parts if p is not None and p != ""), numeric)


# A table's rows; its caption and header row are the template's words.
Rows = Sequence[Sequence[Cell]]
