"""The site's one number-and-unit formatter: ``62.6%``, ``1.2 percentage points``,
``1,234``, never ``62.60000001``. Pages, tables, chart summaries, chart tooltips and the
sentences of the message catalogue (``build_scripts.messages``) all write figures with
``Units`` and ``number`` from here."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

MAX_PLACES = 6


def places(*values: float | None, max_places: int = MAX_PLACES) -> int:
    """The most decimal places any of the values is published with (at most
    ``max_places``); ``0.1 + 0.2`` counts as one place, not seventeen."""
    most = 0
    for value in values:
        if value is None:
            continue
        exact = Decimal(repr(round(float(value), max_places))).normalize()
        exponent = exact.as_tuple().exponent
        if isinstance(exponent, int) and exponent < 0:
            most = max(most, -exponent)
    return min(most, max_places)


@lru_cache(maxsize=1 << 16)
def number(value: float, decimals: int | None = None) -> str:
    """``1234.5`` -> ``1,234.5``; with ``decimals``, exactly that many places; never
    ``-0.0``. (Cached: pages repeat the same figures thousands of times.)"""
    if decimals is None:
        decimals = places(value)
    text = f"{value:,.{decimals}f}"
    if text.startswith("-") and text.strip("-0.,") == "":
        text = text[1:]  # no "-0.0"
    return text


def usual_places(values: Sequence[float], max_places: int) -> int:
    """The places most of the values are published with (ties: the more precise), at
    most ``max_places``: one choice for a whole column of figures, never per cell."""
    counts: dict[int, int] = {}
    for value in values:
        p = min(places(value), max_places)
        counts[p] = counts.get(p, 0) + 1
    return max(counts, key=lambda p: (counts[p], p)) if counts else 0


def join_words(items: Sequence[str], conjunction: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c`` (the word is the message catalogue's
    ``words.and`` where a sentence is phrased in another language)."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


@dataclass(frozen=True)
class Units:
    """How to write the figures of one measure: the one formatter of the site, used by
    pages, tables, chart summaries, tooltips and status reasons alike.

    ``label`` reads after a number (``years``, ``per 1,000 births``; ``%`` is written
    without a space); leave it empty for indexes and scores. ``change_label`` reads after
    a difference of two figures: ``percentage points`` for percentages (the default when
    ``is_percentage``), else the label. ``decimals``, when set, is the number of places
    every figure of the measure is shown with, whatever a caller asks: chosen per
    measure, never per cell.
    """

    label: str = ""
    is_percentage: bool = False
    change_label: str | None = None
    decimals: int | None = None

    def places(self, decimals: int | None = None) -> int | None:
        """The places to show: the measure's own, else the caller's."""
        return self.decimals if self.decimals is not None else decimals

    @property
    def symbol(self) -> str:
        """``%`` for figures written ``62.6%``; empty otherwise."""
        return "%" if self.is_percentage or self.label == "%" else ""

    @property
    def axis_suffix(self) -> str:
        """What goes in brackets after an axis title: ``%``, ``years``."""
        return self.symbol or self.label

    def number(self, value: float, decimals: int | None = None) -> str:
        """The bare number, with the measure's places: ``1,234.5``."""
        return number(value, self.places(decimals))

    def figure(self, value: float, decimals: int | None = None) -> str:
        text = number(value, self.places(decimals))
        if self.symbol:
            return text + "%"
        return f"{text} {self.label}" if self.label else text

    def change_word(self, count: float = 2) -> str:
        """The unit of a difference of two figures, for ``count`` of it: the catalogue's
        ``units.percentage_points`` for percentages (unless ``change_label`` is set),
        else the label (or ``change_label``) in the form the catalogue's ``units.unit``
        gives it for ``count`` (``1 year``)."""
        if self.change_label is None and self.symbol:
            return _say("units.percentage_points", count=count)
        word = self.label if self.change_label is None else self.change_label
        return _say("units.unit", word=word, count=count) if word else ""

    def amount(self, size: float, decimals: int | None = None) -> str:
        """The size of a change: ``1.2 percentage points``, ``1 year``, ``0.5`` (the
        catalogue's ``units.amount`` writes the number and the unit, in the unit's
        singular or plural)."""
        text = number(abs(size), self.places(decimals))
        word = self.change_word(float(text.replace(",", "")))
        return _say("units.amount", number=text, word=word)

    def amounts(
        self, sizes: Sequence[float], decimals: int | None = None, conjunction: str = "and"
    ) -> str:
        """Several sizes sharing the unit: ``1.2, 1.3 and 1 percentage points``."""
        if len(sizes) == 1:
            return self.amount(sizes[0], decimals)
        words = join_words([number(abs(s), self.places(decimals)) for s in sizes], conjunction)
        return _say("units.amount", number=words, word=self.change_word())


def _say(id: str, **values: object) -> str:
    """The words of the catalogue in use for ``id`` (``build_scripts.messages``). Imported
    here rather than at the top: the catalogue's filters call this module."""
    from build_scripts import messages

    return messages.phrase(messages.message(id, **values))


def published_date(text: str) -> str:
    """``2020-10-12`` -> ``12 October 2020``; ``2022-03`` -> ``March 2022``; ``2021``
    stays; anything else is returned as it is. The month's name and the order are the
    catalogue's (``months``, ``date.day``, ``date.month``)."""
    parts = text.split("-")
    if not all(p.isdigit() for p in parts) or len(parts) > 3 or len(parts[0]) != 4:
        return text
    if len(parts) == 1:
        return parts[0]
    month = int(parts[1])
    if not 1 <= month <= 12:
        return text
    if len(parts) == 2:
        return _say("date.month", month=month, year=parts[0])
    return _say("date.day", day=int(parts[2]), month=month, year=parts[0])


def share(ratio: float) -> str:
    """A share as a percentage: ``0.05`` -> ``5%``, ``0.025`` -> ``2.5%``."""
    percent = round(abs(ratio) * 100, 4)
    return number(percent, min(places(percent), 2)) + "%"


def lower_first(name: str, proper_words: Collection[str] = ()) -> str:
    """A name for the middle of a sentence: ``Sex`` -> ``sex``; an acronym (``SIMD
    quintile``) stays, and so does a name whose first word is one of ``proper_words``
    (``Scottish Index of ...``). Which words those are is a rule of the language: the
    message catalogue in use carries them (``messages.lower_first_name`` applies it)."""
    first = name.split(" ", 1)[0]
    if first in proper_words or not name[1:2].islower():
        return name
    return name[:1].lower() + name[1:]
