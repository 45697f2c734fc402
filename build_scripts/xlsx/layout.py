"""What ``npf export-xlsx`` writes and ``npf import-xlsx`` reads back, in one place: the
sheets of a figures workbook, the cell holding the indicator's slug, which columns are
numbers, the controlled lists of the drop-downs, and the CSV files as they are (their
rows as text, their line ends and quoting), so that a round trip changes no byte.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_scripts.config import Project
from build_scripts.contract import FLAGS, breakdown_columns
from build_scripts.errors import located
from build_scripts.messages import message, phrase
from build_scripts.tables import read_descriptor, resource_schema
from build_scripts.validate.descriptors import DESCRIPTOR, load_package, unsafe_path

FRAMEWORK, INDICATORS = "framework", "indicators"
SLUG_ROW = 2
"""The Instructions sheet's row that names the indicator: its label in A, its slug in B."""
NUMERIC = frozenset({"number", "integer"})
MAX_SHEET_NAME = 31
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
TYPE_COLUMN = re.compile(r"breakdown_type(_[0-9]+)?")
GROUP_COLUMN = re.compile(r"breakdown_group(_[0-9]+)?")


def xlsx_say(key: str, **values: object) -> str:
    """The catalogue's words for the workbook and its problems (``xlsx.*``)."""
    return phrase(message(key, **values))


def package_dir(data: Path, slug: str) -> Path:
    return data / INDICATORS / slug


@dataclass(frozen=True)
class CsvFile:
    """A CSV resource as it is on disk: its header and rows as text, and how it is
    written (line end, every cell quoted or only where needed)."""

    header: list[str]
    rows: list[list[str]]
    newline: str = "\n"
    quote_all: bool = False
    raw: bytes = b""

    def text(self, rows: Sequence[Sequence[str]]) -> str:
        """``rows`` under this file's header, written as this file is: its line end and
        quoting; a row holding a carriage return quoted whole (as ``write_csv`` does)."""
        out = io.StringIO(newline="")
        plain = csv.writer(
            out,
            lineterminator=self.newline,
            quoting=csv.QUOTE_ALL if self.quote_all else csv.QUOTE_MINIMAL,
        )
        quoted = csv.writer(out, lineterminator=self.newline, quoting=csv.QUOTE_ALL)
        plain.writerow(self.header)
        for row in rows:
            (quoted if any("\r" in cell for cell in row) else plain).writerow(row)
        return out.getvalue()


def read_csv(path: Path) -> CsvFile:
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    records = list(csv.reader(io.StringIO(text, newline="")))
    header, rows = (records[0], records[1:]) if records else ([], [])
    first = text.split("\n", 1)[0]
    newline = "\r\n" if first.endswith("\r") else "\n"
    return CsvFile(header, rows, newline, first.startswith('"'), raw)


@dataclass(frozen=True)
class SheetPlan:
    """One resource of the package and the sheet that holds its figures."""

    sheet: str
    name: str
    path: Path
    fields: tuple[dict[str, Any], ...]
    key: tuple[str, ...]

    @property
    def names(self) -> list[str]:
        return [str(f.get("name", "")) for f in self.fields]

    def kind(self, column: str) -> str:
        field = next((f for f in self.fields if f.get("name") == column), {})
        return str(field.get("type", "string"))


def sheet_names(resources: Sequence[str]) -> list[str]:
    """A sheet for each resource: ``Data`` for a package's one resource; else the
    resources' names, cut to what a sheet name may hold (``Data 2`` where two collide)."""
    if len(resources) == 1:
        return [phrase(message("workbook.data_sheet"))]
    names: list[str] = []
    for i, resource in enumerate(resources, start=1):
        name = SHEET_FORBIDDEN.sub("-", resource)[:MAX_SHEET_NAME] or f"Data {i}"
        if name.casefold() in {n.casefold() for n in names}:
            name = f"Data {i}"
        names.append(name)
    return names


