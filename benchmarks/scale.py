"""Scale benchmark: cold builds of synthetic frameworks of growing size.

    make benchmark-scale          (or: .venv/bin/python benchmarks/scale.py)
    .venv/bin/python benchmarks/scale.py --cases 81,300 --runs 3

Cases: ``81``, ``300`` and ``1000`` indicators with about as many figures per indicator
as the real data (a hundred or two), and ``1.4m``: 300 indicators holding 1.4 million
figures between them (breakdowns cross-classified, more measures). The data packages are
made at run time by ``tests/synthetic.py`` (made-up figures, seeded, so every run builds
the same data) and checked by ``npf validate`` as part of each build.

Each build is cold and on its own: it runs the project's own configuration
(``npf.toml``) with the data, output, cache and work folders moved into a scratch
folder (the project's paths are parameters of the build), and those folders are emptied
before every run, so the project's own ``.cache/``, ``build/`` and ``site/`` are never
touched.

For each case it prints, as medians over ``--runs``: wall seconds; CPU seconds (user
and system, of the build and every process it started, from ``wait4``); peak memory
(``ru_maxrss``) of the build process and of the largest process of the build (the
validator and MkDocs run in processes of their own, the validator alongside the build,
so their sum bounds the footprint at any one time; Linux counts a child's memory before
``exec``, so a child is never shown below the build process that started it); and the
wall seconds of each stage (``BuildResult.stages``; "other" is the rest: starting Python,
checks, fingerprints). After the last cold run of a case it changes one figure of one
indicator and builds again ("1 changed"). A build over ``--timeout`` seconds is stopped
and reported with the stage it was in. The machine's load shows in wall time more than in
CPU time; compare CPU seconds between machines.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.synthetic import Size, write_packages  # noqa: E402

CASES = {
    "81": Size(indicators=81),
    "300": Size(indicators=300),
    "1000": Size(indicators=1000),
    "1.4m": Size(indicators=300, rows=1_400_000),
}
STAGE_START = "  "  # the build's stage lines on stderr: "  load ...", "  load: 1.2 s"

RUNNER = """
import json, resource, sys
from dataclasses import replace
from pathlib import Path
from build_scripts.config import load_project
from build_scripts.errors import NpfError
from build_scripts.site import ROOT, build
data, out, scratch = (Path(a) for a in sys.argv[1:4])
project = load_project(ROOT)
paths = replace(
    project.paths, data=data, output=out, cache=scratch / ".cache", work=scratch / "build"
)
try:
    result = build(data, out, progress=True, project=replace(project, paths=paths))
except NpfError as error:
    sys.exit(f"benchmark: the build failed: {error}")
