"""Safe builds (issue 8): no data lost, every file readable, one build at a time, and
nothing left behind by a build that fails, is stopped or is killed."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from build_scripts import serve as serve_module
from build_scripts import site as site_module
from build_scripts.cli import main
from build_scripts.config import Project, load_project
from build_scripts.output import SITE_MARKER, locked
from build_scripts.site import ROOT, build
from build_scripts.stamp import stamp_path
from tests.site.conftest import project_folder

SMALL = ROOT / "tests" / "fixtures" / "packages" / "valid"


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(SMALL, copy)
    return copy


@pytest.fixture
def state(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The repository's project with caches and scratch folders of its own, outside
    ``tmp_path`` (whose listing the tests check)."""
    return load_project(project_folder(tmp_path_factory.mktemp("state")))


def run_cli(*args: str) -> tuple[int, str]:
    command = [sys.executable, "-m", "build_scripts", *args]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)
    return done.returncode, done.stderr


def test_the_data_is_never_an_output(data: Path, tmp_path: Path) -> None:
    before = tree(tmp_path)
    for out in (data, tmp_path, data / "indicators"):
        code, err = run_cli("build", "--quiet", "--data", str(data), "--out", str(out))
        assert code == 1
        assert "Traceback" not in err
        assert "nothing was changed" in err
        assert tree(tmp_path) == before


def test_build_stops_before_any_work_when_it_cannot_write(
    no_stages: None, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    for out in (blocker / "site", Path("/proc/npf-site")):
        assert main(["build", "--quiet", "--data", str(data), "--out", str(out)]) == 1
        err = capsys.readouterr().err
        assert "is not writable" in err and "Traceback" not in err
    assert main(["build", "--quiet", "--data", str(tmp_path / "none")]) == 1
    assert "the data folder" in capsys.readouterr().err


def test_every_file_is_readable_by_everyone_whatever_the_umask(
    data: Path, tmp_path: Path, state: Project
) -> None:
    out = tmp_path / "site"
    old = os.umask(0o077)
    try:
        build(data, out, progress=False, project=state)
    finally:
        os.umask(old)
    modes = {stat.S_IMODE(p.lstat().st_mode) for p in out.rglob("*") if p.is_file()}
    folders = {stat.S_IMODE(p.lstat().st_mode) for p in [out, *out.rglob("*")] if p.is_dir()}
    assert modes == {0o644}
    assert folders == {0o755}
    assert (out / SITE_MARKER).is_file()
    kinds = {p.suffix for p in out.rglob("*") if p.is_file()}
    assert {".html", ".svg", ".csv", ".xlsx", ".zip", ".js"} <= kinds


def test_a_locked_output_is_not_built(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    with locked(out.resolve()):
        code, err = run_cli("build", "--quiet", "--data", str(data), "--out", str(out))
    assert code == 1
    assert f"being written by another npf command (process {os.getpid()})" in err
    assert not out.exists()


def processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if text in command and int(entry.name) != os.getpid():
            found.append(int(entry.name))
    return found


def wait_for(condition: Callable[[], bool], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def start_build(data: Path, out: Path, project: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "build_scripts", "build", "--quiet", "--project", str(project)]
    return subprocess.Popen(
        [*command, "--data", str(data), "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_a_stopped_build_leaves_the_site_and_nothing_running(
    data: Path, tmp_path: Path, how: signal.Signals, state: Project
) -> None:
    out = tmp_path / "site"
    build(data, out, progress=False, project=state)
    published = tree(out)
    (data / "indicators" / "biodiversity" / "datapackage.json").touch()  # not up to date
    # change a page so that the build has work to do
    readme = data / "framework" / "datapackage.json"
    readme.write_text(readme.read_text().replace('"title"', '"title" ', 1))

    stopped = start_build(data, out, state.paths.root)
    # stopped while MkDocs writes the new site beside the old one
    wait_for(lambda: any(tmp_path.glob(".site.new-*")) or stopped.poll() is not None)
    assert stopped.poll() is None, stopped.communicate()
    os.kill(stopped.pid, how)
    _, err = stopped.communicate(timeout=60)
    wait_for(lambda: not processes_mentioning(str(data)), seconds=10)
    assert processes_mentioning(str(out)) == []
    assert tree(out) == published
    if how == signal.SIGTERM:
        assert stopped.returncode == 130
        assert b"interrupted: nothing was published" in err
        assert b"Traceback" not in err
        assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]
    docs = [p for p in state.paths.work.glob(f"docs-{stopped.pid}-*")]
    assert docs == [] or how == signal.SIGKILL
    build(data, out, progress=False, project=state)  # clears what the killed one left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]
    assert not list(state.paths.work.glob(f"docs-{stopped.pid}-*"))
    assert tree(out) != published


def test_no_workbook_of_the_site_holds_a_formula(site: Path) -> None:
    """Every Excel download of the real site, read back: no formula cell (issue 8)."""
    import io
    import zipfile

    books = sorted((site / "data").glob("*.xlsx"))
    assert len(books) > 50
    for book in books:
        with zipfile.ZipFile(io.BytesIO(book.read_bytes())) as z:
            sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
            assert sheets, book.name
            for name in sheets:
                xml = z.read(name)
                assert b"<f>" not in xml and b"<f " not in xml, f"{book.name} {name}"
    modes = {stat.S_IMODE(p.stat().st_mode) for p in site.rglob("*") if p.is_file()}
    assert modes == {0o644}


def test_a_broken_site_configuration_stops_the_build_before_any_stage(
    no_stages: None,
    data: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = tmp_path / "mkdocs.yml"
    monkeypatch.setattr(site_module, "MKDOCS_CONFIG", config)
    broken = {
        "site_name: x\nnav: [\n": "line 3, column 1",
        "site_name: x\ntheme:\n  name: material\nnav: 3\n": "Expected nav to be a list",
    }
    for text, reason in broken.items():
        config.write_text(text)
        assert main(["build", "--quiet", "--data", str(data), "--out", str(tmp_path / "s")]) == 1
        err = capsys.readouterr().err
        assert f"error: {config}: " in err and reason in err and "Traceback" not in err
        assert not (tmp_path / "s").exists()


def test_data_changed_during_the_build_leaves_no_record(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, state: Project
) -> None:
    """The record says which data the published site was built from: data changed
    while the build ran leaves none, so the next build does not call it up to date."""
    out = tmp_path / "site"
    publish = site_module.publish_stage
    meta = data / "framework" / "datapackage.json"

    def publish_while_someone_edits(*args: object, **kwargs: object) -> object:
        meta.write_text(meta.read_text().replace('"title"', '"title" ', 1))
        return publish(*args, **kwargs)

    monkeypatch.setattr(site_module, "publish_stage", publish_while_someone_edits)
    first = build(data, out, progress=False, project=state)
    assert any("changed during the build: run npf build again" in w for w in first.warnings)
    assert not stamp_path(out.resolve(), state.paths.cache).exists()
    monkeypatch.setattr(site_module, "publish_stage", publish)
    again = build(data, out, progress=False, project=state)
    assert not again.up_to_date
    assert build(data, out, progress=False, project=state).up_to_date


def test_stopping_npf_serve_is_not_a_failure(
    data: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    state: Project,
) -> None:
    def ctrl_c(site: Path, port: int, *args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(serve_module, "serve", ctrl_c)
    out = tmp_path / "site"
    project = str(state.paths.root)
    assert main(["serve", "--project", project, "--data", str(data), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "stopped serving" in err and "nothing was published" not in err
    assert (out / "index.html").is_file()
