"""Build benchmark: prints cold build, unchanged rebuild, one-indicator rebuild (by
``npf build``, and by ``npf serve``'s process, which has the stages loaded already), peak
memory, site size and median indicator page size.

    make benchmark        (or: .venv/bin/python benchmarks/build.py [--runs 3])

With ``--runs N`` each step is timed N times (each run from empty caches) and the
medians are printed. Wall and CPU seconds: on a shared machine the CPU seconds of the
build's processes move much less than the wall time.

Works on a temporary copy of datapackages/ so the committed data is never touched. The
"one indicator changed" step rewrites the latest headline figure of one indicator in the
copy (a benchmark input, never published), so that its charts, pages and downloads are
made again.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.pages import npf_build  # noqa: E402

CACHE = ROOT / ".cache"


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run_build(data: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one ``npf build``."""
    cpu = _cpu()
    started = time.perf_counter()
    npf_build(data, out)
    return time.perf_counter() - started, _cpu() - cpu


def touch_one_indicator(data: Path) -> str:
    """Change the latest headline figure of the first indicator that has one, in the
    copy: its headline chart, sparkline, pages and downloads all change."""
    for csv_path in sorted((data / "indicators").glob("*/*.csv")):
        text = csv_path.read_text(encoding="utf-8")
        rows = list(csv.DictReader(io.StringIO(text)))
        headline = [r for r in rows if r["breakdown_type"] == "total" and r["value"]]
        if not headline:
            continue
        latest = max(headline, key=lambda r: r["period_start"])
        value = float(latest["value"])
        latest["value"] = repr(round(value + 0.1 if value < 99 else value - 0.1, 6))
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        csv_path.write_text(buffer.getvalue(), encoding="utf-8")
        return csv_path.parent.name
    raise SystemExit("no indicator with a headline figure")


# A process like ``npf serve`` between two changes: the stages imported and the site built;
# then one figure changes and the site is built again in the same process. Prints the
# wall and CPU seconds of that rebuild (its own and its children's).
IN_SERVE = """
import resource, sys, time
from pathlib import Path
from benchmarks.build import touch_one_indicator
from build_scripts.site import build

def cpu():
    return sum(
        u.ru_utime + u.ru_stime
        for u in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    )

if __name__ == "__main__":
    data, out = Path(sys.argv[1]), Path(sys.argv[2])
    build(data, out, progress=False)
    touch_one_indicator(data)
    started, used = time.perf_counter(), cpu()
    build(data, out, progress=False)
    print(time.perf_counter() - started, cpu() - used)
"""


def rebuild_in_serve(data: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of a rebuild after one change in a process that has built
    the site already (``npf serve``'s)."""
    done = subprocess.run(
        [sys.executable, "-c", IN_SERVE, str(data), str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    wall, cpu = done.stdout.split()
    return float(wall), float(cpu)


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def one_run() -> tuple[dict[str, tuple[float, float]], str, Path, tempfile.TemporaryDirectory[str]]:
    """Cold, unchanged and one-indicator-changed builds of a fresh copy of the data."""
    tmp = tempfile.TemporaryDirectory()
    data = Path(tmp.name) / "datapackages"
    shutil.copytree(ROOT / "datapackages", data)
    out = Path(tmp.name) / "site"
    shutil.rmtree(CACHE, ignore_errors=True)
    times = {"cold": run_build(data, out), "unchanged": run_build(data, out)}
    slug = touch_one_indicator(data)
    times["one"] = run_build(data, out)
    times["serve"] = rebuild_in_serve(data, out)
    return times, slug, out, tmp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=1, help="runs of each step (medians)")
    runs = max(1, parser.parse_args().runs)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1602460800")
    results = []
    for _ in range(runs):
        times, slug, out, tmp = one_run()
        results.append(times)
        if len(results) < runs:
            tmp.cleanup()

    def median(step: str, which: int) -> float:
        return statistics.median(r[step][which] for r in results)

    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    pages = [p.stat().st_size for p in (out / "indicators").glob("*.html")]
    of = f"median of {runs} runs, " if runs > 1 else ""
    print(f"({of}wall and CPU seconds)")
    print(f"cold build:                 {median('cold', 0):6.1f} s {median('cold', 1):6.1f} s CPU")
    print(
        f"rebuild, nothing changed:   {median('unchanged', 0):6.1f} s "
        f"{median('unchanged', 1):6.1f} s CPU"
    )
    print(f"rebuild, one changed ({slug}): {median('one', 0):6.1f} s {median('one', 1):6.1f} s CPU")
    print(
        f"... the same in npf serve:   {median('serve', 0):6.1f} s {median('serve', 1):6.1f} s CPU"
    )
    print(f"peak memory (one build):    {peak_kib / 1024:6.0f} MiB")
    print(f"site size:                  {size(out) / 1e6:6.1f} MB")
    print(f"indicator pages:            {len(pages)}")
    if pages:
        print(f"median indicator page:      {statistics.median(pages) / 1e3:6.1f} KB")
    tmp.cleanup()


if __name__ == "__main__":
    main()
