"""An Excel workbook of an indicator's data package, for people who work in spreadsheets.

Three sheets: ``Data`` (the tidy table as the typed reader ``tables.py`` reads it by the
package's Table Schema: numbers as numbers, dates as dates, the rest as text),
``About`` (title, measures, sources, licence, last updated) and ``Notes`` (where
it comes from, who publishes the figures, the licence and attribution: ``notes``),
the sheets' names and labels in the words of the catalogue in use (``workbook.*``).
Text is always text, never a formula, whatever it begins with. The bytes are
reproducible: fixed document dates, and the zip rewritten by the one reproducible writer
(``zips``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from build_scripts import tables, zips
from build_scripts.contract import custom
from build_scripts.messages import message, phrase
from build_scripts.tables import python_values, read_descriptor, read_resource
from build_scripts.zips import rezip

if TYPE_CHECKING:  # openpyxl is imported when a workbook is made (most builds make none)
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.styles import Font

FIXED = datetime(2000, 1, 1)
FIXED_W3C = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
AS_WRITTEN = ("boolean", "object", "array")
"""Types whose cells are checked but written as their text, as the CSV has them."""
CODE = (Path(__file__), Path(tables.__file__), Path(zips.__file__))
"""The code a workbook's bytes depend on (part of its cache key)."""


def as_text(cell: Cell | MergedCell) -> None:
    """Text stays text: openpyxl writes any string beginning with ``=`` as a formula,
    and a spreadsheet runs text beginning with ``+``, ``-``, ``@``, a tab or a carriage
    return as one when it is edited; such cells are marked as quoted text."""
    from openpyxl.cell.cell import Cell

    if isinstance(cell, Cell) and isinstance(cell.value, str):
        cell.data_type = "s"
        if cell.value.startswith(FORMULA_START):
            cell.quotePrefix = True


def _say(key: str, **values: object) -> str:
    """The catalogue's words for the workbook."""
    return phrase(message(key, **values))


def _about_rows(descriptor: dict[str, Any], prefix: str) -> list[tuple[str, str]]:
    rows = [
        (_say("workbook.title"), str(descriptor.get("title", ""))),
        (_say("workbook.description"), str(descriptor.get("description", ""))),
        (_say("workbook.last_updated"), str(descriptor.get(custom("last_updated", prefix), ""))),
    ]
    for measure in descriptor.get(custom("measures", prefix), []):
        about = {k: str(measure.get(k, "")) for k in ("name", "title", "unit", "direction")}
        rows.append((_say("workbook.measure", **about), _say("workbook.measure_about", **about)))
    for source in descriptor.get("sources", []):
        said = " ".join(str(source.get(k, "")) for k in ("title", "path")).strip()
        rows.append((_say("workbook.source"), said))
    for licence in descriptor.get("licenses", []):
        rows.append(
            (_say("workbook.licence"), str(licence.get("title") or licence.get("name", "")))
        )
    return rows


def workbook_bytes(
    package_dir: Path,
    prefix: str,
    published: dict[str, Any] | None = None,
    notes: Sequence[str] = (),
) -> bytes:
    """The workbook of the data package in ``package_dir``, as reproducible bytes;
    ``prefix``: of its custom properties (the project's ``[data] property_prefix``); its
    About sheet from ``published``, the descriptor the package is published with (by
    default its own: see ``metadata.published_descriptor``); ``notes``, the lines of its
    Notes sheet (``notes.notes_lines``: where it comes from, licence, attribution).

    Written in openpyxl's write-only mode: each row is written out as it is added
    rather than kept as cell objects until the end, which takes about a third less
    time and memory that does not grow with the rows (workbooks were most of the
    downloads' time, and at a million figures most of a build's: docs/scaling.md)."""
    descriptor = published or read_descriptor(package_dir / "datapackage.json")
    from openpyxl import Workbook
    from openpyxl.styles import Font

    frame = read_resource(package_dir, descriptor["resources"][0], as_text=AS_WRITTEN)
    wb = Workbook(write_only=True)
    data = wb.create_sheet(_say("workbook.data_sheet"))
    data.freeze_panes = "A2"
    bold = Font(bold=True)
    data.append([_text_cell(data, str(name), bold) for name in frame.columns])
    for row in zip(*(python_values(frame[name]) for name in frame.columns), strict=True):
        data.append([_cell(data, value) for value in row])
    about = wb.create_sheet(_say("workbook.about_sheet"))
    for label, value in _about_rows(descriptor, prefix):
        about.append([_text_cell(about, label), _text_cell(about, value)])
    if notes:
        sheet = wb.create_sheet(_say("notes.sheet"))
        for line in notes:
            sheet.append([_text_cell(sheet, line)])
    return reproducible_bytes(wb)


def _cell(sheet: Any, value: object) -> object:
    """A value of the Data sheet as written: text as text (``_text_cell``), the rest as
    it is (numbers, dates, empty cells)."""
    return _text_cell(sheet, value) if isinstance(value, str) else value


def _text_cell(sheet: Any, text: str, font: Font | None = None) -> object:
    """Text that stays text: as it is, unless it begins as a formula would (``=`` and
    the rest of ``FORMULA_START``), which openpyxl writes as a formula and a spreadsheet
    runs when it is edited: then a cell of text marked as quoted (``as_text``). With
    ``font``, always a cell in that font."""
    if font is None and not text.startswith(FORMULA_START):
        return text
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, text)
    as_text(cell)
    if font is not None:
        cell.font = font
    return cell


def reproducible_bytes(wb: Workbook) -> bytes:
    """The bytes of ``wb``, the same on every run: fixed document dates, and the zip
    rewritten by the one reproducible writer (also for the workbook templates of
    ``npf export-xlsx``, ``build_scripts/xlsx``)."""
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    raw = io.BytesIO()
    wb.save(raw)
    return rezip(raw.getvalue(), _fixed_stamps)


def _fixed_stamps(name: str, content: bytes) -> bytes:
    """openpyxl stamps "modified" with the time of saving, whatever was set."""
    if name == "docProps/core.xml":
        return MODIFIED.sub(rb"\g<1>" + FIXED_W3C + rb"\g<2>", content)
    return content