def read_plans(folder: Path) -> tuple[dict[str, Any], list[SheetPlan]]:
    """The descriptor of the package in ``folder``, and a sheet for each resource."""
    where = folder / DESCRIPTOR
    descriptor = read_descriptor(where)
    resources = [r for r in descriptor.get("resources", []) if isinstance(r, dict)]
    if not resources:
        raise located(where, None, "resources", "the package lists no resources")
    plans = []
    for resource, sheet in zip(
        resources, sheet_names([str(r.get("name", "")) for r in resources]), strict=True
    ):
        why = unsafe_path(resource.get("path"))
        if why is not None:
            raise located(where, None, "resources.path", why)
        schema = resource_schema(folder, resource)
        fields = tuple(f for f in schema.get("fields", []) if isinstance(f, dict))
        key = schema.get("primaryKey", [])
        plans.append(
            SheetPlan(
                sheet,
                str(resource.get("name", "")),
                folder / str(resource["path"]),
                fields,
                tuple(key) if isinstance(key, list) else (str(key),),
            )
        )
    return descriptor, plans


@dataclass(frozen=True)
class Lists:
    """The controlled lists a workbook offers in drop-downs, by data column; and every
    breakdown group (places included) with its type and label, for people to look up.
    A group column (``breakdown_group``, ``breakdown_group_2``, ...) has no list of its
    own: it offers the groups of the type chosen on the same row (``groups_of``)."""

    columns: dict[str, tuple[str, ...]]
    groups: tuple[tuple[str, str, str], ...]

    @property
    def types(self) -> tuple[str, ...]:
        """The breakdown types, in the framework's order."""
        return next((v for k, v in self.columns.items() if TYPE_COLUMN.fullmatch(k)), ())

    def groups_of(self, breakdown_type: str) -> tuple[str, ...]:
        """The groups of one breakdown type (a geography's: its places' codes)."""
        return tuple(dict.fromkeys(g for t, g, _ in self.groups if t == breakdown_type and g))


def type_column(group_column: str) -> str:
    """The type column of a group column: ``breakdown_type_2`` of ``breakdown_group_2``."""
    return group_column.replace("breakdown_group", "breakdown_type", 1)


def controlled_lists(
    data: Path, slug: str, descriptor: dict[str, Any], fields: Sequence[str], project: Project
) -> Lists:
    """The lists of the framework package (measures of the indicator, units, breakdown
    types, and the groups and places of each type) and of the package (its sources),
    for the columns ``fields`` of a table."""
    framework = load_package(data / FRAMEWORK, project.property_prefix)

    def rows(name: str) -> list[dict[str, str]]:
        table = framework.table(name)
        return table.rows if table is not None else []

    measures = [r for r in rows("measures") if r.get("indicator") == slug]
    units = [m.get("unit", "") for m in measures]
    types = [r.get("slug", "") for r in rows("breakdown-types")]
    pairs = [
        (r.get("breakdown_type", ""), r.get("group", ""), r.get("label", ""))
        for r in rows("breakdown-groups")
    ]
    for geography in project.geographies:
        pairs += [(geography.breakdown_type, r["code"], r["name"]) for r in rows(geography.places)]
    sources = [str(s.get("id", "")) for s in descriptor.get("sources", []) if isinstance(s, dict)]
    by_column: dict[str, list[str]] = {
        "measure": [m.get("measure", "") for m in measures],
        "unit": list(dict.fromkeys(units)),
        "flag": list(FLAGS),
        "source": sources,
    }
    for field in fields:
        if TYPE_COLUMN.fullmatch(field):
            by_column[field] = types
    columns = {
        name: tuple(v for v in values if v)
        for name, values in by_column.items()
        if name in fields and any(values)
    }
    return Lists(columns, tuple(pairs))


def group_columns(pairs: int) -> list[str]:
    return [breakdown_columns(n)[1] for n in range(1, pairs + 1)]
