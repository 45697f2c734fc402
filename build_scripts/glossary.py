"""The project's glossary of abbreviations (``glossary.toml`` in the project folder):
what each stands for, so pages can explain the first use of each (``<abbr>``).

The file is optional: a project without one explains no abbreviation."""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path

from build_scripts.errors import NpfError

GLOSSARY_FILE = "glossary.toml"

Parts = tuple[tuple[str, str], ...]
"""Text cut into pieces, each with the expansion of the abbreviation it is (or "")."""


@functools.cache
def load_glossary(folder: Path) -> dict[str, str]:
    """``[abbreviations]`` of ``glossary.toml`` in ``folder``: abbreviation -> expansion."""
    path = folder / GLOSSARY_FILE
    if not path.is_file():
        return {}
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise NpfError(f"{path}: not valid TOML: {error}; fix the line it names") from None
    terms = raw.get("abbreviations", {})
    if not isinstance(terms, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in terms.items()
    ):
        raise NpfError(
            f"{path}: [abbreviations] must map each abbreviation to the words it stands "
            'for, as in AHC = "after housing costs"'
        )
    return {k: v.strip() for k, v in terms.items()}


@functools.cache
def _pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first, so "HEIs" is found before a shorter term that starts it; whole
    # words only, with their case as written ("aa" in a word is not "AA").
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def explain(text: str, glossary: Mapping[str, str], seen: set[str]) -> Parts:
    """``text`` in pieces, the first use of each abbreviation not yet in ``seen`` with
    its expansion (and added to ``seen``: one page explains each once)."""
    if not glossary or not text:
        return ((text, ""),)
    parts: list[tuple[str, str]] = []
    at = 0
    for found in _pattern(tuple(glossary)).finditer(text):
        term = found.group(0)
        if term in seen:
            continue
        seen.add(term)
        if found.start() > at:
            parts.append((text[at : found.start()], ""))
        parts.append((term, glossary[term]))
        at = found.end()
    if at < len(text):
        parts.append((text[at:], ""))
    return tuple(parts)


def used(texts: Iterable[str], glossary: Mapping[str, str]) -> list[tuple[str, str]]:
    """The abbreviations of the glossary that ``texts`` use, with their expansions,
    sorted by abbreviation."""
    if not glossary:
        return []
    pattern = _pattern(tuple(glossary))
    found = {m.group(0) for text in texts for m in pattern.finditer(text)}
    return sorted(((t, glossary[t]) for t in found), key=lambda p: p[0].casefold())
