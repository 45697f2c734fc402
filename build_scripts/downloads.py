"""The downloads the site publishes: each data package zipped, its CSV and Excel
workbook, and all of them.

Zips are byte-for-byte reproducible (``zips``: entries sorted, fixed times and permissions).
An indicator package is published with the catalogue's metadata put back into its
descriptor (``metadata.published_descriptor``), so every download describes itself.
Each download is made once into a cache, under the hash of its inputs; the site builder
links the cached files into the site rather than copying them (see ``mkdocs_hooks``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import sys
import threading
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from build_scripts import excel, messages, metadata, release, shared_work, urls, zips
from build_scripts.config import default_project
from build_scripts.digest import files_digest
from build_scripts.errors import NpfError
from build_scripts.excel import workbook_bytes
from build_scripts.load import group_names, read_catalogue
from build_scripts.model import Framework, Indicator
from build_scripts.notes import (
    METADATA_SUFFIX,
    Notes,
    csv_metadata,
    notes_lines,
    readme,
    table_metadata,
)
from build_scripts.processes import Child, stop_once
from build_scripts.tables import read_descriptor
from build_scripts.zips import write_zip

DESCRIPTOR = "datapackage.json"
# Part of every cache key: change it when the way a download is made changes.
FORMAT = "downloads 3 (names, notes)"
README = "README.txt"


@dataclass(frozen=True)
class Download:
    """One file of ``site/data/``: where it goes and, once built, the cached file with
    its bytes. (What a page calls it is the catalogue's: ``page.data.*``.)"""

    name: str  # path inside site/data, e.g. "healthy-life-expectancy.zip"
    source: Path | None = field(default=None, compare=False)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


Entry = tuple[str, zips.Content]
"""A file of a zip: its name in the archive, and the file on disk or its bytes."""


def package_entries(package_dir: Path, folder: str, descriptor: bytes | None = None) -> list[Entry]:
    """The files of a package under ``folder/`` of a zip; with ``descriptor``, those
    bytes stand for its ``datapackage.json`` (the published descriptor)."""
    entries: list[Entry] = []
    for path in _files(package_dir):
        name = path.relative_to(package_dir).as_posix()
        content = descriptor if descriptor is not None and name == DESCRIPTOR else path
        entries.append((f"{folder}/{name}", content))
    return entries


def published_descriptor(
    package_dir: Path,
    catalogue: dict[str, Indicator],
    prefix: str,
    version: str | None = None,
    history: bool = False,
) -> bytes | None:
    """The descriptor an indicator package is published with (the catalogue's metadata
    put back, the release's ``version`` and, with ``history``, the status history as a
    resource), or None for a package the catalogue does not list."""
    indicator = catalogue.get(package_dir.name)
    if indicator is None:
        return None
    descriptor = read_descriptor(package_dir / DESCRIPTOR)
    published = metadata.published_descriptor(descriptor, indicator, prefix)
    return metadata.descriptor_bytes(released(published, version, history))


def released(descriptor: dict[str, Any], version: str | None, history: bool) -> dict[str, Any]:
    """``descriptor`` as published at release ``version`` (its ``version`` set, in place,
    or after ``sources``), with the status history resource after the others."""
    if version is None:
        return descriptor
    if "version" in descriptor:
        out = {k: (version if k == "version" else v) for k, v in descriptor.items()}
    else:
        out = {}
        for key, value in descriptor.items():
            if key == "resources":
                out["version"] = version
            out[key] = value
        out.setdefault("version", version)
    if history and isinstance(out.get("resources"), list):
        out["resources"] = [*out["resources"], release.history_resource()]
    return out


def _versioned(
    package: Path, version: str | None, prefix: str, *, framework: bool = False
) -> bytes | None:
    """The descriptor of a package outside the catalogue (the framework, an evidence
    dataset) with the release's version; None (its own bytes) without a release. The
    framework package's own ``version`` is the framework's (the revision its outcomes
    and indicators belong to, docs/revisions.md): it keeps it, and names the release in
    ``<prefix>:release`` instead."""
    if version is None:
        return None
    own = read_descriptor(package / DESCRIPTOR)
    if framework:
        return metadata.descriptor_bytes(own | {f"{prefix}:release": version})
    return metadata.descriptor_bytes(released(own, version, history=False))


def cache_path(cache: Path, key: str, suffix: str) -> Path:
    """Where ``cached_file`` keeps the file of ``key``."""
    return cache / key[:2] / f"{key}{suffix}"


def cached_file(cache: Path, key: str, suffix: str, write: Callable[[Path], None]) -> Path:
    """The file kept under ``key`` in ``cache``, made by ``write(path)`` if it is not
    there yet. Written to a temporary name and renamed, so a cached file is never seen
    half-written and, once there, never changes (the site links to it)."""
    path = cache_path(cache, key, suffix)
    if path.is_file():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    # named before it exists, so that a stop (Ctrl+C, SIGTERM) at any moment finds it
    # in the ``finally``; this process and thread alone write it
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def cached_bytes(cache: Path, key: str, suffix: str, data: bytes) -> Path:
    """``data`` kept under ``key`` in ``cache`` (``cached_file``)."""

    def write(target: Path) -> None:
        target.write_bytes(data)

    return cached_file(cache, key, suffix, write)


def _key(*parts: str) -> str:
    """A cache key: the hash of the format version and ``parts``."""
    return hashlib.sha256("\0".join((FORMAT, *parts)).encode("utf-8")).hexdigest()


def _write_workbook(
    package: Path, prefix: str, descriptor: bytes | None, notes: Notes, target: Path
) -> None:
    published = json.loads(descriptor) if descriptor is not None else None
    own = published or read_descriptor(package / DESCRIPTOR)
    target.write_bytes(workbook_bytes(package, prefix, published, notes_lines(notes, own)))


Names = Mapping[tuple[str, str], str]
"""Each breakdown group's name, by breakdown type and group (``load.group_names``)."""


def name_column(column: str) -> str | None:
    """The column of names that follows ``column`` in a CSV download, if it takes one:
    ``breakdown_group`` -> ``breakdown_group_name``, ``breakdown_group_2`` -> ..."""
    if column == "breakdown_group" or re.fullmatch(r"breakdown_group_[0-9]+", column):
        return f"{column}_name"
    return None


def csv_with_names(package_csv: Path, names: Names) -> bytes:
    """An indicator's CSV download: the package's CSV with each group's name in a column
    beside its code (``breakdown_group_name`` after ``breakdown_group``, and so on for
    further breakdowns), so that a filter for a council area's name works without a
    lookup. Empty where the group is empty; the group itself where it has no name."""
    with package_csv.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    if not rows:
        return b""
    header = rows[0]
    groups = [(i, name_column(c)) for i, c in enumerate(header)]
    pairs = {
        i: header.index(header[i].replace("group", "type", 1))
        for i, named in groups
        if named and header[i].replace("group", "type", 1) in header
    }
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for n, row in enumerate(rows):
        written: list[str] = []
        for i, value in enumerate(row):
            written.append(value)
            if i in pairs:
                if n == 0:
                    written.append(groups[i][1] or "")
                else:
                    kind = row[pairs[i]]
                    written.append(names.get((kind, value), value) if value else "")
        writer.writerow(written)
    return out.getvalue().encode("utf-8")


def fields_with_names(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The Table Schema fields of an indicator's CSV download: the package's, with a
    field for each names column ``csv_with_names`` adds (after its group's column)."""
    present = {str(f.get("name")) for f in fields}
    out: list[dict[str, Any]] = []
    for f in fields:
        out.append(f)
        column = str(f.get("name"))
        named = name_column(column)
        if named and column.replace("group", "type", 1) in present:
            about = messages.phrase(messages.message("notes.group_name", column=column))
            out.append({"name": named, "type": "string", "description": about})
    return out


def _write_csv(package_csv: Path, names: Names, target: Path) -> None:
    target.write_bytes(csv_with_names(package_csv, names))


def with_readme(
    entries: list[Entry], folder: str, notes: Notes, descriptor: bytes | None
) -> list[Entry]:
    """``entries`` and a ``README.txt`` under ``folder/`` (the zip's top when empty)
    saying what they are, whose figures, under which licence (``notes``)."""
    described = json.loads(descriptor) if descriptor is not None else None
    names = sorted(name for name, _ in entries)
    text = readme(notes, described, names)
    return [*entries, (f"{folder}/{README}" if folder else README, text)]


def _descriptor_bytes(package: Path, published: bytes | None) -> bytes:
    return published if published is not None else (package / DESCRIPTOR).read_bytes()


@dataclass(frozen=True)
class _Setting:
    """What every package's downloads are made with (read once for all of them)."""

    prefix: str
    notes: Notes
    releases: Sequence[release.Release]
    catalogue: dict[str, Indicator]
    names: Names
    names_digest: str
    words: str
    workbook_code: str
    zip_code: str

    @property
    def version(self) -> str | None:
        return self.releases[-1].version if self.releases else None


def _setting(
    data_dir: Path,
    prefix: str,
    places: Sequence[tuple[str, str]] | None,
    notes: Notes | None,
    releases: Sequence[release.Release],
) -> _Setting:
    if places is None:
        places = [(g.breakdown_type, g.places) for g in default_project().geographies]
    framework = data_dir / "framework" / DESCRIPTOR
    names = group_names(data_dir, places) if framework.is_file() else {}
    return _Setting(
        prefix=prefix,
        notes=notes or Notes.of(default_project()),
        releases=releases,
        catalogue=read_catalogue(data_dir) if framework.is_file() else {},
        names=names,
        names_digest=hashlib.sha256(
            json.dumps(sorted([*k, v] for k, v in names.items())).encode("utf-8")
        ).hexdigest(),
        words=messages.current().fingerprint,
        workbook_code=files_digest(*excel.CODE),
        zip_code=files_digest(Path(zips.__file__)),
    )


@dataclass(frozen=True)
class _File:
    """A download to make: its name in ``site/data/``, its cache key and suffix, and
    what writes it."""

    name: str
    key: str
    suffix: str
    write: Callable[[Path], None]

    def made(self, cache: Path) -> Path:
        return cached_file(cache, self.key, self.suffix, self.write)

    def cold(self, cache: Path) -> bool:
        return not cache_path(cache, self.key, self.suffix).is_file()


@dataclass(frozen=True)
class _Package:
    """A package's downloads (``files``), what all.zip holds of it (``entries``, in the
    data folder's layout) and the line of all.zip's key that stands for it."""

    files: list[_File]
    entries: list[Entry]
    digest: str
    size: int  # bytes of its files: what making its downloads costs, roughly

    def cold(self, cache: Path) -> bool:
        return any(f.cold(cache) for f in self.files)


def _packages(data_dir: Path) -> Iterator[tuple[str, Path]]:
    """Each package of ``data_dir`` with its group, in the order all.zip holds them."""
    for group in ("framework", "indicators", "equality-evidence"):
        root = data_dir / group
        if not root.is_dir():
            continue
        packages = [root] if group == "framework" else sorted(p for p in root.iterdir())
        for package in packages:
            if (package / DESCRIPTOR).is_file():
                yield group, package


def _package(s: _Setting, group: str, package: Path) -> _Package:
    """What ``package`` (of ``group``) publishes, keyed by what it holds; nothing is
    made yet, and its rows are not read (only hashed)."""
    slug = "framework" if group == "framework" else package.name
    history = release.history_csv(s.releases, slug) if group == "indicators" else None
    published = (
        published_descriptor(package, s.catalogue, s.prefix, s.version, history is not None)
        if group == "indicators"
        else _versioned(package, s.version, s.prefix, framework=group == "framework")
    )
    entries = package_entries(package, slug, published)
    if history is not None:
        entries.append((f"{slug}/{release.HISTORY_CSV}", history))
    descriptor = _descriptor_bytes(package, published)
    # all.zip holds the data folder's own layout (framework/, indicators/<slug>/)
    within = "" if group == "framework" else f"{group}/"
    # Read once; every key below derives from it (and from the published descriptor,
    # which holds the catalogue's part).
    digest = files_digest(package)
    if published is not None:
        digest = hashlib.sha256(digest.encode() + published).hexdigest()
    line = f"{group}/{slug} {digest}"
    if history is not None:
        digest = hashlib.sha256(digest.encode() + history).hexdigest()
    notes, words = s.notes, s.words
    evidence = group == "equality-evidence"
    name = urls.evidence_download(slug) if evidence else urls.indicator_download(slug, "zip")
    described = with_readme(entries, slug, notes, descriptor)
    files = [
        _File(
            name,
            _key("zip", slug, digest, s.zip_code, notes.digest, words),
            ".zip",
            partial(write_zip, entries=described),
        )
    ]
    csv = package / f"{slug}.csv"
    if group == "indicators" and csv.is_file():
        csv_name = urls.indicator_download(slug, "csv")
        csv_key = _key("csv", slug, digest, s.names_digest)
        files.append(_File(csv_name, csv_key, ".csv", partial(_write_csv, csv, s.names)))
        about = csv_metadata(notes, csv_name, json.loads(descriptor), fields_with_names)
        about_key = _key("csvw", hashlib.sha256(about).hexdigest())
        files.append(_File(csv_name + METADATA_SUFFIX, about_key, ".json", partial(_put, about)))
        # its labels are the words of the catalogue in use
        book_key = _key("xlsx", digest, s.workbook_code, s.prefix, words, notes.digest)
        write = partial(_write_workbook, package, s.prefix, published, notes)
        files.append(_File(urls.indicator_download(slug, "xlsx"), book_key, ".xlsx", write))
    everything = [(f"{within}{name}", content) for name, content in entries]
    size = sum(p.stat().st_size for p in _files(package))
    return _Package(files, everything, line, size)


def _put(data: bytes, target: Path) -> None:
    target.write_bytes(data)


def collect_downloads(
    data_dir: Path,
    cache: Path,
    prefix: str,
    places: Sequence[tuple[str, str]] | None = None,
    notes: Notes | None = None,
    releases: Sequence[release.Release] = (),
    workers: int = 1,
) -> list[Download]:
    """Every download: each indicator and evidence package zipped, each indicator's CSV
    (with names beside codes, ``csv_with_names``, and its CSVW metadata) and Excel
    workbook, and a zip of everything. Each is built once into ``cache`` under the hash
    of what it holds, so a build makes only the ones whose packages changed. ``prefix``:
    of the packages' custom properties, which the workbooks read; ``places``: the
    breakdown types whose groups are places and the framework's resources that name
    them; ``notes``: the licence and attribution every download carries (both by default
    the repository's project's); ``releases``: the releases recorded, whose latest
    version every published descriptor carries, and whose records give each indicator
    package its status history (``status-history.csv``). ``workers`` > 1: the packages
    whose downloads are not all made yet (the cold ones, counted first) are shared among
    that many forked processes when there are enough of them (``shared_work``); the
    files are the same bytes whichever process makes them, and what a failed worker
    left undone is made here (which raises its problem)."""
    s = _setting(data_dir, prefix, places, notes, releases)
    packages = [_package(s, group, package) for group, package in _packages(data_dir)]
    key = _key("all", s.zip_code, s.notes.digest, s.words, *(p.digest for p in packages))
    everything = with_readme([e for p in packages for e in p.entries], "", s.notes, None)
    whole = _File(urls.ALL_ZIP, key, ".zip", partial(write_zip, entries=everything))
    # The cold ones, largest first, so that no worker is left with a large one at the
    # end; all.zip (every package's files) first of all.
    cold = [p.files for p in sorted(packages, key=lambda p: -p.size) if p.cold(cache)]
    if whole.cold(cache):
        cold.insert(0, [whole])
    # what a failed worker left undone is made below, which reports its problem
    with suppress(shared_work.WorkerFailed):
        shared_work.run(len(cold), partial(_make_files, cold, cache), workers)
    made = [Download(f.name, f.made(cache)) for p in packages for f in p.files]
    return [*made, Download(whole.name, whole.made(cache))]


def _make_files(pieces: Sequence[list[_File]], cache: Path, number: int) -> None:
    for f in pieces[number]:
        f.made(cache)


def release_downloads(
    releases: Sequence[release.Release], cache: Path, prefix: str, notes: Notes, work: Path
) -> list[Download]:
    """Each release's data, at addresses that do not change: its ``data.zip`` (with a
    README.txt added, as every zip of the site has) as ``releases/<version>/all.zip``
    and each indicator's package as it was then, zipped like the current one (its
    descriptor with the catalogue's metadata of that release and its version), as
    ``releases/<version>/<slug>.zip``. Cached under the hash of the
    release's data: a release is unpacked only to make what the cache lacks."""
    words = messages.current().fingerprint
    zip_code = files_digest(Path(zips.__file__))
    found: list[Download] = []
    for made in releases:
        data_zip = made.data_zip
        if data_zip is None or not data_zip.is_file():
            raise NpfError(
                f"release {made.version} has no {release.DATA_ZIP} ({data_zip}): "
                "restore it from git"
            )
        data = data_zip.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            recorded: list[Entry] = [(n, archive.read(n)) for n in names if not n.endswith("/")]
        # the release's data as recorded, with the README every zip of the site carries
        whole_key = _key("release all", digest, zip_code, notes.digest, words)
        described_all = with_readme(recorded, "", notes, None)
        whole = cached_file(cache, whole_key, ".zip", partial(write_zip, entries=described_all))
        found.append(Download(urls.release_download(made.version), whole))
        slugs = sorted(
            {n.split("/")[1] for n in names if n.startswith("indicators/") and n.count("/") >= 2}
        )
        keys = {
            s: _key("release zip", digest, s, made.version, zip_code, notes.digest, words)
            for s in slugs
        }
        paths = {s: cache_path(cache, k, ".zip") for s, k in keys.items()}
        if not all(p.is_file() for p in paths.values()):
            with release.unzipped(data_zip, work) as folder:
                catalogue = read_catalogue(folder)
                for slug in slugs:
                    package = folder / "indicators" / slug
                    published = published_descriptor(package, catalogue, prefix, made.version)
                    entries = package_entries(package, slug, published)
                    described = with_readme(entries, slug, notes, published)
                    write = partial(write_zip, entries=described)
                    paths[slug] = cached_file(cache, keys[slug], ".zip", write)
        found += [Download(urls.release_download(made.version, s), paths[s]) for s in slugs]
    return found


# The columns of a place's CSV: the data contract's names for what each figure is.
AREA_COLUMNS = (
    "indicator",
    "measure",
    "period",
    "period_start",
    "period_end",
    "value",
    "unit",
    "lower",
    "upper",
    "flag",
)


def area_tables(framework: Framework) -> dict[tuple[str, str], bytes]:
    """Every figure for each place (of one breakdown: the place alone), as CSV bytes, by
    geography and place code; by indicator slug, measure and period. Places without a
    figure have none."""
    rows: dict[tuple[str, str], list[tuple[object, ...]]] = {}
    for slug in sorted(framework.indicators):
        for f in framework.indicators[slug].figures:
            if f.cross or f.breakdown_group not in framework.places.get(f.breakdown_type, {}):
                continue
            rows.setdefault((f.breakdown_type, f.breakdown_group), []).append(
                (
                    slug,
                    f.measure,
                    f.period,
                    f.period_start.isoformat(),
                    f.period_end.isoformat(),
                    repr(f.value),
                    f.unit,
                    "" if f.lower is None else repr(f.lower),
                    "" if f.upper is None else repr(f.upper),
                    f.flag or "",
                )
            )
    tables = {}
    for key, found in rows.items():
        found.sort(key=lambda r: (r[0], r[1], r[3], r[4]))
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(AREA_COLUMNS)
        writer.writerows(found)
        tables[key] = out.getvalue().encode("utf-8")
    return tables


AREA_TYPES = {"period_start": "date", "period_end": "date", "value": "number"}
AREA_TYPES |= {"lower": "number", "upper": "number"}


def area_downloads(framework: Framework, cache: Path, notes: Notes | None = None) -> list[Download]:
    """Each place's CSV (``area_tables``), cached under the hash of its bytes, with its
    CSVW metadata beside it (``notes``: the licence and attribution, by default the
    repository's project's)."""
    notes = notes or Notes.of(default_project())
    fields = [{"name": c, "type": AREA_TYPES.get(c, "string")} for c in AREA_COLUMNS]
    downloads = []
    for (kind, code), data in area_tables(framework).items():
        place = framework.places[kind][code]
        key = _key("area csv", hashlib.sha256(data).hexdigest())
        path = cached_bytes(cache, key, ".csv", data)
        name = urls.area_download(place.slug)
        downloads.append(Download(name, path))
        described = {"title": place.name, "sources": []}
        about = table_metadata(notes, name.rsplit("/", 1)[-1], described, fields)
        about_key = _key("csvw", hashlib.sha256(about).hexdigest())
        about_path = cached_bytes(cache, about_key, ".json", about)
        downloads.append(Download(name + METADATA_SUFFIX, about_path))
    return sorted(downloads, key=lambda d: d.name)


class MadeAside(Child):
    """``collect_downloads`` in a child process, started with the build: the downloads
    (workbooks most of all: about 4 s of a cold build of the NPF, 170 s at 1.4 million
    figures) are made into the cache while this process renders charts. With
    ``workers`` > 1 the child counts the packages whose downloads are not all made
    yet and, if there are enough (``shared_work.shares``), shares them among that many
    forked processes; a build where nothing or one package changed starts none.
    ``wait`` before collecting them: the pages stage's own ``collect_downloads`` then
    finds them made. The child only fills the cache; what it makes or fails to make
    does not matter, since the pages stage makes anything missing and reports any
    problem itself. Like every child here, it never outlives the build, nor do its
    workers; stopped, it removes the file it was writing (``Child.stop``)."""

    def __init__(
        self,
        data_dir: Path,
        cache: Path,
        prefix: str,
        language: str,
        places: Sequence[tuple[str, str]] | None = None,
        notes: Notes | None = None,
        releases: Path | None = None,
        workers: int = 1,
    ) -> None:
        if places is None:
            places = [(g.breakdown_type, g.places) for g in default_project().geographies]
        given = json.dumps([list(p) for p in places])
        notes = notes or Notes.of(default_project())
        super().__init__(
            __name__,
            str(data_dir),
            str(cache),
            prefix,
            language,
            given,
            notes.to_json(),
            str(releases or ""),
            str(workers),
            output=False,
        )

    def wait(self) -> None:
        self.process.wait()


def _main(argv: Sequence[str]) -> None:
    data_dir, cache, prefix, language, given, notes, recorded, workers = argv
    stop_once()
    with messages.use(messages.catalogue(language)):
        places = [(kind, resource) for kind, resource in json.loads(given)]
        releases = release.load_releases(Path(recorded)) if recorded else ()
        collect_downloads(
            Path(data_dir),
            Path(cache),
            prefix,
            places,
            Notes.from_json(notes),
            releases,
            workers=int(workers),
        )


if __name__ == "__main__":
    _main(sys.argv[1:])
