"""``npf release VERSION``: record a release of the data, then build the site of it.

A release is a committed folder ``releases/<VERSION>/`` (``[paths] releases``) holding

- ``release.json``: the version, its date, the version before it, what changed since
  that one (``changes_between``) and, per indicator, its status, the criterion applied
  and the figures compared (the same analysis the build states on the pages);
- ``data.zip``: the data folder as it was, a reproducible zip (``zips``), so that every
  release's data stays downloadable and the next release can say what changed.

Nothing is written unless the version is new and well formed and the data is valid; the
folder is written aside and renamed into place. The build reads the records
(``load_releases``): the latest version in the footer and in every published descriptor,
the releases page, the feeds and each indicator's status history (``status_history``).

``changes_between`` is deliberately small (added and removed indicators, new periods,
changed statuses): ``npf diff`` (``build_scripts.diff``) says what changed in full, and
can stand in for it without changing the records' other fields.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from build_scripts import messages
from build_scripts.config import Project
from build_scripts.errors import NpfError
from build_scripts.zips import Content, write_zip

if TYPE_CHECKING:  # pandas comes with it: imported where a comparison is made
    from build_scripts.diff.compare import Side

RELEASE_FILE = "release.json"
DATA_ZIP = "data.zip"
RECORD_FORMAT = 1
VERSION = re.compile(r"\A(?:[0-9]{4}\.[0-9]+|[0-9]+\.[0-9]+\.[0-9]+)\Z")
"""A version: a year and a number (``2026.1``, ``2026.2``) or semantic (``1.4.0``)."""
HISTORY_CSV = "status-history.csv"
HISTORY_FIELDS = {
    "release": messages.message("release.column.release"),
    "date": messages.message("release.column.date"),
    "status": messages.message("release.column.status"),
    "changed": messages.message("release.column.changed"),
    "method": messages.message("release.column.method"),
    "criterion": messages.message("release.column.criterion"),
    "reason": messages.message("release.column.reason"),
    "periods_compared": messages.message("release.column.periods_compared"),
    "figures_compared": messages.message("release.column.figures_compared"),
}
"""The columns of ``status-history.csv``, with what each holds (for its schema)."""
HISTORY_COLUMNS = tuple(HISTORY_FIELDS)


@dataclass(frozen=True)
class Compared:
    """A figure a status was decided on: its period and value (and bounds)."""

    period: str
    value: float | None
    lower: float | None = None
    upper: float | None = None


@dataclass(frozen=True)
class IndicatorRecord:
    """What one release says of one indicator: its status, the method and the
    criterion in words, the reason in words, and the figures compared."""

    slug: str
    title: str
    status: str
    method: str
    criterion: str
    reason: str
    compared: tuple[Compared, ...] = ()


@dataclass(frozen=True)
class FrozenEmbed:
    """A chart embeddable as it was in a release (``frozen``): its title then, and the
    height of its SVG in pixels (for the snippet's frame)."""

    title: str
    height: int


@dataclass(frozen=True)
class Release:
    version: str
    date: str  # YYYY-MM-DD
    previous: str | None
    changes: dict[str, Any] | None
    indicators: dict[str, IndicatorRecord] = field(default_factory=dict)
    folder: Path | None = None
    # the charts the build froze to this release, by chart id (``frozen``; not recorded)
    embeds: Mapping[str, FrozenEmbed] = field(default_factory=dict)

    @property
    def data_zip(self) -> Path | None:
        return self.folder / DATA_ZIP if self.folder is not None else None

    def to_json(self) -> dict[str, Any]:
        return {
            "format": RECORD_FORMAT,
            "version": self.version,
            "date": self.date,
            "previous": self.previous,
            "changes": self.changes,
            "indicators": {
                slug: {
                    "title": r.title,
                    "status": r.status,
                    "method": r.method,
                    "criterion": r.criterion,
                    "reason": r.reason,
                    "compared": [
                        {"period": c.period, "value": c.value, "lower": c.lower, "upper": c.upper}
                        for c in r.compared
                    ],
                }
                for slug, r in sorted(self.indicators.items())
            },
        }


@dataclass(frozen=True)
class StatusChange:
    """One step of an indicator's status history: the release from which it had
    ``status``, what it was before (``None`` at its first release) and why."""

    version: str
    date: str
    status: str
    was: str | None
    record: IndicatorRecord


# --- reading the records -----------------------------------------------------------


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def load_releases(folder: Path) -> tuple[Release, ...]:
    """Every release recorded under ``folder``, oldest first (by date, then version);
    none when the folder does not exist. A record that cannot be read stops the build
    with its file and what to do."""
    if not folder.is_dir():
        return ()
    found = [
        _read(path / RELEASE_FILE)
        for path in sorted(folder.iterdir())
        if path.is_dir() and not path.name.startswith(".") and (path / RELEASE_FILE).is_file()
    ]
    return tuple(sorted(found, key=lambda r: (r.date, version_key(r.version))))


def _read(path: Path) -> Release:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        indicators = {
            slug: IndicatorRecord(
                slug,
                str(item["title"]),
                str(item["status"]),
                str(item["method"]),
                str(item["criterion"]),
                str(item["reason"]),
                tuple(
                    Compared(str(c["period"]), c["value"], c.get("lower"), c.get("upper"))
                    for c in item["compared"]
                ),
            )
            for slug, item in raw["indicators"].items()
        }
        release = Release(
            str(raw["version"]),
            str(raw["date"]),
            raw["previous"],
            raw["changes"],
            indicators,
            path.parent,
        )
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise NpfError(
            f"{path}: not a release record npf release wrote ({error!r}); restore it from git"
        ) from None
    if release.version != path.parent.name or not VERSION.match(release.version):
        raise NpfError(f"{path}: its version {release.version!r} is not its folder's name")
    return release


def status_history(releases: Sequence[Release], slug: str) -> list[StatusChange]:
    """The releases at which the indicator's status changed (its first release
    included), oldest first."""
    changes: list[StatusChange] = []
    for release in releases:
        record = release.indicators.get(slug)
        if record is None:
            continue
        was = changes[-1].status if changes else None
        if was != record.status:
            changes.append(StatusChange(release.version, release.date, record.status, was, record))
    return changes


def history_csv(releases: Sequence[Release], slug: str) -> bytes | None:
    """The indicator's status at each release, as CSV (``HISTORY_COLUMNS``); None if no
    release records it."""
    rows = []
    before: str | None = None
    for release in releases:
        r = release.indicators.get(slug)
        if r is None:
            continue
        rows.append(
            (
                release.version,
                release.date,
                r.status,
                "true" if r.status != before else "false",
                r.method,
                r.criterion,
                r.reason,
                ";".join(c.period for c in r.compared),
                ";".join("" if c.value is None else repr(c.value) for c in r.compared),
            )
        )
        before = r.status
    if not rows:
        return None
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HISTORY_COLUMNS)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def history_resource() -> dict[str, Any]:
    """The status history as a resource of an indicator's published data package."""
    fields = [
        {
            "name": name,
            "type": "date" if name == "date" else "string",
            "description": messages.phrase(about),
        }
        for name, about in HISTORY_FIELDS.items()
    ]
    return {
        "name": "status-history",
        "path": HISTORY_CSV,
        "title": messages.phrase(messages.message("release.history_title")),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": fields},
    }


