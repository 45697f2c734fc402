"""The indicators of an Open SDG repository: which files there are, read.

The first step of the ``open-sdg`` import. Every name with a data file
(``data/indicator_<id>.csv``) or a metadata file (``meta/<id>.md``, ``.yml`` or
``.yaml``) is an indicator when it is an indicator id (``ID``); each is read, its
metadata (``open_sdg_meta.py``) and its data file as text (``open_sdg_data.py``), in
numeric order (``1-2-1`` before ``1-10-1``). A name that is no id is left out and its rows
reported (``open_sdg_report.not_an_indicator``). Every broken file of the repository is
named at once: the import stops with all of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from build_scripts.errors import NpfError
from build_scripts.importers.open_sdg_data import Table, read_table, shown
from build_scripts.importers.open_sdg_figures import FileFigures
from build_scripts.importers.open_sdg_meta import Meta, read_meta
from build_scripts.importers.open_sdg_report import Summary, not_an_indicator
from build_scripts.problems import Problem

_T = TypeVar("_T")

ID = re.compile(r"[0-9]+-([0-9]+|[a-z])-[0-9]+(-[0-9a-z]{1,2})*")
"""An indicator's id: its number with ``-`` for ``.`` (``1-2-2``, ``1-a-2``, ``16-10-1``).
Other names (``1-a-1-archived``, ``#metadata_template``) are not indicators: a data file
so named has its rows reported (``not-an-indicator``), a metadata file is listed."""


@dataclass
class Indicator:
    """One indicator of the repository: its metadata, its data file (none for an
    indicator with only metadata) and, once read, its figures."""

    id: str
    meta: Meta
    table: Table | None
    found: FileFigures = field(default_factory=FileFigures)

    @property
    def parts(self) -> list[str]:
        return self.id.split("-")

    @property
    def code(self) -> str:
        return ".".join(self.parts)

    @property
    def goal(self) -> str:
        return self.parts[0]

    @property
    def target(self) -> str:
        return "-".join(self.parts[:2])

    @property
    def source_id(self) -> str:
        """The id of the source that is its data file."""
        return f"indicator-{self.id}-data"


def read_indicators(source: Path, summary: Summary) -> list[Indicator]:
    """Every indicator with a data file or a metadata file, in numeric order."""
    data = {
        p.name.removeprefix("indicator_").removesuffix(".csv"): p
        for p in sorted((source / "data").glob("indicator_*.csv"))
    }
    metas: dict[str, Path] = {}
    for path in sorted((source / "meta").glob("*")):
        if path.suffix in (".md", ".yml", ".yaml"):
            metas.setdefault(path.stem, path)
    out = []
    problems: list[Problem] = []  # every broken file of the repository, reported together

    def read(reader: Callable[..., _T], *args: Any) -> _T | None:
        try:
            return reader(*args)
        except NpfError as error:
            if not error.problems:
                raise
            problems.extend(error.problems)
            return None

    for ident in sorted(set(data) | set(metas), key=_order):
        meta_path, data_path = metas.get(ident), data.get(ident)
        if not ID.fullmatch(ident):
            read(not_an_indicator, source, data_path, meta_path, summary)
            continue
        meta = read(_meta, source, meta_path) if meta_path else Meta()
        table = read(read_table, data_path, shown(source, data_path)) if data_path else None
        if meta is not None and (table is not None or data_path is None):
            out.append(Indicator(ident, meta, table))
    if problems:
        raise NpfError(problems[0].format(), problems)
    return out


def _meta(source: Path, path: Path) -> Meta:
    return Meta(read_meta(path), shown(source, path))


def _order(ident: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(p), "") if p.isdigit() else (10**6, p) for p in re.split(r"[-_]", ident))
