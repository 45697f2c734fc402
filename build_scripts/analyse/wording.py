"""Numbers in plain words, shared by statuses and findings: ``62.6%``,
``1.2 percentage points``, ``1,234``; never ``62.60000001``."""

from __future__ import annotations

from collections.abc import Sequence
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


def join_words(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(frozen=True)
class Units:
    """How to write the figures of one measure.

    ``label`` is a plural word that reads after a number (``years``, ``points``); leave it
    empty for indexes, scores and counts. Percentages read ``62.6%`` and their changes
    ``1.2 percentage points``.
    """

    label: str = ""
    is_percentage: bool = False

    def figure(self, value: float, decimals: int | None = None) -> str:
        text = number(value, decimals)
        if self.is_percentage:
            return text + "%"
        return f"{text} {self.label}" if self.label else text

    def amount(self, size: float, decimals: int | None = None) -> str:
        """The size of a change: ``1.2 percentage points``, ``1 year``, ``0.5``."""
        text = number(abs(size), decimals)
        word = "percentage points" if self.is_percentage else self.label
        if not word:
            return text
        if float(text.replace(",", "")) == 1 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        return f"{text} {word}"

    def amounts(self, sizes: Sequence[float], decimals: int | None = None) -> str:
        """Several sizes sharing the unit: ``1.2, 1.3 and 1 percentage points``."""
        if len(sizes) == 1:
            return self.amount(sizes[0], decimals)
        words = join_words([number(abs(s), decimals) for s in sizes])
        word = "percentage points" if self.is_percentage else self.label
        return f"{words} {word}" if word else words


def share(ratio: float) -> str:
    """A share as a percentage: ``0.05`` -> ``5%``, ``0.025`` -> ``2.5%``."""
    percent = round(abs(ratio) * 100, 4)
    return number(percent, min(places(percent), 2)) + "%"


# Words that keep their capital inside a sentence ("by Scottish Index of ...").
PROPER_WORDS = frozenset(
    {"Scottish", "Scotland", "Scotland's", "UK", "British", "English", "Gaelic"}
)


def lower_first(name: str) -> str:
    """A name for the middle of a sentence: ``Sex`` -> ``sex``; ``SIMD quintile`` and
    ``Scottish Index of Multiple Deprivation`` stay as they are."""
    first = name.split(" ", 1)[0]
    if first in PROPER_WORDS or not name[1:2].islower():
        return name
    return name[:1].lower() + name[1:]
