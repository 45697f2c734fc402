"""Pages written again only when what they read changed: a key per page, and the
Markdown of each keyed page kept in the cache under it (``docs/build.md``).

Most pages read the whole framework (home, outcomes, areas, characteristics, the data
page): they have no key and are rendered on every build. Two kinds read a known part of
the data, and have one:

- an **indicator page** reads the framework package (the catalogue: titles, outcomes,
  targets, related indicators, units, groups, places), its own package (figures,
  description, sources, and so its analysis and charts) and the sizes of its own
  downloads;
- an **evidence page** reads the framework package, the equality evidence packages
  (its own dataset, every dataset's title) and the size of its own download.

Every key also holds what every page reads (``base_key``): the generator's code,
templates and messages, the project's configuration and its files (hand-written pages,
glossary, releases, boundaries), the environment a page may state (the build date, the
site's address, publisher and contact), the installed packages' versions, and the
project as the build was given it. A key that forgets an input is a stale page that
nothing would report, so the cache has a check mode (``NPF_CHECK_PAGES=1``, set by the
tests for every build): every page is rendered, and a build stops when a kept page
differs from the page rendered again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path

from build_scripts import urls
from build_scripts.config import Project
from build_scripts.digest import files_digest, installed_versions
from build_scripts.errors import NpfError
from build_scripts.stamp import shared_inputs

KEY_FORMAT = 1
CHECK = "NPF_CHECK_PAGES"
"""The environment variable that turns on the check mode (any value but "" or "0")."""


def base_key(project: Project, build_date: date | None) -> str:
    """The hash of what every page reads besides the data (see the module's text)."""
    publishing = project.publishing
    salt = "\0".join(
        (
            f"page keys {KEY_FORMAT}",
            os.environ.get("SOURCE_DATE_EPOCH", ""),
            publishing.site_url,
            publishing.site_publisher,
            publishing.contact,
            repr(build_date),
            # the project as given (a caller may change it in memory), but where its
            # folders are (the files in them are digested below)
            repr([getattr(project, f.name) for f in fields(project) if f.name != "paths"]),
            installed_versions(),  # Jinja, vl-convert (the SVGs inlined), Babel
        )
    )
    return files_digest(*shared_inputs(project), salt=salt)


def checking() -> bool:
    return os.environ.get(CHECK, "") not in ("", "0")


@dataclass
class PageCache:
    """Rendered pages (their Markdown) in ``folder`` by key: ``key`` gives a page's key
    (``None``: render it every time) from the data in ``data_dir``, the ``base`` key and
    the downloads' sizes."""

    folder: Path
    data_dir: Path
    base: str
    check: bool = field(default_factory=checking)
    hits: int = 0
    _digests: dict[Path, str] = field(default_factory=dict)

    def _digest(self, folder: Path) -> str:
        if folder not in self._digests:
            self._digests[folder] = files_digest(folder)
        return self._digests[folder]

    def key(
        self, kind: str, slug: str, sizes: Callable[[], Mapping[str, int | None]]
    ) -> str | None:
        """The key of the page of ``kind`` for ``slug``; ``None`` for a kind without one."""
        if kind == "indicator":
            names = [urls.indicator_download(slug, e) for e in ("csv", "xlsx", "zip")]
            parts = [self._digest(self.data_dir / "indicators" / slug)]
        elif kind == "evidence":
            names = [urls.evidence_download(slug)]
            parts = [self._digest(self.data_dir / "equality-evidence")]
        else:
            return None
        known = sizes()
        said = "\0".join(f"{n}={known.get(n, 'absent')}" for n in names)
        framework = self._digest(self.data_dir / "framework")
        text = "\0".join([self.base, kind, slug, framework, *parts, said])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.md"

    def get(self, key: str) -> str | None:
        try:
            text = self._path(key).read_text(encoding="utf-8")
        except OSError:
            return None
        self.hits += 1
        return text

    def put(self, key: str, text: str) -> None:
        path = self._path(key)
        if path.is_file():
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)


def check_kept(page: str, kept: str, rendered: str) -> None:
    """In check mode: a page kept from the cache must be the page rendered again."""
    if kept != rendered:
        raise NpfError(
            f"the page {page} kept from the page cache differs from the page rendered "
            "again: its key (build_scripts/pages/keys.py) misses something the page "
            "reads. Delete .cache/pages and report it"
        )
