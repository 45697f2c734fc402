"""The downloads the site publishes: each data package zipped, its CSV, and all of them.

Zips are byte-for-byte reproducible: entries sorted, fixed timestamps, fixed permissions.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from build_scripts import excel
from build_scripts.digest import files_digest
from build_scripts.excel import workbook_bytes

# The earliest time a zip can hold; any fixed value makes the bytes reproducible.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Download:
    """One file of ``site/data/``: where it goes and what it holds."""

    name: str  # path inside site/data, e.g. "healthy-life-expectancy.zip"
    title: str
    kind: str  # "data package (zip)", "CSV", "all data packages (zip)"


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


def _workbook(package: Path, cache: Path | None) -> bytes:
    """The package's Excel workbook, from ``cache`` when its inputs are unchanged."""
    if cache is None:
        return workbook_bytes(package)
    key = files_digest(package, Path(excel.__file__))
    cached = cache / f"{key}.xlsx"
    if cached.is_file():
        return cached.read_bytes()
    content = workbook_bytes(package)
    cache.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(content)
    return content


def write_downloads(data_dir: Path, out: Path, cache: Path | None = None) -> list[Download]:
    """Zip every indicator and evidence package, copy indicator CSVs, write their Excel
    workbooks, and zip everything.

    ``out`` is the ``data/`` folder of the site being built; ``cache`` keeps workbooks.
    """
    downloads: list[Download] = []
    everything: list[tuple[str, Path]] = []
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
            name = f"evidence/{slug}.zip" if group == "equality-evidence" else f"{slug}.zip"
            write_zip(out / name, entries)
            downloads.append(Download(name, slug, "data package (zip)"))
            csv = package / f"{slug}.csv"
            if group == "indicators" and csv.is_file():
                shutil.copyfile(csv, out / f"{slug}.csv")
                downloads.append(Download(f"{slug}.csv", slug, "CSV"))
                (out / f"{slug}.xlsx").write_bytes(_workbook(package, cache))
                downloads.append(Download(f"{slug}.xlsx", slug, "Excel"))
    write_zip(out / "all.zip", everything)
    downloads.append(Download("all.zip", "every data package", "all data packages (zip)"))
    return downloads
