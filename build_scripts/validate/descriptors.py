"""Safe loading: read a data package's descriptor and CSV files before frictionless sees
anything, and turn every way they can be unreadable into a located problem.

What is refused here, and why, is in ``docs/validation.md`` ("Reading the files"). A table
with a problem at this stage is left out of every later check: its other problems would
be noise until the file can be read.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from build_scripts.contract import custom
from build_scripts.problems import Problem

DESCRIPTOR = "datapackage.json"
BOM = b"\xef\xbb\xbf"
MAX_DESCRIPTOR_BYTES = 5_000_000
MAX_TABLE_BYTES = 200_000_000
MAX_CELL = 100_000  # characters; the longest real cell is a few hundred
REMOTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://|^//")
DRIVE = re.compile(r"^[A-Za-z]:")


def display(path: Path) -> str:
    """``path`` relative to the current folder when it is inside it, else as given."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


@dataclass
class Table:
    """One CSV resource, read. ``lines[i]`` is the line on which ``rows[i]`` starts
    (the header is line 1); rows with the wrong number of cells are left out of ``rows``
    (frictionless reports them)."""

    name: str
    index: int
    path: Path
    schema: dict[str, Any]
    header: list[str]
    rows: list[dict[str, str]]
    lines: list[int]
    records: list[int] = field(default_factory=list)

    def line_of(self, row_number: int) -> int:
        """The line on which frictionless's row ``row_number`` (a record count, the header
        being 1) starts: they differ after a cell with a line break."""
        if 1 <= row_number <= len(self.records):
            return self.records[row_number - 1]
        return row_number

    @cached_property
    def shown(self) -> str:
        return display(self.path)


@dataclass
class LoadedPackage:
    folder: Path
    prefix: str  # of the custom properties (the project's [data] property_prefix)
    descriptor: dict[str, Any] | None = None
    tables: list[Table] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: set[int] = field(default_factory=set)  # resources unreadable at this stage

    @property
    def descriptor_path(self) -> Path:
        return self.folder / DESCRIPTOR

    @cached_property
    def shown(self) -> str:
        return display(self.descriptor_path)

    def table(self, name: str) -> Table | None:
        return next((t for t in self.tables if t.name == name), None)

    def prop(self, key: str, default: Any = None) -> Any:
        return (self.descriptor or {}).get(key, default)

    def custom(self, name: str) -> str:
        """The key of the custom property ``name``: ``"npf:measures"`` for ``"measures"``."""
        return custom(name, self.prefix)

    def own(self, name: str, default: Any = None) -> Any:
        """The value of the custom property ``name`` (``measures``: ``npf:measures``)."""
        return self.prop(self.custom(name), default)

    def add(
        self, row: int | None, column: str | None, message: str, path: str = "", *, code: str
    ) -> None:
        self.problems.append(Problem(path or self.shown, row, column, message, code=code))


def load_package(folder: Path, prefix: str) -> LoadedPackage:
    """Read ``folder/datapackage.json`` and every CSV it names, refusing what is unsafe;
    ``prefix``: of its custom properties."""
    package = LoadedPackage(folder, prefix)
    descriptor = _read_descriptor(package)
    if descriptor is None:
        return package
    package.descriptor = descriptor
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        package.add(
            None,
            "resources",
            "a data package needs a non-empty list of resources; see docs/data-format.md",
            code="no-resources",
        )
        package.descriptor = None
        return package
    for index, resource in enumerate(resources):
        table = _load_resource(package, index, resource)
        if table is None:
            package.skipped.add(index)
        else:
            package.tables.append(table)
    return package


def _read_descriptor(package: LoadedPackage) -> dict[str, Any] | None:
    path = package.descriptor_path
    if not path.is_file():
        package.add(
            None,
            None,
            "no datapackage.json here; run `npf import` or check the folder",
            code="missing-descriptor",
        )
        return None
    if path.stat().st_size > MAX_DESCRIPTOR_BYTES:
        package.add(
            None,
            None,
            f"the descriptor is over {MAX_DESCRIPTOR_BYTES:,} bytes; is it the right file?",
            code="file-too-large",
        )
        return None
    data = path.read_bytes()
    if data.startswith(BOM):
        package.add(
            1,
            None,
            "the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
            code="byte-order-mark",
        )
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        message = f"{_bad_byte(data, error.start)}; save the file as UTF-8"
        package.add(line, None, message, code="not-utf-8")
        return None
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as error:
        package.add(
            error.lineno,
            None,
            f"not valid JSON: {error.msg} (column {error.colno}); fix the syntax",
            code="invalid-json",
        )
        return None
    except RecursionError:
        package.add(None, None, "not valid JSON: nested too deeply", code="invalid-json")
        return None
    if isinstance(descriptor, dict):
        _check_profiles(package, descriptor, "")
        if any(p.column and p.column.endswith(("$schema", "profile")) for p in package.problems):
            return None
    else:
        kind = "an array" if isinstance(descriptor, list) else f"a {type(descriptor).__name__}"
        package.add(
            1,
            None,
            f"the descriptor is {kind}; a data package descriptor must be a JSON object ({{...}})",
            code="descriptor-not-object",
        )
        return None
    return descriptor


