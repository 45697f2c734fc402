"""``npf serve``: the built site on localhost, built again whenever its inputs change.

The server answers from a thread of its own while the main thread watches what a build
reads besides the generator itself: the data, the hand-written pages, the maintainers'
guides, ``npf.toml``, the glossary, the release records and the boundaries
(``stamp.shared_inputs``). When they change, the site is built again in this same
process: Python, pandas, Altair and the stages are imported already, so a rebuild costs
what ``npf build`` costs less its start-up (about 1.5 s for the NPF). A build replaces
the site whole or not at all (``site.build``), so the server goes on serving the
previous site while a build runs, and after one fails: the failure is reported as
``npf build`` reports it (file, row and column), and the next change is built again.

Files are watched by their size and modification time, looked at every second; a change
is built once the files have stayed the same for one more look, so a folder being copied
in is not built half-way. The generator's own code (``stamp.GENERATOR_INPUTS``) is not
built again in this process, which would build with the code it started with and keep
what it made under the new code's cache keys: when the code changes, the server says so,
stops building and goes on serving what it has; start ``npf serve`` again.
"""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from build_scripts.config import Project
from build_scripts.digest import paths_under
from build_scripts.stamp import GENERATOR_INPUTS, shared_inputs

INTERVAL = 1.0
"""Seconds between two looks at the inputs."""
CODE_CHANGED = (
    "the generator's code changed (build_scripts/, mkdocs.yml or the search shim): "
    "this server goes on serving the site it built last; start npf serve again to build "
    "with the new code"
)

Snapshot = tuple[tuple[str, int, int], ...]


def snapshot(roots: Iterable[Path]) -> Snapshot:
    """Every file under ``roots`` (a root may be a file, or missing) with its size and
    modification time: what changes when a file is written, added or removed."""
    found: list[tuple[str, int, int]] = []
    for root in roots:
        for path in paths_under(root):
            try:
                stat = path.stat()
            except FileNotFoundError:  # removed while we looked: the next look sees it
                continue
            if path.is_file():
                found.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def watched(data_dir: Path, project: Project) -> tuple[Path, ...]:
    """What a build reads that this process can build again from: the data and the
    project's own files, not the generator's."""
    return (data_dir, *(p for p in shared_inputs(project) if p not in GENERATOR_INPUTS))


def watch(
    data_dir: Path,
    project: Project,
    rebuild: Callable[[], Project],
    *,
    since: Snapshot | None = None,
    say: Callable[[str], None] = print,
    interval: float = INTERVAL,
    stop: threading.Event | None = None,
) -> None:
    """Call ``rebuild`` (which builds the site and returns the project it was built for,
    read again: ``npf.toml`` may have changed what is watched) each time the inputs
    change and settle, until ``stop`` is set (or, without one, until interrupted).
    ``since``: the inputs as the site being served was built from (taken before that
    build began, so that a change made while it ran is built too)."""
    stop = stop or threading.Event()
    code = snapshot(GENERATOR_INPUTS)
    seen = snapshot(watched(data_dir, project)) if since is None else since
    code_changed = False
    while not stop.wait(interval):
        if code_changed:
            continue
        if snapshot(GENERATOR_INPUTS) != code:
            code_changed = True
            say(CODE_CHANGED)
            continue
        now = snapshot(watched(data_dir, project))
        if now == seen or stop.wait(interval):
            continue
        if snapshot(watched(data_dir, project)) != now:
            continue  # still being written: built when it settles
        project = rebuild()
        seen = snapshot(watched(data_dir, project))


def serve(
    site: Path,
    port: int,
    watching: Callable[[], None] | None = None,
    say: Callable[[str], None] = print,
) -> None:
    """Serve ``site`` on 127.0.0.1 at ``port`` (0: any free port, named in the message)
    until interrupted, running ``watching`` (``watch`` with its arguments) meanwhile."""
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        answering = threading.Thread(target=server.serve_forever, daemon=True)
        answering.start()
        address = f"http://127.0.0.1:{server.server_address[1]}/"
        again = ", built again when its data, pages or configuration change" if watching else ""
        say(f"serving {site} at {address}{again} (Ctrl+C to stop)")
        try:
            if watching is not None:
                watching()
            else:
                while True:
                    time.sleep(3600)
        finally:
            server.shutdown()
