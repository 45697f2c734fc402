"""``npf validate``: check data packages and report every problem at once, located.

Three stages per package, each in its own module:

1. ``descriptors``: safe loading (JSON, paths inside the package, UTF-8, readable CSV);
2. ``tables``: frictionless (types, required, enums, patterns, primary and foreign keys);
3. ``catalogue`` and ``rules``: what Table Schema cannot say (periods, overlaps, finite
   figures, percentages, headlines, criteria, the catalogue and the packages agreeing).

Where a rule and frictionless flag the same cell, the rule's message (the more specific)
is kept. Every rule is documented in ``docs/validation.md``.
"""

from __future__ import annotations

from pathlib import Path

from build_scripts.config import Project, default_project
from build_scripts.digest import files_digest
from build_scripts.problems import Problem, Report
from build_scripts.validate.cache import CleanTables, whole_marker
from build_scripts.validate.catalogue import (
    Catalogue,
    check_catalogue,
    check_coverage,
    read_catalogue,
)
from build_scripts.validate.cells import check_cells
from build_scripts.validate.descriptors import (
    DESCRIPTOR,
    LoadedPackage,
    display,
    is_package_folder,
    load_package,
    package_folders,
)
from build_scripts.validate.levels import check_levels
from build_scripts.validate.revisions import check_revisions
from build_scripts.validate.rules import check_evidence, check_indicator

FRAMEWORK, INDICATORS, EVIDENCE = "framework", "indicators", "equality-evidence"

# Set by validate_path for the duration of one run (see ``cache.CleanTables``).
_clean: CleanTables | None = None

__all__ = ["validate_path"]


def validate_path(
    path: Path, *, cache: Path | None = None, project: Project | None = None
) -> Report:
    """Validate the ``datapackages/`` root, one package folder, or one ``datapackage.json``.

    With ``cache`` (a folder), packages whose content passed the frictionless checks
    before are not checked by frictionless again; the project's own rules always run.
    ``project``: the configuration the data is read with (its custom properties' prefix,
    its geographies), by default the repository's own."""
    global _clean
    _clean = CleanTables(cache) if cache is not None else None
    project = project or default_project()
    path = Path(path)
    report = Report()
    if path.is_file():
        if path.name != DESCRIPTOR:
            report.add(
                display(path),
                None,
                None,
                f"not a data package: give a folder or a {DESCRIPTOR}",
                code="not-a-package",
            )
            return report
        path = path.parent
    if not path.is_dir():
        report.add(display(path), None, None, "no such file or folder", code="no-such-path")
        return report
    if is_package_folder(path):
        _validate_one(path, report, project)
    else:
        _validate_root(path, report, project)
    return report


def _validate_root(root: Path, report: Report, project: Project) -> None:
    if not any((root / name).is_dir() for name in (FRAMEWORK, INDICATORS, EVIDENCE)):
        report.add(
            display(root),
            None,
            None,
            f"no data packages here: expected {FRAMEWORK}/, {INDICATORS}/ and "
            f"{EVIDENCE}/ (or give one package's folder)",
            code="no-packages",
        )
        return
    cat = _framework(root, report, project, required=True)
    # What the rules of an indicator or evidence package read besides it.
    context = f"{files_digest(root / FRAMEWORK)}\0{project.property_prefix}"
    context += f"\0{project.geographies!r}"
    indicators = [
        _indicator(folder, cat, report, project, context)
        for folder in package_folders(root / INDICATORS)
    ]
    for folder in package_folders(root / EVIDENCE):
        _evidence(folder, cat, report, project, context)
    if cat is not None and cat.complete:
        report.extend(check_coverage(cat, indicators, root))


def _validate_one(folder: Path, report: Report, project: Project) -> None:
    kind = _kind(folder)
    root = folder.parent if kind == FRAMEWORK else folder.parent.parent
    if kind == FRAMEWORK:
        _framework(root, report, project, required=True, folder=folder)
        return
    cat = _framework(root, report, project, required=False)
    if kind == EVIDENCE:
        _evidence(folder, cat, report, project)
        return
    package = _indicator(folder, cat, report, project)
    if cat is not None and cat.complete and package.descriptor is not None:
        report.extend(p for p in check_coverage(cat, [package], root) if p.path == package.shown)


