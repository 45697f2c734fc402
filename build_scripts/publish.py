"""Publish: MkDocs renders the pages the pages stage wrote into a fresh folder, which then
replaces the site whole (``output.replace_dir``).

Only the pages whose text changed are rendered when the previous build's record allows
(``incremental``): the others are kept from the previous site, and the large blocks that
went around MkDocs (``deferred``) are put back. MkDocs runs as a child process with the
project's settings in its environment (``mkdocs.yml`` reads them with ``!ENV``) and a
manifest for the hooks (``mkdocs_hooks``): the cached files to link in, the kept pages,
the previous search index and where the theme's compiled templates are kept.
"""

from __future__ import annotations

import html
import json
import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from build_scripts import urls
from build_scripts.config import Project
from build_scripts.deferred import restore
from build_scripts.errors import NpfError
from build_scripts.incremental import (
    forget,
    keep_pages,
    load_record,
    make_record,
    pages_to_keep,
    save_record,
    setup_key,
)
from build_scripts.messages import message, phrase
from build_scripts.output import SITE_MARKER, SITE_MARKER_TEXT, replace_dir
from build_scripts.pages.kinds import NAV_SECTIONS, nav_variable
from build_scripts.pages.render import words
from build_scripts.pages.share import footer_html
from build_scripts.processes import child_command
from build_scripts.release import Release
from build_scripts.stamp import MKDOCS_CONFIG, ROOT, shared_inputs


@dataclass
class Docs:
    """What the pages stage hands to MkDocs: the pages written (path under docs to
    Markdown), their deferred blocks, and the files linked in from caches."""

    pages: dict[str, str]
    deferred: dict[str, list[str]]
    files: dict[str, Path]
    hand_written: set[str]
    cached: int = 0  # pages taken from the page cache


DIRTY_WARNING = "A 'dirty' build is being performed"


def mkdocs_settings(project: Project, releases: Sequence[Release] = ()) -> dict[str, str]:
    """What MkDocs takes from the project's configuration and its releases, as the
    environment variables that ``mkdocs.yml`` reads (``!ENV``).

    MkDocs renders its theme without autoescaping, and Material prints the site's name,
    its description and the navigation's titles as they are, in text and in attributes:
    those are HTML-escaped here, once, so a name like ``<script>`` is shown, not run
    (the footer is HTML already, made by ``footer_html`` from escaped parts)."""
    return {
        "NPF_SITE_NAME": _theme_text(project.name),
        "NPF_SITE_DESCRIPTION": _theme_text(project.description),
        "NPF_LANGUAGE": project.language,
        "NPF_SITE_URL": project.publishing.site_url,
        "NPF_FOOTER": footer_html(project, releases[-1] if releases else None),
        # The Atom feed of releases, linked from every page's head (theme/main.html).
        "NPF_FEED": urls.url(urls.FEED) if releases else "",
        "NPF_LOCALE": phrase(message("page.locale")),
    } | {
        nav_variable(section): _theme_text(phrase(replace(title, values=words(project))))
        for section, title in NAV_SECTIONS.items()
    }


def _theme_text(text: str) -> str:
    """``text`` for Material to print as it is, in text or a double-quoted attribute:
    ``&``, ``<``, ``>`` and ``"`` escaped (an apostrophe, as in "Scotland's", needs
    nothing and stays as written)."""
    return html.escape(text, quote=False).replace('"', "&quot;")


def config_stage(config_file: Path, pages: Path) -> None:
    """Load the MkDocs configuration as the builder will (YAML, theme, plugins, hooks,
    nav), so that a broken ``mkdocs.yml`` stops the build with its file, line and
    reason before any expensive stage rather than at the end."""
    import logging

    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    errors: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.ERROR:
                errors.append(record.getMessage())

    handler = Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        load_config(config_file=str(config_file), docs_dir=str(pages))
    except MkDocsException as error:
        found = "; ".join(errors) or str(error).removeprefix(
            "MkDocs encountered an error parsing the configuration file: "
        )
        raise NpfError(
            f"{config_file}: {found}. Fix the site's configuration; nothing was built"
        ) from None
    finally:
        logger.removeHandler(handler)


def mkdocs_environment(when: date) -> str:
    """The ``SOURCE_DATE_EPOCH`` MkDocs is given: the one set, or the build date."""
    return os.environ.get(
        "SOURCE_DATE_EPOCH",
        str(int(datetime(when.year, when.month, when.day, tzinfo=UTC).timestamp())),
    )


def mkdocs_stage(
    docs: Path,
    out: Path,
    when: date,
    manifest: Path,
    project: Project,
    *,
    dirty: bool,
    releases: Sequence[Release] = (),
) -> list[str]:
    """Run the builder on the generated docs; return its warnings. ``dirty``: render
    only the pages whose source is newer than their HTML already in ``out``."""
    env = dict(os.environ) | mkdocs_settings(project, releases)
    env["SOURCE_DATE_EPOCH"] = mkdocs_environment(when)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["NPF_DOCS_DIR"] = str(docs.resolve())
    env["NPF_BUILD_MANIFEST"] = str(manifest.resolve())
    command = child_command(
        "mkdocs",
        "build",
        "--quiet",
        "--config-file",
        str(MKDOCS_CONFIG),
        "--site-dir",
        str(out.resolve()),
    )
    if dirty:
        command.append("--dirty")
    result = subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    if result.returncode != 0:
        raise NpfError("MkDocs failed:\n" + "\n".join(lines[-20:]))
    return [line for line in lines if "WARNING" in line and DIRTY_WARNING not in line]


def publish_stage(
    docs: Path,
    built: Docs,
    out: Path,
    when: date,
    record_path: Path,
    project: Project,
    releases: Sequence[Release] = (),
) -> tuple[list[str], int]:
    """MkDocs into a fresh folder that then replaces ``out``: every page rendered, or,
    when the previous build's record allows, only the pages whose text changed (the
    rest are kept from the previous site, see ``incremental``). Returns the warnings and
    the number of pages kept."""
    listing = [p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()]
    setup = setup_key(
        shared_inputs(project),
        [*listing, *built.files],
        mkdocs_environment(when) + repr(sorted(mkdocs_settings(project, releases).items())),
    )
    record = make_record(setup, built.pages, built.deferred)
    previous = load_record(record_path)
    with replace_dir(out) as tmp:
        kept = pages_to_keep(previous, record, out, always=built.hand_written)
        keep_pages(kept, docs, out, tmp)
        manifest = docs.parent / "manifest.json"
        manifest.write_text(
            json.dumps(
                {
                    "files": {uri: str(path.resolve()) for uri, path in built.files.items()},
                    "kept": sorted(p.removesuffix(".md") + ".html" for p in kept),
                    "previous_search_index": (
                        str((out / "search" / "search_index.json").resolve()) if kept else None
                    ),
                    "templates": str((project.paths.cache / "mkdocs-templates").resolve()),
                }
            ),
            encoding="utf-8",
        )
        warnings = mkdocs_stage(
            docs, tmp, when, manifest, project, dirty=bool(kept), releases=releases
        )
        restore(tmp, {page: b for page, b in built.deferred.items() if page not in kept})
        (tmp / SITE_MARKER).write_text(SITE_MARKER_TEXT, encoding="utf-8")
        # The record of the site being replaced goes first: if the swap fails, the next
        # build renders every page rather than trusting a record of another site.
        forget(record_path)
    save_record(record_path, record)
    return warnings, len(kept)
