"""The command line: ``npf import``, ``npf validate``, ``npf build``, ``npf release``,
``npf serve``.

A thin layer: parse arguments, call the library, print. ``NpfError`` (and any refusal of
the system: permissions, a full disk) is printed here, once, without a traceback, and the
exit code is 1. SIGTERM and SIGHUP stop a command as Ctrl+C does: cleanly, exit 130.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from build_scripts.config import CONFIG_FILE, load_project
from build_scripts.errors import NpfError
from build_scripts.processes import stop_on_signals
from build_scripts.stamp import UP_TO_DATE, is_current

DEFAULT_DATA = Path("datapackages")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="npf",
        description="Build the open-data site of an outcomes framework (npf.toml says which).",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("import", help="turn the published source files into datapackages/")
    p.add_argument("--source", type=Path, required=True, help="the source-data folder")
    p.add_argument("--out", type=Path, default=DEFAULT_DATA, help="default: datapackages")

    p = sub.add_parser("validate", help="check data packages; exit 1 on any problem")
    p.add_argument("path", type=Path, nargs="?", default=DEFAULT_DATA)
    p.add_argument("--max-problems", type=int, default=50, help="how many to print")
    p.add_argument(
        "--json", action="store_true", help="print the report as JSON on standard output"
    )
    p.add_argument(
        "--project",
        type=Path,
        help=f"the project folder, holding {CONFIG_FILE} (default: the generator's own)",
    )

    p = sub.add_parser("build", help="validate, analyse and build the site into site/")
    _project_arguments(p)
    p.add_argument("--quiet", action="store_true", help="no progress display")

    p = sub.add_parser(
        "release",
        help="record a release in releases/VERSION/, build the site, zip it into dist/",
    )
    p.add_argument("version", help="the new version: 2026.1 (year.number) or 1.4.0")
    p.add_argument("--date", help="the release's date, YYYY-MM-DD (default: today)")
    _project_arguments(p)
    p.add_argument("--quiet", action="store_true", help="no progress display")

    p = sub.add_parser("serve", help="build, then serve site/ on localhost")
    _project_arguments(p)
    p.add_argument("--port", type=int, default=8000)
    return parser


def _project_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--project",
        type=Path,
        default=Path("."),
        help=f"the project folder, holding {CONFIG_FILE} (default: the current folder)",
    )
    p.add_argument("--data", type=Path, help="default: the project's [paths] data")
    p.add_argument("--out", type=Path, help="default: the project's [paths] output")


def _run(args: argparse.Namespace) -> int:
    if args.command == "import":
        from build_scripts.importers import run_import

        started = time.perf_counter()
        summary = run_import(args.source, args.out)
        print(f"{summary} in {time.perf_counter() - started:.1f} s")
        return 0
    if args.command == "validate":
        from build_scripts.validate import validate_path

        started = time.perf_counter()
        project = load_project(args.project) if args.project else None
        report = validate_path(args.path, project=project)
        seconds = time.perf_counter() - started
        if args.json:
            print(json.dumps(report.to_dict(), indent=2))
            return 0 if report.valid else 1
        if not report.valid:
            print(report.format(cap=args.max_problems), file=sys.stderr)
            return 1
        n, rows = report.packages, report.rows
        print(
            f"valid: {n} package{'' if n == 1 else 's'}, "
            f"{rows} row{'' if rows == 1 else 's'} checked in {seconds:.1f} s"
        )
        return 0
    if args.command == "release":
        from build_scripts.release import release

        project = load_project(args.project)
        made, zipped = release(
            args.version,
            project,
            when=args.date,
            data_dir=args.data,
            out=args.out,
            progress=not args.quiet,
        )
        print(f"released {made.version} ({made.date}): recorded in {made.folder}; site in {zipped}")
        return 0
    if args.command in ("build", "serve"):
        started = time.perf_counter()
        project = load_project(args.project)
        data = args.data or project.paths.data
        args.out = args.out or project.paths.output
        if args.command == "build" and is_current(data, args.out, project):
            # Answered before the stages are imported (see ``stamp``).
            print(UP_TO_DATE.format(seconds=time.perf_counter() - started))
            return 0
        from build_scripts.site import build, serve

        quiet = getattr(args, "quiet", False)
        result = build(data, args.out, progress=not quiet, project=project)
        print(result.summary())
        if args.command == "serve":
            args.serving = True
            serve(args.out, args.port)
        return 0
    raise AssertionError(f"unknown command {args.command}")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        with stop_on_signals():
            return _run(args)
    except NpfError as error:
        if error.problems:
            from build_scripts.problems import Report

            print(Report(problems=error.problems).format(), file=sys.stderr)
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    except OSError as error:
        # The system said no (permissions, a full disk, a path that is not there):
        # the file and the reason, once, and nothing was published.
        print(f"error: {_describe(error)}; nothing was published", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        if getattr(args, "serving", False):
            # The site was built and published before serving began: stopping the
            # server is the normal way to end ``npf serve``, not a failure.
            print("stopped serving; the site is as it was built", file=sys.stderr)
            return 0
        print("interrupted: nothing was published, the output is as it was", file=sys.stderr)
        return 130


def _describe(error: OSError) -> str:
    reason = error.strerror or str(error)
    names = [str(n) for n in (error.filename, error.filename2) if n is not None]
    return f"{' -> '.join(names)}: {reason}" if names else reason


if __name__ == "__main__":
    raise SystemExit(main())
