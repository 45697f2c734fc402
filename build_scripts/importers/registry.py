"""The importers, registered in one place: one per source format, behind one interface.

An importer is an ``Importer``: a ``name`` (the ``--from`` of ``npf import``), a line
saying what it reads, and ``read(source, project, options) -> ImportResult``, which
turns the folder ``source`` into the model every importer makes (``model.Imported``),
with the report of every figure it left out (``report.ImportReport``) and a summary to
print. It writes nothing: ``writer.write_imported`` writes the packages of every
importer. To add a format, write a module with a ``read`` function and add it to
``IMPORTERS`` below (``docs/importing.md``, "Adding an importer").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from build_scripts.config import Project
from build_scripts.errors import NpfError
from build_scripts.importers.model import Imported
from build_scripts.importers.report import ImportReport


@dataclass(frozen=True)
class ImportOptions:
    """What a maintainer may tell an importer besides the source folder:
    ``translations``, a folder of translation files (``open-sdg``'s names of goals and
    targets); ``mapping``, the mapping file of ``statistics-gov-scot``; ``data``, the
    data tree ``statistics-gov-scot`` adds figures to (``import_source`` fills it with
    the output folder when not given). ``None`` lets the importer look where it usually
    does."""

    translations: Path | None = None
    mapping: Path | None = None
    data: Path | None = None


@dataclass
class ImportResult:
    """What an importer read: the model to write, the report of the figures it left
    out, and a summary (its ``str`` is printed by ``npf import``). ``validate``: the
    packages (folders relative to the output, ``framework``, ``indicators/<slug>``) that
    must pass ``npf validate`` once written, before they replace the old output."""

    imported: Imported
    report: ImportReport
    summary: object
    notes: list[str] = field(default_factory=list)  # what the import did besides (cli)
    validate: tuple[str, ...] = ()


Reader = Callable[[Path, Project, ImportOptions], ImportResult]


@dataclass(frozen=True)
class Importer:
    name: str
    description: str
    read: Reader
    options: tuple[str, ...] = ()  # the ImportOptions fields it reads


def _npf_database(source: Path, project: Project, options: ImportOptions) -> ImportResult:
    from build_scripts.importers.npf import read_npf

    imported, summary = read_npf(source, project)
    return ImportResult(imported, summary.report, summary)


def _open_sdg(source: Path, project: Project, options: ImportOptions) -> ImportResult:
    from build_scripts.importers.open_sdg import read

    return read(source, project, options)


def _statistics_gov_scot(source: Path, project: Project, options: ImportOptions) -> ImportResult:
    from build_scripts.importers.statistics_gov_scot import read

    return read(source, project, options)


IMPORTERS: dict[str, Importer] = {
    i.name: i
    for i in (
        Importer(
            "npf-database",
            "Scotland's National Performance Framework: the NPF indicator database (2020), "
            "the framework (2018), the Wellbeing Economy Monitor and the Equality Evidence "
            "Finder (`shared/source-data`)",
            _npf_database,
        ),
        Importer(
            "open-sdg",
            "an Open SDG data repository (`data/indicator_*.csv`, `meta/*.md` or `*.yml`, "
            "`config_data.yml`, `geojsons/`), with Open SDG's translations of the goals' and "
            "targets' names (docs/open-sdg.md)",
            _open_sdg,
            options=("translations",),
        ),
        Importer(
            "statistics-gov-scot",
            "the tidy cubes of statistics.gov.scot (`FeatureCode, DateCode, Measurement, Units, "
            "Value` and a column per dimension), added to a project's data packages (`--data`, "
            "by default `--out`) as a mapping file says (`statistics-gov-scot.toml` in the "
            "source folder, or `--mapping`): see `docs/statistics-gov-scot.md`",
            _statistics_gov_scot,
            ("mapping", "data"),
        ),
    )
}
DEFAULT_FORMAT = "npf-database"


def importer(name: str) -> Importer:
    """The importer of a format; an unknown name is an error listing the known ones."""
    found = IMPORTERS.get(name)
    if found is None:
        known = ", ".join(IMPORTERS)
        raise NpfError(f"--from {name}: no importer of that format; the known formats: {known}")
    return found


def check_options(plugin: Importer, options: ImportOptions) -> None:
    """An option the importer does not read is an error, not silently ignored."""
    for name in ImportOptions.__dataclass_fields__:
        if getattr(options, name) is not None and name not in plugin.options:
            flag = "--" + name.replace("_", "-")
            raise NpfError(f"{flag}: the {plugin.name} importer takes no such option")


def markdown() -> str:
    """The importers as a Markdown table, for ``docs/importing.md``."""
    lines = ["| `--from` | what it reads |", "|---|---|"]
    lines += [f"| `{i.name}` | {i.description} |" for i in IMPORTERS.values()]
    return "\n".join(lines)