print(json.dumps({
    "seconds": result.seconds,
    "stages": result.stages,
    "pages": result.pages,
    "charts": result.charts,
    "warnings": len(result.warnings),
    "self_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "children_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
}))
"""


@dataclass
class Run:
    wall: float
    cpu: float
    self_mib: float
    peak_mib: float
    pages: int
    charts: int
    stages: dict[str, float] = field(default_factory=dict)


class Stopped(Exception):
    """A build that timed out or failed, with the stage it was in."""


def last_stage(log: str) -> str:
    stages = [
        line.strip().removesuffix(" ...")
        for line in log.splitlines()
        if line.startswith(STAGE_START) and line.endswith(" ...")
    ]
    return stages[-1] if stages else "before the first stage"


def done_stages(log: str) -> str:
    """The stages a build finished, with their seconds, from its stage lines."""
    done = [
        line.strip()
        for line in log.splitlines()
        if line.startswith(STAGE_START) and line.endswith(" s") and ": " in line
    ]
    return ", ".join(done) or "none"


def peak_memory(pid: int) -> str:
    """The peak memory of a build still running (Linux), for a build that is stopped."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return ""
    peak = [line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")]
    return f", peak memory {int(peak[0]) / 1024:.0f} MiB" if peak else ""


def build_once(scratch: Path, data: Path, out: Path, timeout: float) -> Run:
    """One build in a process of its own, measured with wait4 (its children included);
    its caches and work folders are in ``scratch``."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.setdefault("SOURCE_DATE_EPOCH", "1656547200")
    with tempfile.TemporaryFile("w+") as log, tempfile.TemporaryFile("w+") as report:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-c", RUNNER, str(data), str(out), str(scratch)],
            cwd=ROOT,
            env=env,
            stdout=report,
            stderr=log,
            start_new_session=True,
        )
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                peak = peak_memory(process.pid)
                os.killpg(process.pid, signal.SIGKILL)
                _, status, usage = os.wait4(process.pid, 0)
                log.seek(0)
                text = log.read()
                raise Stopped(
                    f"stopped after {timeout:.0f} s (CPU {usage.ru_utime + usage.ru_stime:.0f} s"
                    f"{peak}), in stage {last_stage(text)}; stages done: {done_stages(text)}"
                )
            time.sleep(0.2)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        text = log.read()
        if process.returncode != 0:
            why = "killed (out of memory?)" if process.returncode < 0 else "failed"
            tail = " | ".join(text.strip().splitlines()[-3:])
            raise Stopped(f"{why} in stage {last_stage(text)}: {tail}")
        report.seek(0)
        result = json.loads(report.read().strip().splitlines()[-1])
    return Run(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        self_mib=result["self_kib"] / 1024,
        peak_mib=max(result["self_kib"], result["children_kib"]) / 1024,
        pages=result["pages"],
        charts=result["charts"],
        stages=result["stages"],
    )


def change_one_indicator(data: Path) -> None:
    """Change the latest headline figure of the first published indicator."""
    for path in sorted((data / "indicators").glob("*/*.csv")):
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        headline = [r for r in rows if r["breakdown_type"] == "total" and r["value"]]
        if headline:
            latest = max(headline, key=lambda r: (r["measure"] == "measure-1", r["period_start"]))
            value = float(latest["value"])
            latest["value"] = repr(round(value + 0.1 if value < 99 else value - 0.1, 6))
            if latest["lower"]:
                latest["lower"], latest["upper"] = "", ""
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
            path.write_text(buffer.getvalue(), encoding="utf-8")
            return
    raise SystemExit("benchmark: no indicator with a headline figure")


def clear(scratch: Path, out: Path) -> None:
    for folder in (scratch / ".cache", scratch / "build", out):
        shutil.rmtree(folder, ignore_errors=True)


def median_run(runs: list[Run]) -> Run:
    names = list(dict.fromkeys(name for r in runs for name in r.stages))
    return Run(
        wall=statistics.median(r.wall for r in runs),
        cpu=statistics.median(r.cpu for r in runs),
        self_mib=statistics.median(r.self_mib for r in runs),
        peak_mib=statistics.median(r.peak_mib for r in runs),
        pages=runs[0].pages,
        charts=runs[0].charts,
        stages={n: statistics.median(r.stages.get(n, 0.0) for r in runs) for n in names},
    )


@dataclass
class Case:
    name: str
    size: Size
    figures: int = 0
    generated: float = 0.0
    runs: list[Run] = field(default_factory=list)
    one: Run | None = None
    stopped: str = ""


def print_case(case: Case) -> None:
    """One case, as soon as it is done (the table at the end repeats it)."""
    head = f"{case.name}: {case.figures:,} figures (generated in {case.generated:.1f} s)"
    if case.stopped:
        print(f"{head}: {case.stopped}")
    if case.runs:
        m = median_run(case.runs)
        walls = ", ".join(f"{r.wall:.1f}" for r in case.runs)
        stages = ", ".join(f"{n} {s:.1f}" for n, s in m.stages.items())
        print(f"{head}, {m.pages} pages, {m.charts} charts")
        print(f"  cold, median of {len(case.runs)}: wall {m.wall:.1f} s ({walls})")
        print(f"  CPU {m.cpu:.1f} s")
        print(f"  peak memory: build process {m.self_mib:.0f} MiB, any {m.peak_mib:.0f} MiB")
        print(f"  stages (s): {stages}")
    if case.one is not None:
        print(f"  one indicator changed: wall {case.one.wall:.1f} s, CPU {case.one.cpu:.1f} s")
    sys.stdout.flush()


def print_table(cases: list[Case]) -> None:
    done = [c for c in cases if c.runs]
    stages = list(dict.fromkeys(n for c in done for r in c.runs for n in r.stages))
    header = ["case", "indicators", "figures", "pages", "charts", "runs", "wall s", "CPU s"]
    header += ["peak MiB", *(n.split(" (")[0] for n in stages), "other", "1 changed s"]
    rows = [header]
    for c in done:
        m = median_run(c.runs)
        one = f"{c.one.wall:.1f}" if c.one else "-"
        rows.append(
            [c.name, str(c.size.indicators), f"{c.figures:,}", str(m.pages), str(m.charts)]
            + [str(len(c.runs)), f"{m.wall:.1f}", f"{m.cpu:.1f}", f"{m.peak_mib:.0f}"]
            + [f"{m.stages.get(n, 0.0):.1f}" for n in stages]
            + [f"{m.wall - sum(m.stages.values()):.1f}", one]
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    if done:
        print("\ncold builds (medians; seconds of wall time per stage):")
        for row in rows:
            print("  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)))
    for c in cases:
        if c.stopped:
            print(f"{c.name}: {c.stopped}")


def run_case(case: Case, runs: int, timeout: float, tmp: Path) -> None:
    folder = tmp / f"case-{case.name}"
    data, out = folder / "datapackages", folder / "site"
    started = time.perf_counter()
    case.figures = write_packages(data, case.size)
    case.generated = time.perf_counter() - started
    scratch = folder / "scratch"
    try:
        for _ in range(runs):
            clear(scratch, out)
            case.runs.append(build_once(scratch, data, out, timeout))
        change_one_indicator(data)
        case.one = build_once(scratch, data, out, timeout)
    except Stopped as stop:
        case.stopped = str(stop)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", default=",".join(CASES), help=f"of {', '.join(CASES)}")
    parser.add_argument("--runs", type=int, default=3, help="cold builds per case (median)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per build")
    args = parser.parse_args()
    names = args.cases.split(",")
    unknown = [n for n in names if n not in CASES]
    if unknown:
        parser.error(f"unknown case {', '.join(unknown)}; use of {', '.join(CASES)}")
    cases = [Case(name, CASES[name]) for name in names]
    with tempfile.TemporaryDirectory(prefix="npf-scale-") as tmp:
        for case in cases:
            run_case(case, args.runs, args.timeout, Path(tmp))
            print_case(case)
    print_table(cases)


if __name__ == "__main__":
    main()
