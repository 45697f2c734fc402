"""What pages call the things of a framework's levels (outcomes, targets, indicators),
with their codes where the data gives them (``1``, ``1.2``, ``1.2.2``), phrased by the
message catalogue (``page.level``) with the project's nouns:

- ``coded``: in lists and links, "1.2.2 Proportion of ...", "1 No poverty";
- ``titled``: a page's title and heading (an outcome's card on the home page, its
  crumb), "Goal 1: No poverty";
- ``short``: a crumb, or a heading above a long title, "Target 1.2".

Without a code each is the name alone, so a framework without codes (the NPF) reads as
it always has.
"""

from __future__ import annotations

from build_scripts.config import Nouns
from build_scripts.messages import message, phrase
from build_scripts.model import Indicator, Outcome, Target


def coded(code: str, name: str) -> str:
    return phrase(message("page.level.coded", code=code, name=name))


def titled(noun: str, code: str, name: str) -> str:
    return phrase(message("page.level.titled", noun=noun, code=code, name=name))


def short(noun: str, code: str, name: str) -> str:
    return phrase(message("page.level.short", noun=noun, code=code, name=name))


def outcome_title(nouns: Nouns, outcome: Outcome) -> str:
    """``Goal 1: No poverty``; ``Health`` without a code."""
    return titled(nouns.outcome, outcome.code, outcome.name)


def target_title(nouns: Nouns, target: Target) -> str:
    """``Target 1.2: By 2030, ...``: its page's title and heading."""
    return titled(nouns.target, target.code, target.title)


def indicator_title(nouns: Nouns, indicator: Indicator) -> str:
    """``Indicator 1.2.2: Proportion of ...``: its page's title and heading."""
    return titled(nouns.indicator, indicator.code, indicator.title)
