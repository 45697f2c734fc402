"""Downloads benchmark: the downloads of a framework made cold, as a build makes them
(``downloads.MadeAside``: a child process, which shares the work among forked workers
of its own when there is much to make).

    .venv/bin/python benchmarks/downloads.py --cases 300 --runs 3
    NPF_WORKERS=1 .venv/bin/python benchmarks/downloads.py     (one process)

Cases: ``npf``, the repository's own data (``datapackages/``); ``300`` indicators with
about as many figures each as the real data, and ``300x200k``: the same indicators
holding 200,000 figures between them (a smaller version of ``benchmarks/scale.py``'s
``1.4m``, whose workbooks take minutes). The synthetic data is made by
``tests/synthetic.py`` (made-up figures, seeded). For each case it prints, as medians
over ``--runs`` cold runs (the cache emptied before each): wall seconds, CPU seconds
(user and system of the child and every process it waited for, from ``wait4``) and the
peak memory of the largest of them; then the wall and CPU of a warm run (all made: what
a build where nothing changed pays). The machine's load shows in wall time more than in
CPU time.
"""

from __future__ import annotations

import argparse
import inspect
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_scripts.downloads import MadeAside  # noqa: E402
from build_scripts.processes import workers  # noqa: E402
from tests.synthetic import Size, write_packages  # noqa: E402

CASES: dict[str, Size | None] = {
    "npf": None,  # the repository's own data (datapackages/), read where it is
    "300": Size(indicators=300),
    "300x200k": Size(indicators=300, rows=200_000),
}


def made_once(data: Path, cache: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak MiB of one run of the downloads' child."""
    given = {"workers": workers()} if "workers" in inspect.signature(MadeAside).parameters else {}
    started = time.perf_counter()
    with MadeAside(data, cache, "npf", "en", **given) as aside:  # type: ignore[arg-type]
        _, status, usage = os.wait4(aside.process.pid, 0)
        aside.process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if aside.process.returncode != 0:
        sys.exit(f"benchmark: the downloads' child failed ({aside.process.returncode})")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", default="300", help=f"of {', '.join(CASES)}")
    parser.add_argument("--runs", type=int, default=3, help="cold runs per case (median)")
    args = parser.parse_args()
    print(f"workers: {workers()}; load average: {os.getloadavg()}")
    for name in args.cases.split(","):
        with tempfile.TemporaryDirectory(prefix="npf-downloads-") as scratch:
            data, cache = Path(scratch) / "data", Path(scratch) / "cache"
            size = CASES[name]
            if size is None:
                data = ROOT / "datapackages"
            else:
                write_packages(data, size)
            runs = []
            for _ in range(args.runs):
                shutil.rmtree(cache, ignore_errors=True)
                runs.append(made_once(data, cache))
            warm = made_once(data, cache)
        wall, cpu, peak = (statistics.median(r[i] for r in runs) for i in range(3))
        print(
            f"{name}: cold {wall:.1f} s wall, {cpu:.1f} s CPU, {peak:.0f} MiB peak "
            f"(runs: {', '.join(f'{r[0]:.1f}/{r[1]:.1f}' for r in runs)}); "
            f"warm {warm[0]:.2f} s wall, {warm[1]:.2f} s CPU; "
            f"load average {os.getloadavg()[0]:.2f}"
        )


if __name__ == "__main__":
    main()
