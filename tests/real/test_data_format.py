"""The committed descriptors agree with docs/data-format.md and contract.py: every
``npf:`` property they use is described there, and their tables have the columns and
keys contract.py builds."""

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
from build_scripts.importers.framework import npf_framework_tables
from build_scripts.load import read_catalogue
from build_scripts.metadata import published_descriptor
from tests.test_data_format_docs import DATA_FORMAT

PACKAGES = Path(__file__).resolve().parents[2] / "datapackages"
SECTIONS = {  # the folder under datapackages/ -> the heading of its section in data-format.md
    "framework": "## The framework package",
    "indicators": "## An indicator package",
    "equality-evidence": "## An equality evidence package",
}


# --- the npf: properties of the committed descriptors ------------------------------------


def _section(heading: str) -> str:
    text = DATA_FORMAT.read_text("utf-8")
    start = text.index(heading)
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else len(text)]


def _descriptors() -> list[tuple[str, dict[str, Any]]]:
    """Every descriptor as published: an indicator's with the catalogue's properties put
    back (``metadata.published_descriptor``), as its download has it."""
    catalogue = read_catalogue(PACKAGES)
    out = []
    for path in sorted(PACKAGES.glob("**/datapackage.json")):
        kind = path.relative_to(PACKAGES).parts[0]
        descriptor = json.loads(path.read_text("utf-8"))
        if kind == "indicators":
            descriptor = published_descriptor(descriptor, catalogue[path.parent.name], "npf")
        out.append((kind, descriptor))
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