PROFILE_NAMES = {"data-package", "tabular-data-package", "data-resource", "tabular-data-resource"}
PROFILE_URL = re.compile(r"^https://datapackage\.org/profiles/[0-9.]+/[a-z]+\.json$")


def _check_profiles(package: LoadedPackage, node: dict[str, Any], where: str) -> None:
    """Refuse a ``$schema`` or ``profile`` that frictionless would fetch from the network."""
    for key in ("$schema", "profile"):
        value = node.get(key)
        if value is None or value in PROFILE_NAMES:
            continue
        if not isinstance(value, str) or not PROFILE_URL.match(value):
            package.add(
                None,
                f"{where}{key}",
                f"{value!r} is not a standard Data Package profile and would be fetched from "
                "the network; use https://datapackage.org/profiles/2.0/datapackage.json or "
                "leave it out",
                code="remote-profile",
            )
    resources = node.get("resources")
    for i, resource in enumerate(resources if isinstance(resources, list) else []):
        if isinstance(resource, dict):
            _check_profiles(package, resource, f"resources[{i}].")
            for part in ("schema", "dialect"):
                if isinstance(resource.get(part), dict):
                    _check_profiles(package, resource[part], f"resources[{i}].{part}.")


def unsafe_path(value: object) -> str | None:
    """Why a resource path may not be used, or ``None`` when it is a safe relative path."""
    if not isinstance(value, str) or not value.strip():
        return "must be the name of one CSV file in the package's folder, as a string"
    if REMOTE.match(value):
        return (
            f"{value!r} is a remote URL; npf validate never fetches data. Download the file "
            "into the package's folder and give its name"
        )
    if value.startswith(("/", "\\")) or DRIVE.match(value):
        return f"{value!r} is an absolute path; give a path relative to the package's folder"
    parts = re.split(r"[\\/]", value)
    if ".." in parts:
        return f"{value!r} leaves the package's folder; data files must be inside it"
    if "\\" in value:
        return f"{value!r} uses backslashes; use / between folders"
    return None


def _load_resource(package: LoadedPackage, index: int, resource: object) -> Table | None:
    where = f"resources[{index}]"
    if not isinstance(resource, dict):
        package.add(
            None,
            where,
            "each resource must be a JSON object with a name, a path and a schema",
            code="resource-not-object",
        )
        return None
    path_value = resource.get("path")
    if isinstance(path_value, list):
        package.add(
            None,
            f"{where}.path",
            "must be one file, not a list of files",
            code="unsupported-resource",
        )
        return None
    if "data" in resource and path_value is None:
        package.add(
            None,
            f"{where}.data",
            "inline data is not used here; put the rows in a CSV file",
            code="unsupported-resource",
        )
        return None
    why = unsafe_path(path_value)
    if why:
        package.add(None, f"{where}.path", why, code="unsafe-path")
        return None
    for key in ("schema", "dialect"):
        value = resource.get(key)
        if key == "schema" and not isinstance(value, dict):
            message = "write the table schema inline, as a JSON object"
            package.add(None, f"{where}.schema", message, code="unsupported-resource")
            return None
        if key == "dialect" and value is not None and not isinstance(value, dict):
            message = "write the CSV dialect inline, as a JSON object"
            package.add(None, f"{where}.dialect", message, code="unsupported-resource")
            return None
    shape = _schema_shape(resource["schema"])
    if shape:
        package.add(None, f"{where}.schema{shape[0]}", shape[1], code="schema-shape")
        return None
    encoding = resource.get("encoding", "utf-8")
    if not isinstance(encoding, str) or encoding.lower().replace("_", "-") != "utf-8":
        package.add(
            None,
            f"{where}.encoding",
            f'{encoding!r}: data files must be UTF-8; say "utf-8"',
            code="not-utf-8-encoding",
        )
        return None
    assert isinstance(path_value, str)
    file = package.folder / path_value
    folder = package.folder.resolve()
    try:
        inside = file.resolve().is_relative_to(folder)
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        package.add(
            None,
            f"{where}.path",
            f"{path_value!r} leads outside the package's folder (a link?)",
            code="unsafe-path",
        )
        return None
    if not file.is_file():
        package.add(
            None,
            f"{where}.path",
            f"the data file {path_value!r} is missing; run `npf import` or correct the path",
            code="missing-file",
        )
        return None
    name = resource.get("name")
    name = name if isinstance(name, str) else f"resource {index}"
    schema = resource["schema"]
    return _read_table(package, index, name, file, schema)


