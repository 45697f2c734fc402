"""Workbooks for the tests: exported from a copy of a data tree, then edited as a
maintainer would in a spreadsheet (openpyxl standing in for Excel)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from build_scripts.xlsx import export_workbook

ROOT = Path(__file__).resolve().parents[2]


def exported(data: Path, slug: str, book: Path) -> Path:
    book.write_bytes(export_workbook(data, slug))
    return book


def edited(book: Path, edit: Callable[[Worksheet], None], sheet: str = "Data") -> Path:
    """``book`` with ``edit`` made to its sheet ``sheet``, saved in place."""
    wb = load_workbook(book)
    edit(wb[sheet])
    wb.save(book)
    return book


def column(sheet: Worksheet, name: str) -> int:
    """The 1-based position of the column ``name`` in the sheet's first row."""
    header = [c.value for c in sheet[1]]
    return header.index(name) + 1


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }
