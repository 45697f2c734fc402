"""The ``open-sdg`` importer: an Open SDG data repository into the importers' model.

An Open SDG repository (``ONSdigital/sdg-data`` is the UK's) holds, per indicator,
``data/indicator_<id>.csv`` and ``meta/<id>.md`` (or ``.yml``); its goals and targets
are named in Open SDG's translation files. Goals become the framework's outcomes,
targets the level between them and the indicators, series and units its measures,
breakdown columns its breakdown types and groups, ``GeoCode`` its places, with the
boundaries of ``geojsons/``. Everything decided here, and why, is in
``docs/open-sdg.md``.

``read`` is the import, one step after another: the repository's indicators
(``open_sdg_repository.py``: metadata by ``open_sdg_meta.py``, data files by
``open_sdg_data.py``), their places and boundaries (``open_sdg_places.py``), each data
file's figures (``open_sdg_figures.py``), the whole mapped into the model
(``open_sdg_model.py``), and what was not imported counted and reported
(``open_sdg_report.py``). The one writer (``writer.py``) writes the model.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from build_scripts.config import Project
from build_scripts.contract import HEADLINE_TYPE
from build_scripts.errors import NpfError, located
from build_scripts.importers.open_sdg_data import slug
from build_scripts.importers.open_sdg_figures import read_figures
from build_scripts.importers.open_sdg_meta import Translations
from build_scripts.importers.open_sdg_model import model
from build_scripts.importers.open_sdg_places import (
    Geography,
    Layer,
    Places,
    geography_of,
    read_layers,
)
from build_scripts.importers.open_sdg_report import Summary, not_read
from build_scripts.importers.open_sdg_repository import Indicator, read_indicators
from build_scripts.importers.registry import ImportOptions, ImportResult
from build_scripts.importers.report import Skip
from build_scripts.periods import PeriodError, parse_period

SETTINGS = "open-sdg.toml"
"""The importer's settings in the project folder (optional): ``[periods]``, how to read
a period label that ``build_scripts/periods.py`` cannot, with the reason cited."""


def default_translations(source: Path, project: Project) -> Path | None:
    """The translations: the source's ``translations/en``, else the project's."""
    for folder in (source / "translations", project.paths.root / "translations"):
        if (folder / project.language).is_dir():
            return folder / project.language
        if folder.is_dir() and any(folder.glob("*.yml")):
            return folder
    return None


def read(source: Path, project: Project, options: ImportOptions) -> ImportResult:
    """Read the Open SDG repository ``source`` (see the module's docstring)."""
    if not (source / "data").is_dir() and not (source / "meta").is_dir():
        raise NpfError(f"{source}: no data/ or meta/ folder; is it an Open SDG data repository?")
    folder = options.translations or default_translations(source, project)
    if options.translations is not None and not folder.is_dir():  # type: ignore[union-attr]
        raise NpfError(f"--translations {folder}: no such folder")
    translations = Translations(folder)
    readings = read_settings(project.paths.root / SETTINGS)
    summary = Summary()
    indicators = read_indicators(source, summary)
    not_read(source, summary)
    layers = read_layers(source)
    places = Places()
    _read_figures(indicators, places, layers, readings, project, summary)
    imported = model(indicators, translations, places, layers, project, summary)
    # The framework package (goals, targets, codes, places) validates before it is
    # swapped in: its levels' rules (docs/data-format.md, "Levels") included.
    return ImportResult(imported, summary.report, summary, validate=("framework",))


def _read_figures(
    indicators: list[Indicator],
    places: Places,
    layers: list[Layer],
    readings: dict[str, str],
    project: Project,
    summary: Summary,
) -> None:
    """Each indicator's figures (``Indicator.found``), its rows left out reported; the
    places of every file first, so that a place named in one file is known in all."""
    geographies = {i.id: geography_of(i.table) for i in indicators if i.table is not None}
    known: dict[tuple[str, str], str] = {}
    for ind in indicators:
        for (column, name), code in geographies.get(ind.id, Geography(None)).codes.items():
            assert ind.table is not None
            known.setdefault((breakdown_type(ind.table.header[column]), name), code)
    for ind in indicators:
        if ind.table is None:
            continue
        ind.found = read_figures(
            ind.table,
            geographies[ind.id],
            places,
            breakdown_type,
            ind.source_id,
            (project.place, ind.meta.text("national_geographical_coverage")),
            readings,
            layers,
            known,
        )
        summary.rows_read += len(ind.table.records)
        if ind.meta.non_statistical:
            # A non-statistical indicator's file holds a sentence, not figures.
            ind.found.skips = [
                Skip("non-statistical", s.path, s.row, s.detail) if s.reason == "no-figure" else s
                for s in ind.found.skips
            ]
        summary.report.extend(ind.found.skips)
        summary.files += 1


def read_settings(path: Path) -> dict[str, str]:
    """The period readings of the project's ``open-sdg.toml`` (label -> a period
    ``parse_period`` reads); none without the file. Each is checked."""
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise located(path, None, None, f"not valid TOML: {error}") from error
    unknown = sorted(set(data) - {"periods"})
    if unknown:
        raise located(path, None, unknown[0], "unknown section; the one known is [periods]")
    readings = {}
    for label, reading in (data.get("periods") or {}).items():
        try:
            parse_period(str(reading))
        except PeriodError as error:
            raise located(path, None, f"[periods] {label!r}", str(error)) from error
        readings[str(label)] = str(reading)
    return readings


def breakdown_type(column: str) -> str:
    """A breakdown column's type slug, the same for every spelling of one name (case,
    spaces and punctuation aside: ``Local Authority``, ``Local authority``); never
    ``total``, the headline's."""
    found = slug(column)
    return f"{found}-breakdown" if found == HEADLINE_TYPE else found