def _schema_shape(schema: dict[str, Any]) -> tuple[str, str] | None:
    """The shape frictionless needs before it can say anything itself (it fails with a
    Python error on a field that is not an object)."""
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        return ".fields", 'must be a non-empty list of fields, each {"name": ..., "type": ...}'
    for i, f in enumerate(fields):
        if not isinstance(f, dict) or not isinstance(f.get("name"), str):
            return f".fields[{i}]", 'each field must be an object with a "name" (text)'
        for key, kind in (("type", str), ("format", str), ("constraints", dict)):
            if key in f and not isinstance(f[key], kind):
                return f".fields[{i}].{key}", f"must be {'an object' if kind is dict else 'text'}"
    for key in ("primaryKey", "foreignKeys", "missingValues"):
        value = schema.get(key)
        if value is not None and not isinstance(value, list | str):
            return f".{key}", "must be a list"
    keys = schema.get("foreignKeys")
    for i, fk in enumerate(keys if isinstance(keys, list) else []):
        if not isinstance(fk, dict) or not isinstance(fk.get("reference"), dict):
            return f".foreignKeys[{i}]", 'must be {"fields": [...], "reference": {...}}'
    return None


def _read_table(
    package: LoadedPackage, index: int, name: str, file: Path, schema: dict[str, Any]
) -> Table | None:
    shown = display(file)
    size = file.stat().st_size
    if size == 0:
        message = "the file is empty; it needs at least the header row"
        package.add(None, None, message, shown, code="empty-file")
        return None
    if size > MAX_TABLE_BYTES:
        package.add(
            None,
            None,
            f"the file is over {MAX_TABLE_BYTES:,} bytes; is it the right file?",
            shown,
            code="file-too-large",
        )
        return None
    data = file.read_bytes()
    if data.startswith(BOM):
        package.add(
            1,
            None,
            "the file starts with a byte-order mark (BOM, as Excel's 'CSV UTF-8' writes); "
            "save it as UTF-8 without BOM, or re-run `npf import`",
            shown,
            code="byte-order-mark",
        )
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _locate_byte(data, error.start)
        message = f"{_bad_byte(data, error.start)}; save the file as UTF-8"
        package.add(line, column, message, shown, code="not-utf-8")
        return None
    return _parse_csv(package, index, name, file, schema, text)


def _parse_csv(
    package: LoadedPackage,
    index: int,
    name: str,
    file: Path,
    schema: dict[str, Any],
    text: str,
) -> Table | None:
    shown = display(file)
    lines_of_text = list(io.StringIO(text, newline=""))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] = []
    rows: list[dict[str, str]] = []
    lines: list[int] = []
    records: list[int] = []  # the line on which each record starts, the header's first
    with _field_limit(MAX_TABLE_BYTES):
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                column, message, code = _csv_error(error, lines_of_text, start, header)
                package.add(start, column, message, shown, code=code)
                return None
            for position, cell in enumerate(cells):
                if len(cell) > MAX_CELL:
                    column = header[position] if position < len(header) else f"cell {position + 1}"
                    package.add(
                        start,
                        column,
                        f"this cell is {len(cell):,} characters long (the most allowed is "
                        f"{MAX_CELL:,}); is a closing quote missing, or is this the wrong file?",
                        shown,
                        code="cell-too-long",
                    )
                    return None
            records.append(start)
            if not header:
                if not any(cells):
                    message = "the first line must be the header (the column names)"
                    package.add(1, None, message, shown, code="no-header")
                    return None
                header = cells
                continue
            if len(cells) == len(header):
                rows.append(dict(zip(header, cells, strict=True)))
                lines.append(start)
    if not header:
        message = "the file has no header row; it needs at least that"
        package.add(None, None, message, shown, code="empty-file")
        return None
    if not _header_matches(package, shown, header, schema):
        return None
    return Table(name, index, file, schema, header, rows, lines, records)


