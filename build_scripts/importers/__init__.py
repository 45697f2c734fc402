"""``npf import``: turn a framework's published source files into data packages.

One importer per source format (``registry.IMPORTERS``: ``npf-database``, the default,
``open-sdg`` and ``statistics-gov-scot``), each reading its sources into the same typed model
(``model.Imported``) with a report of every figure it left out (``report.py``); one
writer (``writer.py``) writes the packages. It writes into a fresh folder and swaps it
in only when all of it succeeded (``replace_dir``), so a failed import leaves the old
output untouched; an importer may name packages that must validate before the swap
(``ImportResult.validate``). The decisions about each source's quirks are in
``docs/importing.md``, ``docs/open-sdg.md`` and ``docs/statistics-gov-scot.md``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from build_scripts.config import Project, default_project
from build_scripts.errors import NpfError
from build_scripts.importers.npf import ImportSummary
from build_scripts.importers.registry import (
    DEFAULT_FORMAT,
    ImportOptions,
    ImportResult,
    check_options,
    importer,
)
from build_scripts.importers.revision import REVISION_KEPT, carry_revision
from build_scripts.importers.writer import write_imported
from build_scripts.output import check_output, clean_stale, is_data_tree, locked, replace_dir

__all__ = ["ImportOptions", "ImportResult", "ImportSummary", "import_source", "run_import"]


def import_source(
    source: Path,
    out: Path,
    fmt: str = DEFAULT_FORMAT,
    project: Project | None = None,
    options: ImportOptions | None = None,
) -> ImportResult:
    """Import ``source`` (a folder in the format ``fmt``) into ``out``, all or nothing:
    an output that is not safe to replace is refused before anything is read (see
    ``output``). The packages take the licence and property prefix of ``project``."""
    plugin = importer(fmt)
    source = Path(source)
    if not source.is_dir():
        raise NpfError(f"the source folder {source} does not exist: pass --source")
    project = project or default_project()
    options = options or ImportOptions()
    check_options(plugin, options)
    inputs = {"source folder": source}
    if "data" in plugin.options:
        if options.data is None:
            options = replace(options, data=Path(out))
        elif options.data.resolve() != Path(out).resolve():
            inputs["data folder (--data)"] = options.data
    target = check_output(
        Path(out),
        inputs=inputs,
        made_here=is_data_tree,
        what="data packages",
        project_output="datapackages",
    )
    with locked(target):
        clean_stale(target)
        result = plugin.read(source, project, options)
        with replace_dir(target) as work:
            write_imported(result.imported, work, project)
            if carry_revision(target, work):  # a revision recorded in the data replaced
                result.notes.append(REVISION_KEPT)
            check_written(work, Path(out), result.validate, project)
    return result


def check_written(work: Path, out: Path, folders: tuple[str, ...], project: Project) -> None:
    """Validate the packages an import wrote (``ImportResult.validate``) before they
    replace ``out``: any problem stops the import, located in the files as they would
    have been written, and ``out`` stays as it was."""
    if not folders:
        return
    from build_scripts.problems import Problem
    from build_scripts.validate import validate_path
    from build_scripts.validate.descriptors import display

    problems: list[Problem] = []
    for folder in folders:
        report = validate_path(work / folder, project=project)
        problems += report.problems
    if problems:
        shown = (str(work.resolve()), display(work))
        located = [
            replace(p, path=p.path.replace(shown[0], str(out)).replace(shown[1], str(out)))
            for p in problems
        ]
        raise NpfError(
            f"the import would write {len(located)} problem(s) into {out} (listed above); "
            "nothing was written: correct the source or the mapping",
            located,
        )


def run_import(source: Path, out: Path) -> ImportSummary:
    """Import the NPF's source files (``npf-database``) into ``out`` (``datapackages/``)."""
    result = import_source(source, out)
    assert isinstance(result.summary, ImportSummary)
    result.summary.notes += result.notes
    return result.summary