# --- making a record ---------------------------------------------------------------


def release_date(given: str | None) -> str:
    """``--date``, else ``SOURCE_DATE_EPOCH``'s day, else today (UTC)."""
    if given is not None:
        try:
            return date.fromisoformat(given).isoformat()
        except ValueError:
            raise NpfError(f"--date {given!r}: give a date as YYYY-MM-DD") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).date().isoformat()
        except ValueError:
            raise NpfError(f"SOURCE_DATE_EPOCH must be whole seconds, not {epoch!r}") from None
    return datetime.now(tz=UTC).date().isoformat()


def check_version(version: str, releases: Sequence[Release], folder: Path) -> None:
    if not VERSION.match(version):
        raise NpfError(
            f"{version!r} is not a release version: give a year and a number (2026.1) "
            "or a semantic version (1.4.0); see docs/releases.md"
        )
    if (folder / version).exists() or any(r.version == version for r in releases):
        raise NpfError(f"release {version} already exists ({folder / version}): give a new version")


def analysed(data_dir: Path, project: Project) -> Side:
    """The data in ``data_dir`` loaded and analysed as the build does, in the project's
    language: read once, for both the records of a release and what changed."""
    from build_scripts.analyse.indicators import analyse_framework
    from build_scripts.diff.compare import Side
    from build_scripts.load import load_framework

    with messages.use(messages.catalogue(project.language)):
        framework = load_framework(data_dir, project)
        return Side(framework, analyse_framework(framework).assessments)


