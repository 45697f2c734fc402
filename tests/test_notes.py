"""Licence and attribution in every download (build_scripts/notes.py)."""

from __future__ import annotations

import json

from build_scripts.config import default_project
from build_scripts.notes import Notes, csv_metadata, notes_lines, readme

NOTES = Notes(
    site="Scotland's National Performance Framework",
    site_url="https://e.org/npf/",
    publisher="Scottish Government",
    licence="Open Government Licence v3.0",
    licence_url="https://licence.example/",
    attribution="Contains public sector information.",
)
DESCRIPTOR = {
    "name": "x",
    "title": "Healthy life expectancy",
    "description": "Years lived in good health.",
    "sources": [{"title": "NPF database", "publisher": "Scottish Government", "url": "https://s/"}],
    "resources": [
        {
            "schema": {
                "fields": [
                    {"name": "period", "type": "string"},
                    {"name": "value", "type": "number", "description": "The figure"},
                    {"name": "start", "type": "date"},
                    {"name": "extra", "type": "any"},
                ]
            }
        }
    ],
}


def test_notes_say_where_from_whose_and_under_which_licence() -> None:
    lines = notes_lines(NOTES, DESCRIPTOR)
    assert lines[:2] == ["Healthy life expectancy", "Years lived in good health."]
    text = "\n".join(lines)
    assert "https://e.org/npf/data/index.html" in text
    assert "Scottish Government" in text
    assert "Licence: Open Government Licence v3.0 (https://licence.example/)." in text
    assert "Attribution: Contains public sector information." in text
    assert "- NPF database, Scottish Government: https://s/" in text


def test_the_readme_lists_the_files() -> None:
    text = readme(NOTES, DESCRIPTOR, ["x/datapackage.json", "x/x.csv"]).decode("utf-8")
    assert "- x/datapackage.json: the Frictionless data package" in text
    assert "- x/x.csv: the figures, one row per figure." in text
    assert text.endswith("\n")


def test_csvw_metadata_describes_the_columns() -> None:
    about = json.loads(csv_metadata(NOTES, "x.csv", DESCRIPTOR))
    assert about["@context"] == "http://www.w3.org/ns/csvw" and about["url"] == "x.csv"
    assert about["dc:license"] == {"@id": "https://licence.example/"}
    assert about["dc:source"] == ["https://s/"]
    columns = about["tableSchema"]["columns"]
    assert [(c["name"], c["datatype"]) for c in columns] == [
        ("period", "string"),
        ("value", "number"),
        ("start", "date"),
        ("extra", "string"),
    ]
    assert columns[1]["dc:description"] == "The figure"


def test_notes_travel_to_the_child_process_as_json() -> None:
    notes = Notes.of(default_project())
    assert Notes.from_json(notes.to_json()) == notes
    assert notes.publisher == "Scottish Government"
    assert notes.digest != Notes.from_json(notes.to_json().replace("Scottish", "X")).digest
