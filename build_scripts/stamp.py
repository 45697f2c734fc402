"""What a build reads, and which of those inputs the site in an output folder was built
from: whether a build has anything to do.

A build reads the data, the project's hand-written pages and configuration, and the
generator's own files (its code and templates, ``mkdocs.yml``, the search shim). After a
build, a stamp in the cache keeps one hash of all of them; a build into the same folder
whose inputs hash the same has nothing to do.

This module imports nothing heavy, so that ``npf build`` can say "up to date" without
loading the stages: pandas, Altair, frictionless and openpyxl take about a second to
import, twice what the answer itself costs.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from build_scripts.config import CONFIG_FILE, Project
from build_scripts.digest import files_digest
from build_scripts.glossary import GLOSSARY_FILE

ROOT = Path(__file__).resolve().parent.parent
SHIM = Path("node_modules/iframe-worker/shim/index.js")
MKDOCS_CONFIG = ROOT / "mkdocs.yml"
# What every build reads besides the project's data, pages and configuration: the
# generator's code (templates included), its MkDocs configuration and the search shim.
GENERATOR_INPUTS = (ROOT / "build_scripts", MKDOCS_CONFIG, ROOT / SHIM)
UP_TO_DATE = "site is up to date: no input changed ({seconds:.1f} s)"


def shared_inputs(project: Project) -> tuple[Path, ...]:
    """What a build reads besides the data: the project's hand-written pages, its
    maintainers' guides, configuration, glossary and releases, and the generator's own
    files."""
    root = project.paths.root
    boundaries = tuple(g.boundaries for g in project.geographies if g.boundaries is not None)
    guides = (project.paths.maintainers,) if project.paths.maintainers is not None else ()
    return (
        project.paths.pages,
        *guides,
        root / CONFIG_FILE,
        root / GLOSSARY_FILE,
        project.paths.release_records,  # none until the first `npf release`
        *boundaries,
        *GENERATOR_INPUTS,
    )


def fingerprint(data_dir: Path, project: Project) -> str:
    """A hash of everything a build reads: data, hand-written pages, configuration, code,
    and what the environment may set instead: the build date, the site's address, its
    publisher and contact (``NPF_SITE_URL``, ``NPF_SITE_PUBLISHER`` and
    ``NPF_SITE_CONTACT`` change the pages without changing a file)."""
    publishing = project.publishing
    salt = "\0".join(
        (
            os.environ.get("SOURCE_DATE_EPOCH", ""),
            publishing.site_url,
            publishing.site_publisher,
            publishing.contact,
        )
    )
    return files_digest(data_dir, *shared_inputs(project), salt=salt)


def stamp_path(out: Path, cache: Path) -> Path:
    """Where the stamp of the site in ``out`` is kept (in the cache, never in the site)."""
    key = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:16]
    return cache / "builds" / key


def built_from(out: Path, cache: Path) -> str | None:
    """The fingerprint of the inputs the site in ``out`` was built from, if it is whole
    and its build left a stamp (a build removes the stamp before it replaces the site)."""
    stamp = stamp_path(out, cache)
    if (out / "index.html").is_file() and stamp.is_file():
        return stamp.read_text(encoding="utf-8")
    return None


def is_current(data_dir: Path, out: Path, project: Project) -> bool:
    """Whether the site in ``out`` was built from exactly these inputs."""
    built = built_from(out, project.paths.cache)
    return built is not None and built == fingerprint(data_dir, project)