def records_of(side: Side) -> dict[str, IndicatorRecord]:
    """Each indicator's status, criterion, reason and figures compared."""
    records = {}
    for slug, indicator in sorted(side.framework.indicators.items()):
        a = side.assessments.get(slug)
        status = a.status.value if a else _unassessed(indicator.in_development)
        records[slug] = IndicatorRecord(
            slug,
            indicator.title,
            status,
            a.method if a else "",
            a.criterion if a else "",
            a.reason if a else "",
            tuple(Compared(p.period, p.value, p.lower, p.upper) for p in a.compared) if a else (),
        )
    return records


def indicator_records(data_dir: Path, project: Project) -> dict[str, IndicatorRecord]:
    """Each indicator's record, from the same load and analysis as the build."""
    return records_of(analysed(data_dir, project))


def _unassessed(in_development: bool) -> str:
    return "In development" if in_development else "To be confirmed"


def changes_between(old: Side, new: Side, project: Project) -> dict[str, Any]:
    """What changed from one release's data to the next: ``npf diff``'s comparison
    (``diff.compare``, kept whole under ``diff`` in its JSON shape), and in brief for the
    releases page: indicators added and removed, retired and renamed by a revision of the
    framework, each indicator's new periods, how many figures were revised, and each
    changed status as the releases record them (an indicator without an assessment is
    "In development" or "To be confirmed")."""
    from build_scripts.diff.compare import compare
    from build_scripts.diff.report import as_data

    with messages.use(messages.catalogue(project.language)):
        found = compare("previous release", old, "this release", new)
        described = as_data(found)
    periods: dict[str, set[str]] = {}
    for p in found.new_periods:
        periods.setdefault(p.indicator, set()).update(p.periods)
    before, after = records_of(old), records_of(new)
    return {
        "added_indicators": sorted(n.slug for n in found.indicators_added),
        "removed_indicators": sorted(n.slug for n in found.indicators_removed),
        "retired_indicators": sorted(r.slug for r in found.indicators_retired),
        "renamed_indicators": {r.old: r.new for r in found.indicators_renamed},
        "new_periods": {slug: sorted(added) for slug, added in sorted(periods.items())},
        "revised_figures": len(found.revised),
        "changed_statuses": {
            slug: {"from": before[slug].status, "to": record.status}
            for slug, record in sorted(after.items())
            if slug in before and before[slug].status != record.status
        },
        "diff": described,
    }


def data_entries(data_dir: Path) -> list[tuple[str, Content]]:
    """Every file of the data folder, by its path in it (``__pycache__`` and hidden
    files left out)."""
    return [
        (path.relative_to(data_dir).as_posix(), path)
        for path in sorted(data_dir.rglob("*"))
        if path.is_file() and not any(part.startswith(".") for part in path.parts[-1:])
    ]


