"""Rebuild only the pages whose text changed; keep the rest of the previous site.

A page's built HTML depends on its own Markdown (with its deferred blocks) and on what
every page shares: the code, the templates, ``mkdocs.yml``, the hand-written pages, the
installed MkDocs and theme, the build date and the list of files in the site. After each
build a record keeps a hash of what is shared (``setup``) and one hash per page. The
next build into the same folder keeps a page's HTML from the previous site only when
``setup`` is unchanged and so is the page's own hash; everything else is rendered
again. Any doubt (no record, another setup, a page missing from the site) means a full
build, so a kept page is always byte for byte what a full build would write (the tests
compare the two). MkDocs' warnings are about the pages it renders: a kept page's
warnings were printed by the build that rendered it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from build_scripts.deferred import built_path
from build_scripts.digest import files_digest

RECORD_FORMAT = 1
# What the built HTML of every page depends on besides its own text.
PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "jinja2", "pymdown-extensions")


@dataclass(frozen=True)
class Record:
    setup: str
    pages: dict[str, str]  # page (path under docs) -> hash of its text


def page_key(text: str, blocks: Iterable[str] = ()) -> str:
    digest = hashlib.sha256(text.encode("utf-8"))
    for block in blocks:
        digest.update(b"\0" + block.encode("utf-8"))
    return digest.hexdigest()


def _versions() -> str:
    found = []
    for name in PACKAGES:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} absent")
    return ",".join(found)


def setup_key(shared: Iterable[Path], site_files: Iterable[str], environment: str) -> str:
    """The hash of what every page shares: the ``shared`` files (code, configuration,
    hand-written pages), the package versions, ``environment`` (the build date given
    to MkDocs) and the sorted list of ``site_files``."""
    names = "\n".join(sorted(site_files))
    salt = f"{RECORD_FORMAT}\n{_versions()}\n{environment}\n{names}"
    return files_digest(*shared, salt=salt)


def make_record(setup: str, pages: Mapping[str, str], deferred: Mapping[str, list[str]]) -> Record:
    return Record(setup, {p: page_key(text, deferred.get(p, ())) for p, text in pages.items()})


def load_record(path: Path) -> Record | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != RECORD_FORMAT:
            return None
        return Record(str(data["setup"]), {str(k): str(v) for k, v in data["pages"].items()})
    except (OSError, ValueError, KeyError, AttributeError):
        return None


def save_record(path: Path, record: Record) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"format": RECORD_FORMAT, "setup": record.setup, "pages": record.pages}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def forget(path: Path) -> None:
    """Drop the record (before the site it describes is replaced)."""
    path.unlink(missing_ok=True)


def pages_to_keep(
    previous: Record | None, current: Record, site: Path, always: Iterable[str] = ()
) -> set[str]:
    """The pages whose HTML in ``site`` (the previous build) can be kept as it is. Pages
    in ``always`` are rendered every time: the hand-written pages, whose titles MkDocs
    reads from their text for the navigation of every page."""
    if previous is None or previous.setup != current.setup:
        return set()
    render = set(always)
    if not (site / "search" / "search_index.json").is_file():
        return set()
    return {
        page
        for page, key in current.pages.items()
        if page not in render
        and previous.pages.get(page) == key
        and built_path(site, page).is_file()
    }


def keep_pages(pages: Iterable[str], docs: Path, previous_site: Path, new_site: Path) -> None:
    """Put each kept page's previous HTML into the new site (a hard link, or a copy
    across file systems) and date its source before it, so that MkDocs' ``--dirty``
    build skips it as unchanged."""
    for page in pages:
        old = built_path(previous_site, page)
        new = built_path(new_site, page)
        new.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(old, new)
        except OSError:
            new.write_bytes(old.read_bytes())
        os.utime(docs / page, (0, 0))
