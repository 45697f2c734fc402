"""The command line: ``npf import``, ``npf validate``, ``npf build``, ``npf release``,
``npf serve``, ``npf diff``, ``npf links``; ``npf export-xlsx`` and ``npf import-xlsx``
(figures in a workbook), ``npf new-indicator``.

A thin layer: parse arguments, call the library, print. ``NpfError`` (and any refusal of
the system: permissions, a full disk) is printed here, once, without a traceback, and the
exit code is 1. SIGTERM and SIGHUP stop a command as Ctrl+C does: cleanly, exit 130.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from build_scripts.config import CONFIG_FILE, Project, load_project
from build_scripts.errors import NpfError
from build_scripts.processes import stop_on_signals
from build_scripts.stamp import UP_TO_DATE, is_current

if TYPE_CHECKING:
    from build_scripts.serve import Snapshot

DEFAULT_DATA = Path("datapackages")
SERVED_ON = "the site built last is still being served; fix the input and save it again"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="npf",
        description="Build the open-data site of an outcomes framework (npf.toml says which).",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser(
        "import",
        help="turn a framework's published source files into data packages",
        description="Read a folder of source files in one format (--from) and write its "
        "data packages (--out), all or nothing. Prints how many figures were left out, "
        "by reason; --report FILE writes each of them with its file and row.",
    )
    p.add_argument(
        "--from",
        dest="format",
        default="npf-database",
        metavar="FORMAT",
        help="the format of the source: npf-database (default), open-sdg or statistics-gov-scot",
    )
    p.add_argument("--source", type=Path, required=True, help="the folder of source files")
    p.add_argument("--out", type=Path, help="default: the project's [paths] data (datapackages)")
    p.add_argument(
        "--project",
        type=Path,
        help=f"the project folder, holding {CONFIG_FILE}: the packages' licence and property "
        "prefix, and where they go (default: the generator's own)",
    )
    p.add_argument(
        "--report",
        type=Path,
        help="write every figure left out, with its reason, file and row: CSV, or JSON "
        "when the name ends .json",
    )
    p.add_argument(
        "--translations",
        type=Path,
        help="open-sdg: a folder of translation files (translations/en/*.yml); default: "
        "the source's translations/, else the project's",
    )
    p.add_argument(
        "--mapping",
        type=Path,
        help="statistics-gov-scot: the mapping file saying which cube feeds which indicator "
        "(default: statistics-gov-scot.toml in the source folder)",
    )
    p.add_argument(
        "--data",
        type=Path,
        help="statistics-gov-scot: the data packages the cubes' figures are added to "
        "(default: the current content of --out)",
    )

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

    p = sub.add_parser(
        "serve",
        help="build, then serve site/ on localhost, built again when the data, pages or "
        "configuration change",
    )
    _project_arguments(p)
    p.add_argument("--port", type=int, default=8000, help="0: any free port")
    p.add_argument("--no-watch", action="store_true", help="serve the site as built, never again")
    p.add_argument("--quiet", action="store_true", help="no progress display")

    p = sub.add_parser(
        "diff",
        help="what changed between two versions of the data (exit 0 either way)",
        description="Compare two versions of the data: each a data folder, a git revision "
        "of the repository or a release zip (data/all.zip of a built site).",
    )
    p.add_argument("old", help="a data folder, a git revision or a release zip")
    p.add_argument("new", help="a data folder, a git revision or a release zip")
    p.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    p.add_argument(
        "--limit", type=int, default=50, help="rows of each kind of change shown (0: all)"
    )
    p.add_argument(
        "--exit-code",
        action="store_true",
        help="exit 1 when there are changes, as `git diff --exit-code` does",
    )
    p.add_argument(
        "--project",
        type=Path,
        default=Path("."),
        help=f"the project folder, holding {CONFIG_FILE} (default: the current folder)",
    )
    p.add_argument("--data", type=Path, help="a revision's data folder (default: [paths] data)")
    p.add_argument(
        "--no-validate",
        action="store_true",
        help="load without validating (an older revision that today's rules refuse)",
    )

    p = sub.add_parser(
        "links",
        help="list the source addresses the data cites; check them, or a site's own links",
        description="Without options, list every web address the data cites. --check asks "
        "each whether it answers; --site checks, offline, that every link inside a built "
        "site reaches a file. Exit 1 when a check finds a problem.",
    )
    p.add_argument("--site", type=Path, help="a built site whose own links to check")
    p.add_argument("--check", action="store_true", help="ask each source address (network)")
    p.add_argument("--timeout", type=float, default=20.0, help="seconds per request")
    p.add_argument("--format", choices=("text", "markdown"), default="text")
    _project_arguments(p)

    p = sub.add_parser(
        "export-xlsx", help="write a workbook template of an indicator's figures, to edit"
    )
    p.add_argument("slug", help="the indicator's slug (its folder in datapackages/indicators)")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="default: datapackages")
    p.add_argument("--out", type=Path, help="the workbook to write (default: SLUG.xlsx)")

    p = sub.add_parser(
        "import-xlsx",
        help="read a workbook made by export-xlsx back into its data package, if all is valid",
    )
    p.add_argument("file", type=Path, help="the workbook (.xlsx)")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="default: datapackages")
    _new_indicator(sub)
    return parser


def _new_indicator(sub: Any) -> None:
    from build_scripts.contract import DIRECTIONS

    p = sub.add_parser(
        "new-indicator",
        help="add an indicator, in development and with no figure, that validates at once",
    )
    p.add_argument("slug", help="its slug: lower case words joined by -, its page's name")
    p.add_argument("--title", required=True, help="the indicator's name")
    p.add_argument(
        "--outcome", required=True, action="append", help="an outcome's slug (repeat for two)"
    )
    p.add_argument(
        "--target",
        action="append",
        default=[],
        help="in a framework with targets, a target's slug (repeat for more)",
    )
    p.add_argument("--code", default="", help="its code, where the framework numbers them")
    p.add_argument("--measure", required=True, help="the headline measure's slug")
    p.add_argument("--measure-title", required=True, help="the headline measure's name")
    p.add_argument("--measure-description", default="", help="what the figure measures")
    p.add_argument("--unit", required=True, help="a unit of framework/units.csv")
    p.add_argument("--direction", required=True, choices=DIRECTIONS)
    p.add_argument("--decimals", type=int, default=1, help="places figures are shown with")
    p.add_argument("--criteria", help="the criteria for change, as JSON (docs/statuses.md)")
    p.add_argument("--criteria-note", default="", help="the criteria as published, in words")
    p.add_argument("--source-id", help="the slug of the source of its figures")
    p.add_argument("--source-title", help="the source's title")
    p.add_argument("--source-publisher", default="", help="who publishes it")
    p.add_argument("--source-url", default="", help="where it is published")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="default: datapackages")


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
        return _import(args)
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
        from build_scripts.site import build

        quiet = getattr(args, "quiet", False)
        before: Snapshot = ()
        if args.command == "serve":
            from build_scripts.serve import snapshot, watched

            # What npf serve's first build reads, looked at before it begins: a change
            # made while it runs is then built again.
            before = snapshot(watched(data, project))
        result = build(data, args.out, progress=not quiet, project=project)
        print(result.summary(), flush=True)
        if args.command == "serve":
            args.serving = True
            _serve(args, data, project, before)
        return 0
    if args.command == "diff":
        from build_scripts.diff import diff, render

        project = load_project(args.project)
        changes = diff(args.old, args.new, project, data=args.data, validate=not args.no_validate)
        sys.stdout.write(render(changes, args.format, args.limit))
        return 1 if args.exit_code and not changes.empty else 0
    if args.command == "links":
        return _links(args)
    if args.command == "export-xlsx":
        from build_scripts.xlsx import write_workbook

        print(write_workbook(args.data, args.slug, args.out).summary())
        return 0
    if args.command == "import-xlsx":
        from build_scripts.xlsx import import_workbook

        print(import_workbook(args.file, args.data).summary())
        return 0
    if args.command == "new-indicator":
        from build_scripts.scaffold import new_indicator

        print(new_indicator(args.data, _scaffold_request(args)).summary())
        return 0
    raise AssertionError(f"unknown command {args.command}")


def _serve(args: argparse.Namespace, data: Path, project: Project, built: Snapshot) -> None:
    """Serve the built site; unless ``--no-watch``, build it again in this process when
    its inputs change, reporting a failed build as ``main`` does and serving on."""
    from build_scripts.serve import serve, watch
    from build_scripts.site import build

    say = partial(print, flush=True)

    def rebuild() -> Project:
        nonlocal project
        try:
            project = load_project(args.project)
            say(build(data, args.out, progress=not args.quiet, project=project).summary())
        except (NpfError, OSError) as error:
            _report(error)
            print(SERVED_ON, file=sys.stderr, flush=True)
        return project

    watching = None
    if not args.no_watch:
        watching = partial(watch, data, project, rebuild, since=built, say=say)
    serve(args.out, args.port, watching, say=say)


def _import(args: argparse.Namespace) -> int:
    from build_scripts.importers import ImportOptions, import_source

    started = time.perf_counter()
    # The import makes the boundary files the project names: they need not exist yet.
    project = load_project(args.project, files=False) if args.project else None
    out = args.out or (project.paths.data if project else DEFAULT_DATA)
    options = ImportOptions(translations=args.translations, mapping=args.mapping, data=args.data)
    result = import_source(args.source, out, args.format, project, options)
    print(f"{result.summary} in {time.perf_counter() - started:.1f} s")
    for note in result.notes:
        print(f"  note: {note}")
    if args.report is not None:
        result.report.write(args.report)
        print(f"the {len(result.report.skips)} figures left out, with why: {args.report}")
    elif result.report.skips:
        print("(pass --report FILE to write each with its file and row)")
    return 0


def _links(args: argparse.Namespace) -> int:
    from build_scripts import links

    if args.site is not None:
        if not args.site.is_dir():
            raise NpfError(f"{args.site}: no such folder; build the site first (make site)")
        broken = links.broken_links(args.site)
        sys.stdout.write(links.site_report(args.site, broken, args.format))
        return 1 if broken else 0
    project = load_project(args.project)
    found = links.source_links(args.data or project.paths.data, project)
    if not args.check:
        sys.stdout.write(links.listing(found))
        return 0
    failures = links.check_links(found, timeout=args.timeout)
    sys.stdout.write(links.sources_report(found, failures, args.format))
    return 1 if failures else 0


def _scaffold_request(args: argparse.Namespace) -> Any:
    from build_scripts.scaffold import NewIndicator, Source

    criteria = None
    if args.criteria is not None:
        try:
            criteria = json.loads(args.criteria)
        except json.JSONDecodeError as error:
            raise NpfError(f"--criteria is not JSON: {error.msg}") from None
    source = None
    if args.source_id or args.source_title:
        if not (args.source_id and args.source_title):
            raise NpfError("give both --source-id and --source-title, or neither")
        source = Source(args.source_id, args.source_title, args.source_publisher, args.source_url)
    return NewIndicator(
        slug=args.slug,
        title=args.title,
        outcomes=tuple(args.outcome),
        measure=args.measure,
        measure_title=args.measure_title,
        unit=args.unit,
        direction=args.direction,
        decimals=args.decimals,
        description=args.measure_description,
        criteria=criteria,
        criteria_note=args.criteria_note,
        source=source,
        targets=tuple(args.target),
        code=args.code,
    )


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        with stop_on_signals():
            return _run(args)
    except (NpfError, OSError) as error:
        _report(error)
        return 1
    except KeyboardInterrupt:
        if getattr(args, "serving", False):
            # The site was built and published before serving began: stopping the
            # server is the normal way to end ``npf serve``, not a failure.
            print("stopped serving; the site is as it was built", file=sys.stderr)
            return 0
        print("interrupted: nothing was published, the output is as it was", file=sys.stderr)
        return 130


def _report(error: NpfError | OSError) -> None:
    """The one user-facing report of a failure: located problems, then what failed."""
    if isinstance(error, NpfError):
        if error.problems:
            from build_scripts.problems import Report

            print(Report(problems=error.problems).format(), file=sys.stderr)
        print(f"error: {error.message}", file=sys.stderr, flush=True)
    else:
        # The system said no (permissions, a full disk, a path that is not there):
        # the file and the reason, once, and nothing was published.
        print(f"error: {_describe(error)}; nothing was published", file=sys.stderr, flush=True)


def _describe(error: OSError) -> str:
    reason = error.strerror or str(error)
    names = [str(n) for n in (error.filename, error.filename2) if n is not None]
    return f"{' -> '.join(names)}: {reason}" if names else reason


if __name__ == "__main__":
    raise SystemExit(main())
