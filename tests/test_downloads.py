"""The downloads made aside: a child process fills the cache that the pages stage's own
``collect_downloads`` then reads, sharing the cold packages among forked workers when
there are many; what the child does or fails to do changes nothing the build
publishes, and whichever process makes a download, its bytes are the same."""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path

import pytest

from build_scripts import downloads as downloads_module
from build_scripts import shared_work
from build_scripts.downloads import MadeAside, collect_downloads
from build_scripts.errors import NpfError
from tests.synthetic import Size, write_packages

VALID = Path(__file__).resolve().parent / "fixtures" / "packages" / "valid"


def cached(cache: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}


@pytest.mark.parametrize("workers", [1, 2])
def test_the_child_makes_every_download_the_pages_stage_then_finds(
    tmp_path: Path, workers: int
) -> None:
    cache = tmp_path / "cache"
    with MadeAside(VALID, cache, "npf", "en", workers=workers) as aside:
        aside.wait()
        assert aside.process.returncode == 0
    made = cached(cache)
    downloads = collect_downloads(VALID, cache, "npf")
    assert cached(cache) == made  # nothing made again, nothing added
    assert {d.source for d in downloads} == set(made)
    alone = collect_downloads(VALID, tmp_path / "alone", "npf")
    assert [d.source.read_bytes() for d in downloads if d.source] == [
        d.source.read_bytes() for d in alone if d.source
    ]


def test_a_child_that_fails_leaves_the_work_to_the_pages_stage(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    (data / "framework" / "datapackage.json").write_text("{", encoding="utf-8")
    cache = tmp_path / "cache"
    with MadeAside(data, cache, "npf", "en") as aside:
        aside.wait()  # it failed; waiting for it raises nothing
        assert aside.process.returncode != 0
    assert cached(cache) == {}
    # the pages stage meets the same problem, and reports it
    with pytest.raises(NpfError, match=r"datapackage\.json"):
        collect_downloads(data, cache, "npf")


def test_a_child_still_running_is_stopped_when_the_build_ends(tmp_path: Path) -> None:
    with MadeAside(VALID, tmp_path / "cache", "npf", "en") as aside:
        pass  # the build stopped before it needed the downloads
    assert aside.process.returncode is not None


SITE = Path(__file__).resolve().parent / "fixtures" / "site"


def test_the_csv_download_names_each_group_beside_its_code(tmp_path: Path) -> None:
    import csv
    import zipfile

    slug = "healthy-life-expectancy"
    downloads = {d.name: d.source for d in collect_downloads(SITE, tmp_path, "npf")}
    source = downloads[f"{slug}.csv"]
    assert source is not None
    with source.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0])
    assert header[header.index("breakdown_group") + 1] == "breakdown_group_name"
    assert header[header.index("breakdown_group_2") + 1] == "breakdown_group_2_name"
    glasgow = [r for r in rows if r["breakdown_group_name"] == "Glasgow City"]
    assert glasgow and {r["breakdown_group"] for r in glasgow} == {"S12000049"}
    headline = [r for r in rows if r["breakdown_type"] == "total"]
    assert headline and {r["breakdown_group_name"] for r in headline} == {"Scotland"}
    crossed = [r for r in rows if r["breakdown_group_2"]]
    assert crossed and all(r["breakdown_group_2_name"] for r in crossed)
    # every other column is the package's, unchanged; the zip keeps the package's CSV
    package_csv = SITE / "indicators" / slug / f"{slug}.csv"
    with package_csv.open(newline="", encoding="utf-8") as handle:
        original = list(csv.DictReader(handle))
    assert [{k: r[k] for k in original[0]} for r in rows] == original
    zipped = downloads[f"{slug}.zip"]
    assert zipped is not None
    with zipfile.ZipFile(zipped) as archive:
        assert archive.read(f"{slug}/{slug}.csv") == package_csv.read_bytes()


def synthetic(tmp_path: Path, indicators: int = 12) -> Path:
    data = tmp_path / "data"
    write_packages(data, Size(indicators=indicators))
    return data


def contents(made: list[downloads_module.Download]) -> dict[str, bytes]:
    return {d.name: d.source.read_bytes() for d in made if d.source is not None}


def test_downloads_made_by_several_processes_are_those_made_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = synthetic(tmp_path)
    makers = tmp_path / "makers"
    make_files = downloads_module._make_files

    def noted(*args: object) -> None:
        with makers.open("a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")
        make_files(*args)

    monkeypatch.setattr(downloads_module, "_make_files", noted)
    shared = collect_downloads(data, tmp_path / "shared", "npf", workers=2)
    pids = set(makers.read_text(encoding="utf-8").split())
    assert (
        len(makers.read_text(encoding="utf-8").split()) == 14
    )  # 12 indicators, the framework, all.zip
    assert str(os.getpid()) not in pids  # every package was made by a worker
    makers.unlink()
    alone = collect_downloads(data, tmp_path / "alone", "npf", workers=1)
    assert set(makers.read_text(encoding="utf-8").split()) == {str(os.getpid())}
    assert [d.name for d in shared] == [d.name for d in alone]
    assert contents(shared) == contents(alone)
    assert not list((tmp_path / "shared").rglob("*.tmp"))


def test_a_warm_build_or_one_changed_package_starts_no_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = synthetic(tmp_path)
    cache = tmp_path / "cache"
    collect_downloads(data, cache, "npf")
    made = cached(cache)

    def no_fork(method: str) -> None:
        raise AssertionError(f"a process was started ({method})")

    monkeypatch.setattr(shared_work.multiprocessing, "get_context", no_fork)
    warm = collect_downloads(data, cache, "npf", workers=4)
    assert cached(cache) == made  # nothing made again
    descriptor = next((data / "indicators").iterdir()) / "datapackage.json"
    descriptor.write_text(descriptor.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    changed = collect_downloads(data, cache, "npf", workers=4)
    assert len(cached(cache)) == len(made) + 4  # its zip, CSV, workbook and all.zip
    assert [d.name for d in changed] == [d.name for d in warm]


def children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    try:
        return "State:\tZ" not in status.read_text()
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("terminal", [False, True])
def test_a_stopped_child_leaves_no_worker_and_no_half_written_file(
    tmp_path: Path, terminal: bool
) -> None:
    """Stopped by the build (SIGTERM, as the build's ``with`` ends) or from the terminal
    (Ctrl+C: SIGINT to the child and every worker, then the build's SIGTERM)."""
    data = synthetic(tmp_path, indicators=48)
    cache = tmp_path / "cache"
    with MadeAside(data, cache, "npf", "en", workers=2) as aside:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while time.monotonic() < deadline and not (workers and list(cache.rglob("*.xlsx"))):
            workers = children(aside.process.pid)
            time.sleep(0.02)
        assert workers, "the child shared the work among workers"
        assert aside.process.poll() is None, "stopped while it works"
        if terminal:
            for pid in (aside.process.pid, *workers):
                os.kill(pid, signal.SIGINT)
    assert aside.process.returncode is not None
    deadline = time.monotonic() + 10
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(w) for w in workers)
    assert not list(cache.rglob("*.tmp"))
    # what was made is whole: the pages stage finds it and makes the rest, the same bytes
    assert contents(collect_downloads(data, cache, "npf")) == contents(
        collect_downloads(data, tmp_path / "alone", "npf")
    )
