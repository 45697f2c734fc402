"""The names of an Open SDG framework's levels: goals, targets and indicators.

Part of mapping a repository into the model (``open_sdg_model.py``). A name comes from
the metadata as text, or by a key of the translations (``open_sdg_meta.Translations``),
or, for an indicator, from the country's own wording (``indicator_available``). A name
found nowhere is never guessed: it is a marked fallback ("Target 1.2"), listed in the
import's summary (``Summary.fallbacks``).
"""

from __future__ import annotations

from dataclasses import dataclass

from build_scripts.importers.open_sdg_meta import KEY, Translations
from build_scripts.importers.open_sdg_report import Summary
from build_scripts.importers.open_sdg_repository import Indicator


@dataclass
class Names:
    """The names of the framework's levels, each from the translations or a marked
    fallback (reported)."""

    translations: Translations
    summary: Summary

    def goal(self, n: str) -> tuple[str, str]:
        short, title = self.translations.goal(n)
        if not (short and title):
            self.summary.fallbacks.append(f"goal {n}: global_goals.{n} has no short or title")
        return short or f"Goal {n}", title or short or f"Goal {n}"

    def target(self, ind: Indicator) -> str:
        """``target_name`` (a key or text), else the older metadata's ``target`` (text
        after the target's number: ``12.2 By 2030, achieve ...``)."""
        code = ".".join(ind.parts[:2])
        given = ind.meta.text("target_name")
        text = self.translations.text(given) if KEY.fullmatch(given) else given
        text = text or _numbered(ind.meta.text("target"), code)
        if text:
            return text
        self.summary.fallbacks.append(f"{ind.meta.path or ind.id}: target_name {given!r}")
        return f"Target {code}"

    def indicator(self, ind: Indicator) -> str:
        """``indicator_name`` as text (the older metadata's starts with the indicator's
        number, left out: ``12.2.1 Material footprint ...``), else the country's own
        wording (``indicator_available``; not ``national_indicator_available``, which
        names a series as often as not: ``APS - Unpaid family workers by sector and sex``
        for 8-3-1), else the text of the key ``indicator_name`` gives."""
        given = ind.meta.text("indicator_name")
        if given and not KEY.fullmatch(given):
            return _numbered(given, ind.code) or given
        own = ind.meta.text("indicator_available")
        text = own or (self.translations.text(given) if given else None)
        if text:
            return text
        self.summary.fallbacks.append(f"{ind.meta.path or ind.id}: indicator_name {given!r}")
        return f"Indicator {ind.code}"


def _numbered(text: str, code: str) -> str:
    """``text`` less the ``code`` it starts with (``12.2 By 2030`` -> ``By 2030``); a text
    that does not start with the code as it is."""
    head, _, rest = text.partition(" ")
    return rest.strip() if head.rstrip(":.") == code and rest.strip() else text
