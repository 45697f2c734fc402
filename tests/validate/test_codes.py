"""Every problem code is in the one registry (``build_scripts/validate/codes.py``) and
documented in ``docs/validation.md``; no registered code is dead."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from build_scripts.reference import render
from build_scripts.validate import tables
from build_scripts.validate.codes import CODES, STAGES, markdown

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "build_scripts"
DOC = ROOT / "docs" / "validation.md"
KEBAB = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _strings(node: ast.AST | None) -> set[str]:
    """The string constants of an expression (a tuple, a conditional, a constant)."""
    if node is None:
        return set()
    return {
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


def _codes_in(path: Path) -> set[str]:
    """The codes written in ``path``: every ``code=...`` argument or default, and what a
    function returns as a code (a name ending ``_code``, or the first item of the
    ``(code, message)`` pairs of the cell checks and the CSV reader)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "code":
            found |= _strings(node.value)
        elif isinstance(node, ast.arguments):
            named = node.args + node.kwonlyargs
            defaults = [None] * (len(node.args) - len(node.defaults)) + node.defaults
            defaults += node.kw_defaults
            for arg, default in zip(named, defaults, strict=True):
                if arg.arg == "code":
                    found |= _strings(default)
        elif isinstance(node, ast.FunctionDef) and (
            node.name.endswith("_code")
            or node.name in ("_cell_problem", "_text_problem", "_csv_error")
        ):
            for ret in (n for n in ast.walk(node) if isinstance(n, ast.Return)):
                value = ret.value
                if isinstance(value, ast.Tuple):
                    # (code, message) or, for the CSV reader, (column, message, code)
                    value = value.elts[0] if node.name != "_csv_error" else value.elts[-1]
                found |= {s for s in _strings(value) if KEBAB.fullmatch(s)}
    return found


USED = {code: path for path in sorted(PACKAGE.rglob("*.py")) for code in _codes_in(path)}
USED.update({code: Path(tables.__file__) for code in tables.FRICTIONLESS_CODES})
USED.update({code: Path(tables.__file__) for code in tables.CONSTRAINT_CODES.values()})


def test_the_scan_finds_the_codes_of_every_stage() -> None:
    # the scan itself can fail: it must see codes written each of the ways above
    for code in (
        "no-such-path",
        "unclosed-quote",
        "not-a-place-code",
        "formula-text",
        "control-character",
        "unknown-parameter",
        "invalid",
        "not-a-figure",
    ):
        assert code in USED, code


@pytest.mark.parametrize("code", sorted(USED))
def test_every_code_used_is_registered(code: str) -> None:
    where = USED[code].relative_to(ROOT)
    assert code in CODES, f"{code!r} ({where}) is not in build_scripts/validate/codes.py"


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_registered_code_is_used(code: str) -> None:
    assert code in USED, f"{code!r} is registered but nothing in build_scripts/ reports it"


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_is_documented(code: str) -> None:
    entry = CODES[code]
    assert KEBAB.fullmatch(code), f"{code!r} is not kebab-case"
    assert entry.stage in STAGES
    assert entry.title and entry.fix
    assert f"| `{code}` | {entry.title} | {entry.fix} |" in DOC.read_text(encoding="utf-8")


def test_the_doc_lists_exactly_the_registry() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert render(text) == text, (
        "run `.venv/bin/python -m build_scripts.reference docs/validation.md`"
    )
    listed = re.findall(r"^\| `([a-z0-9-]+)` \|", markdown(), flags=re.MULTILINE)
    assert sorted(listed) == sorted(CODES)
    assert len(listed) == len(set(listed))