def _header_matches(
    package: LoadedPackage, shown: str, header: list[str], schema: dict[str, Any]
) -> bool:
    """Columns missing from the header, or not in the schema, are reported here by name
    (frictionless would compare by position and flag every row after them)."""
    fields = schema.get("fields")
    if not isinstance(fields, list) or not all(
        isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields
    ):
        return True  # frictionless reports the schema
    names = [f.get("name") for f in fields if isinstance(f, dict)]
    missing = [n for n in names if n not in header]
    extra = [h for h in header if h not in names]
    for name in missing:
        package.add(
            1,
            str(name),
            f"the column {name!r} is missing from the header; add it (empty cells are fine "
            "where it is optional)",
            shown,
            code="missing-label",
        )
    for name in extra:
        package.add(
            1,
            name or None,
            f"the header has a column {name!r} that the schema does not describe; remove it "
            "or add it to the schema",
            shown,
            code="extra-label",
        )
    return not missing and not extra


@contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    old = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _csv_error(
    error: csv.Error, lines: list[str], start: int, header: list[str]
) -> tuple[str | None, str, str]:
    """Column, message and code for a CSV syntax error in the record that starts on ``start``."""
    text = str(error)
    line = lines[start - 1] if start - 1 < len(lines) else ""
    position = _open_quote_cell(line)
    column = None
    if position is not None:
        column = header[position] if position < len(header) else f"cell {position + 1}"
    if "unexpected end of data" in text or "EOF" in text:
        return (
            column,
            "a quoted cell starts in this row and is never closed; "
            'add the closing double quote (")',
            "unclosed-quote",
        )
    if "expected after" in text:
        return (
            column,
            'a double quote inside a quoted cell must be written twice (""); '
            "this cell closes early",
            "stray-quote",
        )
    if "new-line character" in text:
        return (
            None,
            "a line break inside a cell; put the cell in double quotes",
            "unquoted-line-break",
        )
    return column, f"the CSV cannot be read here: {text}", "csv-error"


def _open_quote_cell(line: str) -> int | None:
    """The position of the cell whose opening quote is not closed on ``line``."""
    position, quoted, opened = 0, False, None
    i = 0
    while i < len(line):
        char = line[i]
        if quoted:
            if char == '"':
                if i + 1 < len(line) and line[i + 1] == '"':
                    i += 1
                else:
                    quoted = False
        elif char == '"':
            quoted, opened = True, position
        elif char == ",":
            position += 1
        i += 1
    return opened if quoted else None


def _locate_byte(data: bytes, offset: int) -> tuple[int, str | None]:
    """Line and column (header name) of the byte at ``offset``."""
    line = data.count(b"\n", 0, offset) + 1
    line_start = data.rfind(b"\n", 0, offset) + 1
    prefix = data[line_start:offset].decode("utf-8", errors="replace")
    position = _cell_position(prefix)
    header_end = data.find(b"\n")
    header_bytes = data[: header_end if header_end >= 0 else len(data)]
    try:
        header = next(csv.reader([header_bytes.decode("utf-8").rstrip("\r")]))
    except (UnicodeDecodeError, csv.Error, StopIteration):
        header = []
    if line == 1:
        return line, None
    column = header[position] if position < len(header) else f"cell {position + 1}"
    return line, column


def _cell_position(prefix: str) -> int:
    position, quoted = 0, False
    for char in prefix:
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            position += 1
    return position


def _bad_byte(data: bytes, offset: int) -> str:
    byte = data[offset]
    guess = data[offset : offset + 1].decode("cp1252", errors="replace")
    return (
        f"byte 0x{byte:02X} is not UTF-8 (in Latin-1/Windows-1252 it would be {guess!r}, "
        "as older Excel saves CSV)"
    )


def is_package_folder(folder: Path) -> bool:
    return (folder / DESCRIPTOR).is_file()


def package_folders(folder: Path) -> list[Path]:
    """Sub-folders of ``folder`` (sorted), skipping hidden ones such as a half-written
    ``.indicators.new-*``."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
