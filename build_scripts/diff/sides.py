"""The two sides of ``npf diff``: each a data folder, a git revision of the repository or
a release zip, made into a data folder to read.

A revision's data folder is read with ``git archive`` into a scratch folder under the
project's ``[paths] work`` (never the working tree); a zip (``data/all.zip`` of a built
site holds the data folder's own layout) is unpacked there too. The scratch folders
are removed when the ``ExitStack`` they were opened on closes.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
import zipfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from build_scripts.config import Project
from build_scripts.errors import NpfError

FOLDER, REVISION, ZIP = "folder", "revision", "zip"
PACKAGE_FOLDERS = ("framework", "indicators", "equality-evidence")


@dataclass(frozen=True)
class Side:
    """One side of a comparison: what the user named (``label``), what kind of thing it
    is, the data folder that holds its packages, and how to name that folder in a
    problem (``shown``: ``HEAD:datapackages`` for a revision read into a scratch folder).

    A release zip is not validated again: the build published it from valid packages,
    with the catalogue's metadata put back into each descriptor (as ``npf validate``
    would not accept in a data folder). Folders and revisions are."""

    label: str
    kind: str
    data: Path
    shown: str

    @property
    def validate(self) -> bool:
        return self.kind != ZIP


def open_side(spec: str, project: Project, stack: ExitStack, data: Path | None = None) -> Side:
    """``spec`` as a data folder: an existing folder is taken as it is, a ``.zip`` file
    is unpacked, anything else is read as a git revision of the project's repository
    (its data folder, ``data`` or the project's ``[paths] data``, at that revision)."""
    path = Path(spec)
    if path.is_dir():
        return Side(spec, FOLDER, _data_folder(path, spec), spec)
    if path.is_file():
        if not zipfile.is_zipfile(path):
            raise NpfError(
                f"{spec}: neither a folder nor a zip; give a data folder, a git revision "
                "or a release zip (data/all.zip of a built site)"
            )
        folder = _data_folder(_unzip(path, _scratch(project, stack)), spec)
        return Side(spec, ZIP, folder, spec)
    return _revision(spec, project, stack, data or project.paths.data)


def _scratch(project: Project, stack: ExitStack) -> Path:
    project.paths.work.mkdir(parents=True, exist_ok=True)
    folder = stack.enter_context(
        tempfile.TemporaryDirectory(prefix="diff-", dir=project.paths.work)
    )
    return Path(folder)


def _data_folder(path: Path, spec: str) -> Path:
    if not any((path / name).is_dir() for name in PACKAGE_FOLDERS):
        raise NpfError(
            f"{spec}: no data packages here: expected {', '.join(n + '/' for n in PACKAGE_FOLDERS)}"
            " (a data folder such as datapackages/, or a release zip)"
        )
    return path


def _unzip(path: Path, scratch: Path) -> Path:
    try:
        with zipfile.ZipFile(path) as zipped:
            for info in zipped.infolist():
                target = (scratch / info.filename).resolve()
                if not target.is_relative_to(scratch.resolve()):
                    raise NpfError(f"{path}: {info.filename}: a path outside the zip; not read")
            zipped.extractall(scratch)
    except zipfile.BadZipFile as error:
        raise NpfError(f"{path}: not a readable zip ({error})") from error
    return scratch


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError as error:
        raise NpfError("git is not installed: give data folders or zips instead") from error


def _revision(spec: str, project: Project, stack: ExitStack, data: Path) -> Side:
    root = project.paths.root
    top = _git(root, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise NpfError(
            f"{spec}: no such folder or zip, and {root} is not a git repository to read "
            "a revision from"
        )
    found = _git(root, "rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}")
    if found.returncode != 0:
        raise NpfError(
            f"{spec}: no such folder, zip or git revision (of the repository at "
            f"{top.stdout.decode().strip()}); for a branch of the remote, run "
            "`git fetch` first"
        )
    commit = found.stdout.decode().strip()
    repository = Path(top.stdout.decode().strip())
    try:
        inside = data.resolve().relative_to(repository.resolve()).as_posix()
    except ValueError as error:
        raise NpfError(
            f"{data}: the data folder is not inside the repository {repository}"
        ) from error
    archive = _git(root, "archive", "--format=tar", commit, "--", inside)
    if archive.returncode != 0:
        reason = archive.stderr.decode("utf-8", "replace").strip()
        raise NpfError(f"{spec}: {inside}/ cannot be read at this revision ({reason})")
    scratch = _scratch(project, stack)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(scratch, filter="data")
    shown = f"{spec}:{inside}"
    return Side(spec, REVISION, _data_folder(scratch / inside, shown), shown)
