"""Build the default site once per test session and serve it to a real browser.

``make test`` runs this folder in one pytest process of its own (not split across
xdist workers), so the site is built once per run.
"""

from __future__ import annotations

import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest

from build_scripts.config import CONFIG_FILE, Project, load_project
from build_scripts.site import BuildResult, build

ROOT = Path(__file__).resolve().parents[2]
# NPF_TEST_DATA points the site tests at another data folder (default: the real data).
DATA = Path(os.environ.get("NPF_TEST_DATA", ROOT / "datapackages"))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PINNED_EPOCH = "1602460800"  # 2020-10-12, the database's publication date
SITE_URL = "https://npf.example.org/"
"""The address the session's site is built for (npf.toml names none: tests set one)."""
DEPLOYED_BY = {
    "NPF_SITE_PUBLISHER": "example-owner",
    "NPF_SITE_CONTACT": "https://github.com/example-owner/npf/issues",
}
"""Who publishes the session's site and its contact, as the deploy workflow names them
(npf.toml names neither)."""


def own_state(folder: Path, site_url: str = "") -> Project:
    """The repository's project with caches and scratch folders of its own under
    ``folder``: a build with it starts cold and shares nothing with other tests.
    ``site_url``: the address it is built for (npf.toml's own by default)."""
    project = load_project(ROOT)
    paths = replace(project.paths, cache=folder / "cache", work=folder / "work")
    if site_url:
        project = replace(project, publishing=replace(project.publishing, site_url=site_url))
    return replace(project, paths=paths)


def project_folder(folder: Path) -> Path:
    """A project folder for the command line (``--project``): the repository's npf.toml
    with its pages, and caches and scratch folders of its own under ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (ROOT / CONFIG_FILE).read_text(encoding="utf-8")
    paths = (
        f'[paths]\ndata = "{ROOT / "datapackages"}"\npages = "{ROOT / "site_src"}"\n'
        f'output = "{folder / "site"}"\ncache = "cache"\nwork = "work"\n'
        f'maintainers = "{ROOT / "docs"}"\n'
    )
    # files the configuration names (the boundaries) stay the repository's
    text = re.sub(r'(boundaries = ")(?!/)', rf"\g<1>{ROOT}/", text)
    (folder / CONFIG_FILE).write_text(re.sub(r"\[paths\].*", paths, text, flags=re.S))
    return folder


@pytest.fixture
def no_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the build gets as far as its first stage (load)."""
    from build_scripts import site as site_module

    def never(*args: object) -> None:
        raise AssertionError("a stage ran")

    monkeypatch.setattr(site_module, "prepare_stages", never)


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    for variable, value in DEPLOYED_BY.items():
        mp.setenv(variable, value)
    out = tmp_path_factory.mktemp("site") / "site"
    try:
        result = build(DATA, out, progress=False, project=own_state(out.parent, SITE_URL))
    finally:
        mp.undo()
    return out, result


@pytest.fixture(scope="session")
def site(site_build: tuple[Path, BuildResult]) -> Path:
    return site_build[0]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    handler = partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.fail("Debian's chromium is not installed: run `make chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()
