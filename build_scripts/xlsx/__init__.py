"""Figures in a spreadsheet: ``npf export-xlsx`` writes a workbook template of one
indicator's figures (``export``), ``npf import-xlsx`` reads it back into the data package,
validated, all or nothing (``imports``); ``layout`` is what both agree on."""

from build_scripts.xlsx.export import export_workbook, write_workbook
from build_scripts.xlsx.imports import ImportResult, import_workbook

__all__ = ["ImportResult", "export_workbook", "import_workbook", "write_workbook"]