@contextmanager
def unzipped(data_zip: Path, work: Path) -> Iterator[Path]:
    """A release's ``data.zip`` unpacked into a temporary folder under ``work``."""
    work.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="release-", dir=work) as folder:
        target = Path(folder) / "data"
        with zipfile.ZipFile(data_zip) as archive:
            for name in archive.namelist():
                if name.startswith("/") or ".." in name.split("/"):
                    raise NpfError(f"{data_zip}: {name!r} is not a path inside the data")
            archive.extractall(target)
        yield target


def record_release(
    version: str, data_dir: Path, project: Project, *, when: str | None = None
) -> Release:
    """Validate the data and record release ``version`` in ``releases/<version>/``;
    nothing is written if the version is taken or malformed, or the data is invalid."""
    from build_scripts.validate import validate_path

    folder = project.paths.release_records
    releases = load_releases(folder)
    check_version(version, releases, folder)
    day = release_date(when)
    previous = releases[-1] if releases else None
    if previous is not None and day < previous.date:
        raise NpfError(
            f"release {version} dated {day} would come before release {previous.version} "
            f"({previous.date}): give --date on or after {previous.date}"
        )
    if not data_dir.is_dir():
        raise NpfError(f"the data folder {data_dir} does not exist: pass --data")
    # The build's cache of packages that passed frictionless before: checked once.
    report = validate_path(data_dir, cache=project.paths.cache / "validated", project=project)
    if not report.valid:
        raise NpfError(
            "the data packages are not valid, so no release was recorded", report.problems
        )
    current = analysed(data_dir, project)
    changes = None
    if previous is not None and previous.data_zip is not None:
        with unzipped(previous.data_zip, project.paths.work) as old:
            changes = changes_between(analysed(old, project), current, project)
    release = Release(
        version, day, previous.version if previous else None, changes, records_of(current)
    )
    folder.mkdir(parents=True, exist_ok=True)
    aside = Path(tempfile.mkdtemp(prefix=f".{version}-", dir=folder))
    try:
        text = json.dumps(release.to_json(), indent=2, ensure_ascii=False) + "\n"
        (aside / RELEASE_FILE).write_text(text, encoding="utf-8")
        write_zip(aside / DATA_ZIP, data_entries(data_dir))
        aside.chmod(0o755)
        aside.rename(folder / version)
    finally:
        if aside.exists():
            shutil.rmtree(aside)
    return Release(
        release.version,
        release.date,
        release.previous,
        release.changes,
        release.indicators,
        folder / version,
    )


def site_zip_path(project: Project, version: str) -> Path:
    """Where ``npf release`` writes the whole built site: ``dist/site-<version>.zip``."""
    return project.paths.root / "dist" / f"site-{version}.zip"


def write_site_zip(site: Path, target: Path, version: str) -> None:
    """The built site as a reproducible zip, under a folder ``site-<version>/``."""
    top = f"site-{version}"
    entries: list[tuple[str, Content]] = [
        (f"{top}/{path.relative_to(site).as_posix()}", path)
        for path in sorted(site.rglob("*"))
        if path.is_file()
    ]
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}-")
    os.close(fd)
    try:
        write_zip(Path(tmp), entries)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)


def release(
    version: str,
    project: Project,
    *,
    when: str | None = None,
    data_dir: Path | None = None,
    out: Path | None = None,
    progress: bool = False,
) -> tuple[Release, Path]:
    """``npf release``: record the release, build the site (into ``[paths] output``)
    and zip it into ``dist/site-<version>.zip``. If the build fails, the record just
    made is removed again, so the command can be run once the problem is fixed."""
    from build_scripts.site import build

    data_dir = data_dir or project.paths.data
    out = out or project.paths.output
    target = site_zip_path(project, version)
    if target.exists():
        raise NpfError(f"{target} already exists: it is release {version}'s; give a new version")
    made = record_release(version, data_dir, project, when=when)
    try:
        build(data_dir, out, progress=progress, project=project)
    except BaseException:
        if made.folder is not None:
            shutil.rmtree(made.folder)
        raise
    write_site_zip(out, target, version)
    return made, target
