"""The committed equality evidence packages (313, about 4 s): every one valid on its own,
with a characteristic and a primary key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from frictionless import Package

from build_scripts.importers.equality_evidence_characteristics import CHARACTERISTICS

PUBLISHED = Path(__file__).resolve().parents[2] / "datapackages" / "equality-evidence"


@pytest.mark.skipif(not PUBLISHED.is_dir(), reason="datapackages/equality-evidence not built")
def test_published_packages_are_valid() -> None:
    folders = sorted(p for p in PUBLISHED.iterdir() if p.is_dir())
    assert len(folders) == 313
    for p in folders:
        d = json.loads((p / "datapackage.json").read_text(encoding="utf-8"))
        assert d["npf:characteristic"] in CHARACTERISTICS.values()
        assert d["resources"][0]["schema"]["primaryKey"]
        report = Package(str(p / "datapackage.json")).validate()
        assert report.valid, (p.name, report.flatten(["rowNumber", "fieldName", "note"]))
