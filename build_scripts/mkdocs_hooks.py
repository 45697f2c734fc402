"""MkDocs hooks for ``npf build`` (named under ``hooks:`` in ``mkdocs.yml``).

``npf build`` hands MkDocs a manifest (a JSON file named by ``NPF_BUILD_MANIFEST``):

- ``files``: ``{path in the site: cached file}``, the downloads and chart SVGs. They are
  added to MkDocs' files (so links to them are checked like any other) and hard-linked
  into the site rather than written again: a thousand files cost a few milliseconds.
  Where a link is not possible (another file system), MkDocs copies them as usual.
- ``kept`` and ``previous_search_index``: set when the build keeps pages of the
  previous site (a ``--dirty`` build, see ``incremental``): the kept pages' URLs and
  that site's search index. MkDocs indexes only the pages it renders, so the kept
  pages' entries are taken from the previous index, in page order: the index is the
  same as a full build would write.

- ``templates``: a folder for the theme's compiled templates (Jinja's bytecode cache,
  under a name made of the installed packages' versions), so a build loads Material's
  templates rather than compiling them again (a few tenths of a second a build). Jinja
  keys each compiled template by its name and the checksum of its source, so an
  overridden or edited template is compiled afresh.

Without the variable (``mkdocs serve`` on its own, say) the hooks do nothing, except
``on_nav``: a hand-written page that ``mkdocs.yml``'s ``nav`` names and the project's
pages folder does not have (``api.md`` of a project that writes none) is left out of the
navigation, rather than listed as a link titled "None" to a page that is not there.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation, Section

MANIFEST = "NPF_BUILD_MANIFEST"
SEARCH_PLUGIN = "material/search"

_files: Files | None = None


def _manifest() -> dict[str, Any]:
    path = os.environ.get(MANIFEST)
    if not path:
        return {}
    manifest: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return manifest


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _files
    for uri, source in _manifest().get("files", {}).items():
        files.append(File.generated(config, uri, abs_src_path=source))
    _files = files
    return files


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> Any:
    """Link each cached file into the site just before MkDocs copies static files (it
    then finds the same file in place and leaves it), and give the theme's templates
    their bytecode cache."""
    manifest = _manifest()
    if templates := manifest.get("templates"):
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(_template_folder(templates))
    site = Path(config.site_dir)
    for uri, source in manifest.get("files", {}).items():
        target = site / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):  # MkDocs copies it
            os.link(source, target)
    return env


def _template_folder(templates: str) -> str:
    """The folder of compiled templates for the installed packages (MkDocs, Material and
    Jinja set up the environment the templates are compiled for)."""
    from build_scripts.digest import installed_versions

    versions = hashlib.sha256(installed_versions().encode("utf-8")).hexdigest()[:16]
    folder = Path(templates) / versions
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder)


def _by_page(entries: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    pages: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        pages.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
    return pages


@event_priority(50)  # before the search plugin writes its index
def on_post_build(config: MkDocsConfig) -> None:
    manifest = _manifest()
    previous = manifest.get("previous_search_index")
    if not previous or _files is None:
        return
    kept = set(manifest["kept"])
    index = config.plugins[SEARCH_PLUGIN].search_index  # type: ignore[attr-defined]
    new = _by_page(index.entries)
    old = _by_page(json.loads(Path(previous).read_text(encoding="utf-8"))["docs"])
    merged: list[dict[str, Any]] = []
    for file in _files.documentation_pages():
        merged += (old if file.url in kept else new).get(file.url, [])
    index.entries = merged


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """The navigation without the pages it names that the project does not have (MkDocs
    makes each a ``Link`` to its ``.md`` path, titled ``None``)."""
    nav.items = _found(nav.items)
    return nav


def _found(items: list[Any]) -> list[Any]:
    kept = []
    for item in items:
        if isinstance(item, Link) and item.title is None and item.url.endswith(".md"):
            continue
        if isinstance(item, Section):
            item.children = _found(item.children)
        kept.append(item)
    return kept