def _kind(folder: Path) -> str:
    if folder.parent.name in (INDICATORS, EVIDENCE):
        return folder.parent.name
    if folder.name == FRAMEWORK:
        return FRAMEWORK
    return INDICATORS


def _framework(
    root: Path, report: Report, project: Project, required: bool, folder: Path | None = None
) -> Catalogue | None:
    folder = folder or root / FRAMEWORK
    if not is_package_folder(folder):
        if required:
            report.add(
                display(folder / DESCRIPTOR),
                None,
                None,
                "the framework package is missing; run `npf import`",
                code="missing-framework",
            )
        return None
    package = load_package(folder, project.property_prefix)
    frictionless = _tables(package)
    cat = read_catalogue(package, project.geographies) if package.descriptor is not None else None
    rules = (
        check_catalogue(cat) + check_levels(cat) + check_revisions(cat) if cat is not None else []
    )
    _finish(package, frictionless, rules + check_cells(package, FRAMEWORK), report)
    return cat


def _indicator(
    folder: Path, cat: Catalogue | None, report: Report, project: Project, context: str = ""
) -> LoadedPackage:
    if _known_clean(folder, report, context):
        return LoadedPackage(folder, project.property_prefix, descriptor={})
    package = load_package(folder, project.property_prefix)
    rules = check_indicator(package, cat) + check_cells(package, INDICATORS)
    _finish(package, _tables(package), rules, report, context)
    return package


def _evidence(
    folder: Path, cat: Catalogue | None, report: Report, project: Project, context: str = ""
) -> None:
    if _known_clean(folder, report, context):
        return
    package = load_package(folder, project.property_prefix)
    rules = check_evidence(package, cat) + check_cells(package, EVIDENCE)
    _finish(package, _tables(package), rules, report, context)


def _known_clean(folder: Path, report: Report, context: str) -> bool:
    """Whether a package was found wholly clean before with the same ``context`` (what
    its rules read besides it: see ``cache.whole_marker``); if so it is counted, with
    its rows, and not read again."""
    if _clean is None or not context:
        return False
    try:
        rows = int(whole_marker(_clean.folder, folder, context).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    report.packages += 1
    report.rows += rows
    return True


def _tables(package: LoadedPackage) -> list[Problem]:
    """Frictionless's problems for a package, skipped when its content is known clean."""
    if _clean is not None and not package.problems and _clean.is_clean(package.folder):
        return []
    # Imported here, not above: frictionless takes 0.2 s to import, and a build that
    # imports this package to start its validator (``background``) never calls it.
    from build_scripts.validate.tables import check_tables

    problems = check_tables(package)
    if _clean is not None and not problems and not package.problems:
        _clean.remember(package.folder)
    return problems


def _finish(
    package: LoadedPackage,
    frictionless: list[Problem],
    rules: list[Problem],
    report: Report,
    context: str = "",
) -> None:
    """Add one package's problems, keeping a rule's message over frictionless's on the
    same cell, and count it. With ``context`` (see ``_known_clean``), a package without
    any problem is remembered as wholly clean."""
    ruled = {(p.path, p.row, p.column) for p in rules if p.row is not None}
    report.extend(package.problems)
    report.extend(p for p in frictionless if (p.path, p.row, p.column) not in ruled)
    report.extend(rules)
    report.packages += 1
    rows = sum(len(t.rows) for t in package.tables)
    report.rows += rows
    if _clean is not None and context and not (package.problems or frictionless or rules):
        marker = whole_marker(_clean.folder, package.folder, context)
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(str(rows), encoding="utf-8")
    # Checked: its rows are not needed again. ``_validate_root`` keeps every indicator
    # package (for ``check_coverage``, which reads their folders), and at 1.4 million
    # figures their rows held 1.6 GiB (docs/scaling.md).
    package.tables = []
