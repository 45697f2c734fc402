"""The table layer: a data package's CSV tables read into pandas DataFrames, typed by
their Table Schema.

Every cell is read as text first (Python's ``csv``, the parser validation uses), so that
nothing is guessed; each column is then converted by its field's type, strictly:

=========  ==========================  =======================================
type       dtype                       accepted text
=========  ==========================  =======================================
string     ``string`` (pandas)         anything
number     ``float64``                 plain ASCII decimals (``12.5``, ``-3``,
                                       ``1e-3``), and ``NaN``, ``INF``, ``-INF``
integer    ``Int64`` (nullable)        ASCII digits with an optional sign
boolean    ``boolean`` (nullable)      the field's ``trueValues``/``falseValues``
date       ``datetime64[s]``           ``YYYY-MM-DD``, a real day
object     ``object`` (``dict``)       a JSON object
array      ``object`` (``list``)       a JSON array
=========  ==========================  =======================================

Any other type, and a column the schema does not describe, is read as ``string``. A cell
equal to one of the schema's ``missingValues`` (``[""]`` unless it says otherwise) is
missing: ``<NA>``, ``NaN``, ``NaT`` or ``None``. Python's own ``float`` and ``int`` accept
more (``6_2``, full-width digits, spaces); a CSV reader would not, so neither does this.

A type named in ``as_text`` is checked the same way but its cells are kept as their text
(the model keeps an evidence table's dates as written; a workbook writes booleans and JSON
as written). The index of a frame is the CSV line each row begins on (the header is line
1), so a problem found later can still name its place. A cell that cannot be converted
raises ``NpfError`` naming the file, the line and the column.

``read_columns`` stops one step short of the frame: the converted columns as Python
lists, which ``load.py`` turns into the model's objects directly (making ~400 small frames
only to take them apart again would double the load). pandas is imported when a frame is
first made, so a build that makes none does not pay its half second of import.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from build_scripts.errors import NpfError, located

if TYPE_CHECKING:
    import pandas as pd

NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
NUMBER_WORDS = frozenset({"NaN", "INF", "-INF"})  # Table Schema's spellings, and no others
INTEGER = re.compile(r"[+-]?[0-9]+")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
INT64 = (-(2**63), 2**63 - 1)
TRUE_VALUES = ("true", "True", "TRUE", "1")
FALSE_VALUES = ("false", "False", "FALSE", "0")
EMPTY = frozenset({""})
UNSUPPORTED = ("decimalChar", "groupChar", "bareNumber")  # the contract uses none of them

Located = Callable[[int | None, str], NpfError]
"""The error for the cell at position ``i`` of a column (``None``: the whole column)."""

DTYPES = {
    "string": "string",
    "number": "float64",
    "integer": "Int64",
    "boolean": "boolean",
    "date": "datetime64[s]",
    "object": "object",
    "array": "object",
}
"""The dtype of a column of each field type (any other type is ``string``)."""


def find_resource(descriptor: Mapping[str, Any], name: str) -> dict[str, Any] | None:
    """The resource called ``name`` of a package descriptor, if it lists one."""
    for resource in descriptor.get("resources", []):
        if isinstance(resource, dict) and resource.get("name") == name:
            return resource
    return None


def resource_schema(package_dir: Path, resource: Mapping[str, Any]) -> dict[str, Any]:
    """The Table Schema of a resource: inline, or a JSON file of the package."""
    schema = resource.get("schema", {})
    if isinstance(schema, str):
        path = package_dir / schema
        try:
            schema = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise located(path, None, None, "schema file not found") from error
        except json.JSONDecodeError as error:
            raise located(path, error.lineno, None, f"not valid JSON: {error.msg}") from error
    if not isinstance(schema, dict):
        raise located(package_dir / "datapackage.json", None, None, "a schema must be an object")
    return schema


def read_resource(
    package_dir: Path,
    resource: Mapping[str, Any],
    *,
    schema: Mapping[str, Any] | None = None,
    as_text: Collection[str] = (),
) -> pd.DataFrame:
    """The table of a resource of the package in ``package_dir``, typed by ``schema``
    (the resource's own unless one is given)."""
    path = resource.get("path")
    if not isinstance(path, str):
        where = package_dir / "datapackage.json"
        raise located(where, None, None, f"resource {resource.get('name')!r} has no path")
    if schema is None:
        schema = resource_schema(package_dir, resource)
    encoding = resource.get("encoding", "utf-8")
    return read_table(package_dir / path, schema, as_text=as_text, encoding=str(encoding))


def read_descriptor(path: Path) -> dict[str, Any]:
    """A data package descriptor (``datapackage.json``), with located errors."""
    if not path.is_file():
        raise located(path, None, None, "file not found; run `npf import` or check the folder")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise located(path, error.lineno, None, f"not valid JSON: {error.msg}") from error
    if not isinstance(data, dict):
        raise located(path, None, None, "a data package descriptor must be a JSON object")
    return data


def read_package(package_dir: Path, *, as_text: Collection[str] = ()) -> dict[str, pd.DataFrame]:
    """Every tabular resource of the package in ``package_dir``, by name."""
    descriptor = read_descriptor(package_dir / "datapackage.json")
    return {
        str(r.get("name")): read_resource(package_dir, r, as_text=as_text)
        for r in descriptor.get("resources", [])
        if isinstance(r, dict) and isinstance(r.get("path"), str)
    }


def read_table(
    path: Path,
    schema: Mapping[str, Any],
    *,
    as_text: Collection[str] = (),
    encoding: str = "utf-8",
) -> pd.DataFrame:
    """The CSV at ``path`` as a DataFrame typed by the Table Schema ``schema``."""
    return read_columns(path, schema, as_text=as_text, encoding=encoding).frame()


@dataclass(frozen=True)
class Columns:
    """A table read and converted, before it becomes a DataFrame: each column as a list of
    Python values (``None`` where missing), the type it was converted as, and the line
    each row begins on. A reader that builds objects row by row (``load.py``) takes the
    lists as they are rather than making a frame and taking it apart again."""

    path: Path
    lines: list[int]
    values: dict[str, list[Any]]
    kinds: dict[str, str]

    def __len__(self) -> int:
        return len(self.lines)

    def frame(self) -> pd.DataFrame:
        """The table as a DataFrame of the dtypes in ``DTYPES``, indexed by line."""
        import pandas as pd  # here, not above: a build that makes no frame never pays for it

        data = {name: _array(values, self.kinds[name]) for name, values in self.values.items()}
        index = pd.Index(np.array(self.lines, dtype="int64"), name="line")
        return pd.DataFrame(data, index=index)


def read_columns(
    path: Path,
    schema: Mapping[str, Any],
    *,
    as_text: Collection[str] = (),
    encoding: str = "utf-8",
) -> Columns:
    """The CSV at ``path``, each column converted by its field in ``schema``."""
    header, rows, lines = _read_text(path, encoding)
    fields = {f["name"]: f for f in schema.get("fields", []) if isinstance(f, dict) and "name" in f}
    missing = frozenset(schema.get("missingValues", [""]))
    values: dict[str, list[Any]] = {}
    kinds: dict[str, str] = {}
    texts = list(zip(*rows, strict=True)) if rows else [()] * len(header or fields)
    for name, column in zip(header or list(fields), texts, strict=True):
        field = fields.get(name, {})
        kind = str(field.get("type", "string"))
        # Each distinct text once: columns repeat theirs (measures, periods, groups,
        # units), and a string per cell was most of a large table's memory.
        same: dict[str, str] = {}
        if missing == EMPTY:
            cells: list[str | None] = [(c and same.setdefault(c, c)) or None for c in column]
        else:
            cells = [None if c in missing else same.setdefault(c, c) for c in column]

        def where(i: int | None, message: str, name: str = name) -> NpfError:
            return located(path, None if i is None else lines[i], name, message)

        converted = _convert(cells, kind, field, where)
        if kind in as_text or kind not in _CONVERTERS:
            values[name], kinds[name] = cells, "string"
        else:
            values[name], kinds[name] = converted, kind
    return Columns(path, lines, values, kinds)


def _convert(
    cells: list[str | None], kind: str, field: Mapping[str, Any], where: Located
) -> list[Any]:
    """The cells of one column converted by its type (text when the type has no
    converter), each missing cell ``None``."""
    convert = _CONVERTERS.get(kind)
    if convert is None:
        return cells
    for option in UNSUPPORTED:
        if option in field:
            raise where(None, f"the schema's {option!r} is not supported; write plain numbers")
    # Tables repeat their cells (dates, flags, round numbers): each text is read once.
    seen: dict[str, Any] = {}
    out: list[Any] = []
    for i, cell in enumerate(cells):
        if cell is None:
            out.append(None)
        elif cell in seen:
            out.append(seen[cell])
        else:
            seen[cell] = value = convert(cell, field, i, where)
            out.append(value)
    return out


def _read_text(path: Path, encoding: str) -> tuple[list[str], list[list[str]], list[int]]:
    """The header, the rows as text and the line each row begins on."""
    if not path.is_file():
        raise located(path, None, None, "file not found; is the descriptor's `path` right?")
    rows: list[list[str]] = []
    lines: list[int] = []
    with path.open(encoding=encoding, newline="") as f:
        reader = csv.reader(f)
        try:
            header = next(reader, [])
            seen: set[str] = set()
            for name in header:
                if name in seen:
                    raise located(path, 1, name, "is in the header twice; rename one")
                seen.add(name)
            start = reader.line_num + 1
            for row in reader:
                if not row:  # a blank line, skipped as csv.DictReader skips it
                    start = reader.line_num + 1
                    continue
                if len(row) != len(header):
                    message = f"has {len(row)} cells; the header has {len(header)}"
                    raise located(path, start, None, message)
                rows.append(row)
                lines.append(start)
                start = reader.line_num + 1
        except csv.Error as error:
            raise located(path, reader.line_num, None, f"is not valid CSV: {error}") from error
        except UnicodeDecodeError as error:
            raise located(path, None, None, f"is not {encoding} text") from error
    return header, rows, lines


def python_values(series: pd.Series) -> list[Any]:
    """A column of a frame as Python values: ``float``, ``int``, ``bool``, ``date``,
    ``str``, ``dict`` or ``list``, and ``None`` where a value is missing."""
    import pandas as pd

    if series.dtype.kind == "M":
        return np.asarray(series, dtype="datetime64[D]").tolist()  # NaT becomes None
    if series.dtype.kind == "f":
        return [None if v != v else v for v in series.tolist()]  # NaN != NaN
    return [None if v is pd.NA else v for v in series.tolist()]


def _array(values: list[Any], kind: str) -> Any:
    """A column of Python values as an array of the dtype of ``kind``."""
    if kind == "number":
        return np.array([np.nan if v is None else v for v in values], dtype="float64")
    if kind == "date":
        return np.array(values, dtype="datetime64[D]").astype("datetime64[s]")
    if kind in ("object", "array"):
        out = np.empty(len(values), dtype=object)
        out[:] = values
        return out
    import pandas as pd

    return pd.array(values, dtype=DTYPES.get(kind, DTYPES["string"]))


def _number(cell: str, field: Mapping[str, Any], i: int, where: Located) -> float:
    if NUMBER.fullmatch(cell) or cell in NUMBER_WORDS:
        return float(cell)
    raise where(
        i,
        f"{cell!r} is not a plain number; write digits 0-9 with an optional sign, decimal "
        "point and exponent, such as 12.5 or -3",
    )


def _integer(cell: str, field: Mapping[str, Any], i: int, where: Located) -> int:
    if not INTEGER.fullmatch(cell):
        raise where(i, f"{cell!r} is not a whole number written with digits 0-9, such as 3")
    value = int(cell)
    if not INT64[0] <= value <= INT64[1]:
        raise where(i, f"{cell!r} is too large a whole number")
    return value


def _boolean(cell: str, field: Mapping[str, Any], i: int, where: Located) -> bool:
    if cell in field.get("trueValues", TRUE_VALUES):
        return True
    if cell in field.get("falseValues", FALSE_VALUES):
        return False
    raise where(i, f"{cell!r} is not true or false")


def _date(cell: str, field: Mapping[str, Any], i: int, where: Located) -> date:
    message = f"{cell!r} is not a date written YYYY-MM-DD, such as 2020-03-31"
    if not DATE.fullmatch(cell):
        raise where(i, message)
    try:
        return date.fromisoformat(cell)
    except ValueError as error:
        raise where(i, message) from error


def _json(cell: str, field: Mapping[str, Any], i: int, where: Located) -> Any:
    kind = field.get("type")
    wanted, name = (list, "array") if kind == "array" else (dict, "object")
    try:
        value = json.loads(cell)
    except json.JSONDecodeError as error:
        raise where(i, f"is not a JSON {name}: {error.msg}") from error
    if not isinstance(value, wanted):
        raise where(i, f"must be a JSON {name}")
    return value


_CONVERTERS: dict[str, Callable[[str, Mapping[str, Any], int, Located], Any]] = {
    "number": _number,
    "integer": _integer,
    "boolean": _boolean,
    "date": _date,
    "object": _json,
    "array": _json,
}
