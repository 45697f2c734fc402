"""The downloads the site publishes: each data package zipped, its CSV and Excel
workbook, and all of them.

Zips are byte-for-byte reproducible: entries sorted, fixed timestamps, fixed permissions.
Each download is made once into a cache, under the hash of its inputs; the site builder
links the cached files into the site rather than copying them (see ``mkdocs_hooks``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from build_scripts import excel, urls
from build_scripts.digest import files_digest
from build_scripts.excel import workbook_bytes

# The earliest time a zip can hold; any fixed value makes the bytes reproducible.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Part of every cache key: change it when the way a download is made changes.
FORMAT = "downloads 1"


@dataclass(frozen=True)
class Download:
    """One file of ``site/data/``: where it goes, what it holds and, once built, the
    cached file with its bytes."""

    name: str  # path inside site/data, e.g. "healthy-life-expectancy.zip"
    title: str
    kind: str  # "data package (zip)", "CSV", "all data packages (zip)"
    source: Path | None = field(default=None, compare=False)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def write_zip(target: Path, entries: Iterable[tuple[str, Path]]) -> None:
    """Write a reproducible zip of (name in archive, file on disk) pairs."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for arcname, path in sorted(entries):
            info = zipfile.ZipInfo(arcname, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())


def package_entries(package_dir: Path, prefix: str) -> list[tuple[str, Path]]:
    return [(f"{prefix}/{p.relative_to(package_dir).as_posix()}", p) for p in _files(package_dir)]


def cached_file(cache: Path, key: str, suffix: str, write: Callable[[Path], None]) -> Path:
    """The file kept under ``key`` in ``cache``, made by ``write(path)`` if it is not
    there yet. Written to a temporary name and renamed, so a cached file is never seen
    half-written and, once there, never changes (the site links to it)."""
    path = cache / key[:2] / f"{key}{suffix}"
    if path.is_file():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return path


def _key(*parts: str) -> str:
    """A cache key: the hash of the format version and ``parts``."""
    return hashlib.sha256("\0".join((FORMAT, *parts)).encode("utf-8")).hexdigest()


def _write_workbook(package: Path, prefix: str, target: Path) -> None:
    target.write_bytes(workbook_bytes(package, prefix))


def collect_downloads(data_dir: Path, cache: Path, prefix: str) -> list[Download]:
    """Every download: each indicator and evidence package zipped, each indicator's CSV
    and Excel workbook, and a zip of everything. Each is built once into ``cache`` under
    the hash of what it holds, so a build makes only the ones whose packages changed.
    ``prefix``: of the packages' custom properties, which the workbooks read."""
    downloads: list[Download] = []
    everything: list[tuple[str, Path]] = []
    digests: list[str] = []  # each package's, in order: what all.zip holds
    workbook_code = files_digest(*excel.CODE)
    for group in ("framework", "indicators", "equality-evidence"):
        root = data_dir / group
        if not root.is_dir():
            continue
        packages = [root] if group == "framework" else sorted(p for p in root.iterdir())
        for package in packages:
            if not (package / "datapackage.json").is_file():
                continue
            slug = "framework" if group == "framework" else package.name
            entries = package_entries(package, slug)
            everything += [(f"{group}/{name}", path) for name, path in entries]
            digest = files_digest(package)  # read once; every key below derives from it
            digests.append(f"{group}/{slug} {digest}")
            evidence = group == "equality-evidence"
            name = (
                urls.evidence_download(slug) if evidence else urls.indicator_download(slug, "zip")
            )
            zip_key = _key("zip", slug, digest)
            zipped = cached_file(cache, zip_key, ".zip", partial(write_zip, entries=entries))
            downloads.append(Download(name, slug, "data package (zip)", zipped))
            csv = package / f"{slug}.csv"
            if group == "indicators" and csv.is_file():
                copy = partial(shutil.copyfile, csv)
                copied = cached_file(cache, _key("csv", slug, digest), ".csv", copy)
                downloads.append(
                    Download(urls.indicator_download(slug, "csv"), slug, "CSV", copied)
                )
                book_key = _key("xlsx", digest, workbook_code, prefix)
                write = partial(_write_workbook, package, prefix)
                book = cached_file(cache, book_key, ".xlsx", write)
                downloads.append(
                    Download(urls.indicator_download(slug, "xlsx"), slug, "Excel", book)
                )
    key = _key("all", *digests)
    zipped = cached_file(cache, key, ".zip", partial(write_zip, entries=everything))
    downloads.append(
        Download(urls.ALL_ZIP, "every data package", "all data packages (zip)", zipped)
    )
    return downloads
