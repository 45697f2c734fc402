"""``npf diff OLD NEW``: what changed between two versions of the data.

    sides (a folder, a git revision or a release zip -> a data folder)
      -> validate and load each, analyse it as the build does
      -> compare (pandas, merged on each figure's key) -> Changes
      -> report (text, Markdown or JSON)

Each side is validated first (with the build's validation cache), so an invalid
package stops the comparison with every problem located, as ``npf build`` would;
``validate=False`` (``npf diff --no-validate``) only loads, for an older revision whose
packages today's rules no longer accept (a file the loader cannot read is still an
error naming it).
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

from build_scripts.analyse.indicators import analyse_framework
from build_scripts.config import Project
from build_scripts.diff import sides
from build_scripts.diff.compare import Changes, Side, compare
from build_scripts.diff.report import FORMATS, render
from build_scripts.errors import NpfError
from build_scripts.load import load_framework
from build_scripts.validate import validate_path
from build_scripts.validate.descriptors import display

__all__ = ["FORMATS", "Changes", "diff", "read_side", "render"]


def read_side(side: sides.Side, project: Project, validate: bool = True) -> Side:
    """A side's data folder validated (unless it is a release zip, or ``validate`` is
    false), loaded and analysed as ``npf build`` does. Problems name the files as
    ``shown`` (``HEAD:datapackages/...``), not the scratch folder they were read into."""
    try:
        if validate and side.validate:
            cache = project.paths.cache / "validated"
            report = validate_path(side.data, cache=cache, project=project)
            if not report.valid:
                raise NpfError(f"{side.label}: the data packages are not valid", report.problems)
        framework = load_framework(side.data, project)
    except NpfError as error:
        raise _renamed(error, side) from None
    return Side(framework, analyse_framework(framework).assessments)


def _renamed(error: NpfError, side: sides.Side) -> NpfError:
    if side.kind == sides.FOLDER:
        return error
    names = {str(side.data.resolve()), display(side.data)}

    def rename(path: str) -> str:
        for name in names:
            if path.startswith(name):
                return side.shown + path[len(name) :]
        return path

    problems = [replace(p, path=rename(p.path)) for p in error.problems]
    text = error.message
    for name in names:
        text = text.replace(name, side.shown)
    return NpfError(text, problems)


def diff(
    old: str, new: str, project: Project, data: Path | None = None, validate: bool = True
) -> Changes:
    """The changes from ``old`` to ``new``, each a data folder, a release zip or a git
    revision of the project's repository (its data folder ``data``, by default the
    project's ``[paths] data``)."""
    with ExitStack() as stack:
        before = sides.open_side(old, project, stack, data)
        after = sides.open_side(new, project, stack, data)
        return compare(
            old,
            read_side(before, project, validate),
            new,
            read_side(after, project, validate),
        )
