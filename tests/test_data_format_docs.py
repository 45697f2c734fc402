"""docs/data-format.md cannot drift: its column tables are what contract.py generates, every
`npf:` property of the committed descriptors is described there, and the committed
descriptors have the columns contract.py builds."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from build_scripts.config import default_project
from build_scripts.contract import (
    EVIDENCE_KEY_CANDIDATES,
    Table,
    evidence_table,
    framework_tables,
    indicator_table,
    places_table,
)
from build_scripts.errors import NpfError
from build_scripts.importers.framework import npf_framework_tables
from build_scripts.reference import BLOCKS, COMMAND, SOURCES, main, render

REPO = Path(__file__).parent.parent
DOCS = REPO / "docs"
DATA_FORMAT = DOCS / "data-format.md"
PACKAGES = REPO / "datapackages"
SECTIONS = {  # the folder under datapackages/ -> the heading of its section in data-format.md
    "framework": "## The framework package",
    "indicators": "## An indicator package",
    "equality-evidence": "## An equality evidence package",
}


def _marked_docs() -> list[Path]:
    return sorted(p for p in DOCS.glob("*.md") if "<!-- schema:" in p.read_text("utf-8"))


@pytest.mark.parametrize("path", _marked_docs(), ids=lambda p: p.name)
def test_generated_tables_are_current(path: Path) -> None:
    text = path.read_text("utf-8")
    assert render(text) == text, (
        f"{path.relative_to(REPO)} differs from the schemas in build_scripts/contract.py; "
        f"run `{COMMAND} {path.relative_to(REPO)}`"
    )


def test_data_format_has_every_block() -> None:
    text = DATA_FORMAT.read_text("utf-8")
    for name in BLOCKS:
        if name not in SOURCES:  # the blocks of contract.py; the others are elsewhere
            assert f"<!-- schema:{name} start -->" in text
    assert DATA_FORMAT in _marked_docs()


# --- the npf: properties of the committed descriptors ------------------------------------


def _section(heading: str) -> str:
    text = DATA_FORMAT.read_text("utf-8")
    start = text.index(heading)
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else len(text)]


def _descriptors() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(PACKAGES.glob("**/datapackage.json")):
        kind = path.relative_to(PACKAGES).parts[0]
        out.append((kind, json.loads(path.read_text("utf-8"))))
    return out


def _properties() -> dict[str, dict[str, set[str]]]:
    """kind -> npf: property -> the keys of its items (for lists of objects)."""
    found: dict[str, dict[str, set[str]]] = {}
    for kind, descriptor in _descriptors():
        for key, value in descriptor.items():
            if not key.startswith("npf:"):
                continue
            keys = found.setdefault(kind, {}).setdefault(key, set())
            if isinstance(value, list):
                keys.update(k for item in value if isinstance(item, dict) for k in item)
    return found


def test_the_committed_descriptors_are_found() -> None:
    assert set(_properties()) == set(SECTIONS)


@pytest.mark.parametrize("kind", sorted(SECTIONS))
def test_every_npf_property_is_documented(kind: str) -> None:
    section = _section(SECTIONS[kind])
    for key, item_keys in _properties().get(kind, {}).items():
        rows = [line for line in section.splitlines() if line.startswith(f"| `{key}` |")]
        assert rows, f"{key} ({kind} packages) is not described in {SECTIONS[kind]!r}"
        for item_key in sorted(item_keys):
            assert re.search(rf"\b{re.escape(item_key)}\b", rows[0]), (
                f"{key}[].{item_key} ({kind} packages) is not described in data-format.md"
            )


# --- the committed descriptors have the columns contract.py builds -----------------------


def _shape(schema: dict[str, Any]) -> list[tuple[str, str, bool]]:
    return [
        (f["name"], f["type"], bool(f.get("constraints", {}).get("required")))
        for f in schema["fields"]
    ]


def _first(kind: str) -> dict[str, Any]:
    path = min(PACKAGES.glob(f"{kind}/*/datapackage.json"))
    return dict(json.loads(path.read_text("utf-8")))


def test_the_committed_framework_has_the_contract_tables() -> None:
    descriptor = json.loads((PACKAGES / "framework" / "datapackage.json").read_text("utf-8"))
    committed = {r["name"]: r["schema"] for r in descriptor["resources"]}
    tables: list[Table] = npf_framework_tables()  # the contract's, with the NPF's places
    assert {t.name for t in framework_tables()} <= set(committed)
    assert list(committed) == [t.name for t in tables]
    for geography in default_project().geographies:
        places = places_table(geography.places).schema()
        assert _shape(committed[geography.places]) == _shape(places), geography.places
        assert committed[geography.places].get("primaryKey") == places.get("primaryKey")
    for table in tables:
        schema = table.schema()
        assert _shape(committed[table.name]) == _shape(schema), table.name
        assert committed[table.name].get("primaryKey") == schema.get("primaryKey")
        assert committed[table.name].get("foreignKeys") == schema.get("foreignKeys")


def test_a_committed_indicator_has_the_contract_columns() -> None:
    schema = _first("indicators")["resources"][0]["schema"]
    contract = indicator_table("x", [], [], [], [], []).schema()
    assert _shape(schema) == _shape(contract)
    assert schema["primaryKey"] == contract["primaryKey"]


def test_a_committed_evidence_package_has_the_contract_columns() -> None:
    schema = _first("equality-evidence")["resources"][0]["schema"]
    assert _shape(schema) == _shape(evidence_table("x").schema())
    key = schema["primaryKey"]
    assert key == [c for c in EVIDENCE_KEY_CANDIDATES if c in key]


# --- the generator itself ----------------------------------------------------------------


def test_render_fills_a_block_and_leaves_the_rest() -> None:
    block = "<!-- schema:indicator start -->\nstale\n<!-- schema:indicator end -->\n"
    text = f"# Title\n\n{block}\nEnd\n"
    out = render(text)
    assert out.startswith("# Title\n\n<!-- schema:indicator start -->\n<!-- generated")
    assert "stale" not in out
    assert "| `period_start` | date | yes |" in out
    assert out.endswith("<!-- schema:indicator end -->\n\nEnd\n")
    assert render(out) == out


@pytest.mark.parametrize(
    "text",
    [
        "<!-- schema:indicator start -->\n",
        "<!-- schema:indicator end -->\n",
        "<!-- schema:indicator start -->\n<!-- schema:evidence end -->\n",
    ],
)
def test_unpaired_markers_are_an_error(text: str) -> None:
    with pytest.raises(NpfError, match="do not pair"):
        render(text)


def test_an_unknown_block_is_an_error() -> None:
    with pytest.raises(NpfError, match="unknown schema block 'nothing'"):
        render("<!-- schema:nothing start -->\n<!-- schema:nothing end -->\n")


def test_check_reports_the_command_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "doc.md"
    stale = "<!-- schema:evidence start -->\nold\n<!-- schema:evidence end -->\n"
    doc.write_text(stale, "utf-8")
    assert main(["--check", str(doc)]) == 1
    assert f"run `{COMMAND} {doc}`" in capsys.readouterr().err
    assert doc.read_text("utf-8") == stale
    assert main([str(doc)]) == 0
    assert main(["--check", str(doc)]) == 0
    assert "| `breakdown` | string | yes |" in doc.read_text("utf-8")
