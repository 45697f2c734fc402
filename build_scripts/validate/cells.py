"""Every cell and descriptor text, checked against what the build reads (the contract),
not against the package's own schema, which a contributor may have loosened.

Rejected, each with file, row and column:

- control characters (NUL, a lone carriage return, ...) in any cell, and in descriptor
  text anything but a line break; bidirectional embedding, override and isolate marks
  anywhere (they reorder the text around them: a name could read backwards);
- text cells beginning with ``=``, ``+``, ``-`` or ``@``, which a spreadsheet opening
  the CSV runs as a formula;
- numbers that Python reads but a CSV reader would not (``6_2``, full-width digits,
  ``1e3_0``), and dates other than ``YYYY-MM-DD``;
- identifiers that are not slugs (they make URLs, file names and chart ids), in the
  contract's identifier columns (measures and outcomes among them, in the framework's
  catalogue) and the package ``name``;
- a source's page (``url`` of ``sources.csv``, ``sources[].url`` of a descriptor) that
  is not an absolute ``http(s)`` URL: pages link it, so ``javascript:`` never reaches one.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from build_scripts.contract import (
    BREAKDOWN_PAIRS,
    SLUG,
    WEB_ADDRESS,
    Column,
    breakdown_pairs,
    every_framework_table,
    evidence_table,
    indicator_table,
)
from build_scripts.problems import Problem
from build_scripts.validate.descriptors import LoadedPackage
from build_scripts.validate.tables import not_a_web_address

NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
SOURCE_URL = re.compile(r"sources\[[0-9]+\]\.url")
"""Where a descriptor names a source's public page (``sources[0].url``)."""
INTEGER = re.compile(r"[+-]?[0-9]+")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
IDENTIFIER = re.compile(SLUG)
FORMULA_START = ("=", "+", "-", "@")
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Unicode's control characters (category Cc) and the direction controls above.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
CONTROL_BUT_LINE_BREAK = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def check_cells(package: LoadedPackage, kind: str) -> list[Problem]:
    """The problems above in ``package``, a ``framework``, ``indicators`` or
    ``equality-evidence`` package."""
    problems = list(_descriptor(package, kind))
    for table in package.tables:
        pairs = breakdown_pairs(table.header)
        columns = _columns_of(kind, table.name if kind == "framework" else "", pairs)
        # A cell's problem depends only on its text and column, and tables repeat their
        # cells (dates, periods, groups): each is checked once a table.
        checked: dict[tuple[str | None, str], tuple[str, str] | None] = {}
        for line, row in zip(table.lines, table.rows, strict=True):
            for name, cell in row.items():
                if not cell:
                    continue
                key = (name, cell)
                if key in checked:
                    found = checked[key]
                else:
                    column = columns.get(name) if name is not None else None
                    found = checked[key] = _cell_problem(cell, column)
                if found:
                    code, message = found
                    problems.append(Problem(table.shown, line, name, message, code=code))
    return problems


@functools.cache
def _columns_of(kind: str, name: str, pairs: int) -> dict[str, Column]:
    """The contract's columns of a framework table ``name``, or of an indicator table
    with ``pairs`` breakdown pairs, or of any evidence table (their columns do not
    depend on the package)."""
    if kind == "indicators":
        contract: Any = indicator_table("x", [], [], [], [], [], max(pairs, BREAKDOWN_PAIRS))
    elif kind == "equality-evidence":
        contract = evidence_table("x")
    else:
        contract = next((t for t in every_framework_table() if t.name == name), None)
    return {c.name: c for c in contract.columns} if contract else {}


def _cell_problem(cell: str, column: Column | None) -> tuple[str, str] | None:
    """The code and message of what is wrong with ``cell``, or ``None``."""
    text = _text_problem(cell, allow_line_breaks=False)
    if text:
        return text
    if column is None:
        return None
    # Only what Python reads: anything else gets frictionless's own message.
    # (NaN and infinity are read too, and the rules say they are not figures.)
    if column.type == "number" and not NUMBER.fullmatch(cell) and _reads(_finite, cell):
        return "not-a-plain-number", (
            f"{cell!r} is not a plain number; write digits 0-9 with an optional sign, "
            "decimal point and exponent, such as 12.5 or -3 (no spaces, underscores or "
            "other digits)"
        )
    if column.type == "integer" and _reads(int, cell) and not INTEGER.fullmatch(cell):
        return (
            "not-a-whole-number",
            f"{cell!r} is not a whole number written with digits 0-9, such as 3",
        )
    if column.type == "date" and _reads(_strptime, cell) and not DATE.fullmatch(cell):
        return "not-an-iso-date", f"{cell!r} is not a date written YYYY-MM-DD, such as 2020-03-31"
    if column.type == "string":
        if column.pattern == SLUG and not IDENTIFIER.fullmatch(cell):
            return "not-a-slug", _not_a_slug(cell)
        # also where a package's own schema (written before the rule) has no pattern
        if column.pattern == WEB_ADDRESS and not re.fullmatch(WEB_ADDRESS, cell):
            return "not-a-web-address", not_a_web_address(cell)
        if cell.startswith(FORMULA_START):
            return "formula-text", (
                f"{cell!r} begins with {cell[0]!r}, which a spreadsheet opening the CSV "
                "would run as a formula; reword it so that it begins with a letter or digit"
            )
    return None


def _reads(parse: Callable[[str], object], cell: str) -> bool:
    try:
        parse(cell)
    except ValueError:
        return False
    return True


def _finite(cell: str) -> float:
    value = float(cell)
    if not math.isfinite(value):
        raise ValueError(cell)
    return value


def _strptime(cell: str) -> object:
    return datetime.strptime(cell, "%Y-%m-%d")


def _not_a_slug(value: str) -> str:
    return (
        f"{value!r} is not an identifier: use lower case letters a-z and digits joined "
        "by '-', such as 'healthy-life-expectancy'"
    )


def _text_problem(text: str, *, allow_line_breaks: bool) -> tuple[str, str] | None:
    """The code and message of a control character in ``text``, or ``None``."""
    found = (CONTROL_BUT_LINE_BREAK if allow_line_breaks else CONTROL).search(text)
    if found is None:
        return None
    char, at = found.group(), found.start() + 1
    if char in BIDI_CONTROLS:
        return "direction-control", (
            f"character {at} is the text direction control U+{ord(char):04X}, which "
            "reorders the text around it; remove it (right-to-left text needs no control "
            "characters)"
        )
    return "control-character", (
        f"character {at} is the control character U+{ord(char):04X}; remove it (cells hold "
        "plain text on one line)"
    )


def _descriptor(package: LoadedPackage, kind: str) -> Iterator[Problem]:
    descriptor = package.descriptor
    if descriptor is None:
        return
    at = package.shown
    for where, text in _strings(descriptor, ""):
        found = _text_problem(text, allow_line_breaks=True)
        if found:
            yield Problem(at, None, where, found[1], code=found[0])
        if SOURCE_URL.fullmatch(where) and text and not re.fullmatch(WEB_ADDRESS, text):
            yield Problem(at, None, where, not_a_web_address(text), code="not-a-web-address")
    if kind == "equality-evidence":
        return
    name = descriptor.get("name")
    if isinstance(name, str) and not IDENTIFIER.fullmatch(name):
        yield Problem(at, None, "name", _not_a_slug(name), code="not-a-slug")


def _strings(node: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every text in a JSON value, with its path (``sources[0].title``)."""
    if isinstance(node, str):
        yield where, node
    elif isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str):
                yield from _strings(value, f"{where}.{key}" if where else key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, f"{where}[{i}]")
