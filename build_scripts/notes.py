"""Licence and attribution in every download: the ``README.txt`` of each zip, the
``Notes`` sheet of each workbook and the CSVW metadata file beside each CSV
(``<name>.csv-metadata.json``, the W3C's convention for a CSV's description: a comment
line in the CSV itself would break the readers that expect a header first).

``Notes`` is what the project's configuration says of the downloads (the site, who
publishes the figures, the licence and attribution), small and plain so that the child
process making the downloads gets it as JSON. The sentences are the catalogue's
(``notes.*``); the metadata file's keys are the CSVW vocabulary's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from build_scripts import urls
from build_scripts.config import Project
from build_scripts.messages import Message, phrase

CSVW_CONTEXT = "http://www.w3.org/ns/csvw"
METADATA_SUFFIX = "-metadata.json"
"""Beside ``x.csv``: ``x.csv-metadata.json`` (CSVW's "metadata file for a CSV")."""
# Table Schema types as CSVW datatypes; any other type is read as a string.
DATATYPES = {
    "string": "string",
    "number": "number",
    "integer": "integer",
    "date": "date",
    "datetime": "datetime",
    "boolean": "boolean",
    "year": "gYear",
}


@dataclass(frozen=True)
class Notes:
    site: str = ""
    site_url: str = ""
    publisher: str = ""
    licence: str = ""
    licence_url: str = ""
    attribution: str = ""

    @classmethod
    def of(cls, project: Project) -> Notes:
        p, licence = project.publishing, project.licence
        return cls(
            project.name,
            p.site_url,
            p.statistics_by,
            licence.title,
            licence.url,
            licence.attribution,
        )

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Notes:
        return cls(**json.loads(text))

    @property
    def digest(self) -> str:
        """Part of the downloads' cache keys: their notes change with it."""
        return hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()


def _say(id: str, **values: object) -> str:
    return phrase(Message(id, values))


def notes_lines(notes: Notes, descriptor: dict[str, Any] | None = None) -> list[str]:
    """The notes of a download, one line each: its title and description (from its
    data package's ``descriptor``, if any), where it comes from, who publishes the
    figures, the licence, the attribution and its sources."""
    lines: list[str] = []
    if descriptor is not None:
        title = str(descriptor.get("title") or descriptor.get("name") or "")
        if title:
            lines.append(_say("notes.readme_title", title=title))
        if descriptor.get("description"):
            lines.append(str(descriptor["description"]))
    if notes.site:
        address = notes.site_url + urls.url(urls.DATA) if notes.site_url else ""
        lines.append(_say("notes.from_site", site=notes.site, address=address))
    if notes.publisher:
        lines.append(_say("notes.publisher", publisher=notes.publisher))
    if notes.licence:
        lines.append(_say("notes.licence", licence=notes.licence, url=notes.licence_url))
    if notes.attribution:
        lines.append(_say("notes.attribution", attribution=notes.attribution))
    sources = descriptor.get("sources", []) if descriptor is not None else []
    if sources:
        lines.append(_say("notes.sources"))
        for s in sources:
            lines.append(
                _say(
                    "notes.source",
                    title=str(s.get("title", "")),
                    publisher=str(s.get("publisher", "")),
                    published=str(s.get("published", "")),
                    url=str(s.get("url", "")),
                )
            )
    return lines


def readme(notes: Notes, descriptor: dict[str, Any] | None, files: Sequence[str]) -> bytes:
    """The ``README.txt`` of a zip: the notes, then what each of its ``files`` is."""
    lines = notes_lines(notes, descriptor)
    lines += ["", _say("notes.contents")]
    for name in files:
        base = name.rsplit("/", 1)[-1]
        if base == "datapackage.json":
            lines.append(_say("notes.data_package", name=name))
        elif base.endswith(".csv"):
            lines.append(_say("notes.csv_file", name=name))
        else:
            lines.append(_say("notes.other_file", name=name))
    return ("\n".join(lines) + "\n").encode("utf-8")


def csv_metadata(
    notes: Notes,
    csv_name: str,
    descriptor: dict[str, Any],
    columns: Callable[[list[dict[str, Any]]], list[dict[str, Any]]] | None = None,
) -> bytes:
    """The CSVW metadata of ``csv_name`` (the CSV's file name, beside which it goes) from
    its data package's ``descriptor``: title, description, licence, publisher, sources
    and its columns with their datatypes (a Table Schema's ``fields``, as ``columns``
    turns them into the CSV's own where it adds some)."""
    resource = descriptor["resources"][0]
    fields = resource.get("schema", {}).get("fields", [])
    return table_metadata(notes, csv_name, descriptor, columns(fields) if columns else fields)


def table_metadata(
    notes: Notes, csv_name: str, descriptor: dict[str, Any], fields: list[dict[str, Any]]
) -> bytes:
    """The CSVW metadata of a CSV whose columns are ``fields`` (Table Schema fields:
    ``name``, ``type``, optional ``title`` and ``description``), titled and described
    by ``descriptor``."""
    columns = [
        {
            "name": f["name"],
            "titles": f.get("title", f["name"]),
            "datatype": DATATYPES.get(str(f.get("type", "string")), "string"),
            **({"dc:description": f["description"]} if f.get("description") else {}),
        }
        for f in fields
    ]
    table: dict[str, Any] = {
        "@context": CSVW_CONTEXT,
        "url": csv_name,
        "dc:title": str(descriptor.get("title") or descriptor.get("name") or ""),
    }
    if descriptor.get("description"):
        table["dc:description"] = str(descriptor["description"])
    if notes.publisher:
        table["dc:publisher"] = notes.publisher
    if notes.licence_url:
        table["dc:license"] = {"@id": notes.licence_url}
    table["notes"] = notes_lines(notes)
    sources = [str(s.get("url") or s.get("title") or "") for s in descriptor.get("sources", [])]
    if any(sources):
        table["dc:source"] = [s for s in sources if s]
    table["tableSchema"] = {"columns": columns}
    return (json.dumps(table, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
