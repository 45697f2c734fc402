"""``npf links``: a site's own links checked offline, the sources' addresses listed from
the data and checked against a server on this machine (never the network)."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from build_scripts.cli import main
from build_scripts.config import default_project
from build_scripts.links import (
    SourceLink,
    broken_links,
    check_link,
    check_links,
    site_report,
    source_links,
    sources_report,
)
from tests.synthetic import SOURCE, Size, write_packages


def test_links_inside_a_site_reach_files_or_are_reported(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "indicators").mkdir(parents=True)
    (site / "data").mkdir()
    (site / "data" / "all.zip").write_bytes(b"zip")
    (site / "index.html").write_text(
        '<a href="indicators/one.html#latest">one</a> <a href="#top">top</a>'
        '<a href="https://example.org/">elsewhere</a> <a href="mailto:a@example.org">mail</a>'
        '<img src="missing.png" alt=""> <a href="data/">data</a>',
        encoding="utf-8",
    )
    (site / "data" / "index.html").write_text('<a href="all.zip">all</a>', encoding="utf-8")
    (site / "indicators" / "one.html").write_text(
        '<a href="../index.html">home</a> <a href="two.html">two</a>'
        '<link rel="stylesheet" href="../assets/site.css">',
        encoding="utf-8",
    )
    broken = broken_links(site)
    assert [(b.page, b.target) for b in broken] == [
        ("index.html", "missing.png"),
        ("indicators/one.html", "two.html"),
        ("indicators/one.html", "../assets/site.css"),
    ]
    report = site_report(site, broken, "markdown")
    assert "3 links inside the site reach no file:" in report
    assert "| indicators/one.html | two.html |" in report
    (site / "missing.png").write_bytes(b"png")
    (site / "indicators" / "two.html").write_text("", encoding="utf-8")
    (site / "assets").mkdir()
    (site / "assets" / "site.css").write_text("", encoding="utf-8")
    assert broken_links(site) == []
    assert site_report(site, [], "text").startswith("Every link inside the site reaches a file")


def test_the_command_checks_a_site_and_exits_1_on_a_broken_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<a href="gone.html">gone</a>', encoding="utf-8")
    assert main(["links", "--site", str(site)]) == 1
    assert "index.html: gone.html" in capsys.readouterr().out
    (site / "gone.html").write_text("", encoding="utf-8")
    assert main(["links", "--site", str(site), "--format", "markdown"]) == 0
    assert capsys.readouterr().out.startswith("## Links inside the site")
    assert main(["links", "--site", str(tmp_path / "nowhere")]) == 1
    assert "no such folder" in capsys.readouterr().err


def test_source_addresses_are_listed_from_the_data_once_with_who_cites_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "datapackages"
    write_packages(data, Size(indicators=3, outcomes=1, areas=2))
    for slug, url in (
        ("indicator-1", "https://example.org/release"),
        ("indicator-2", "https://example.org/release"),
        ("indicator-3", "ftp://example.org/not-the-web"),
    ):
        path = data / "indicators" / slug / "datapackage.json"
        descriptor = json.loads(path.read_text(encoding="utf-8"))
        descriptor["sources"] = [{**SOURCE, "url": url}]
        path.write_text(json.dumps(descriptor), encoding="utf-8")
    links = source_links(data, default_project())
    assert links == [SourceLink("https://example.org/release", ("indicator-1", "indicator-2"))]
    assert main(["links", "--data", str(data)]) == 0
    assert capsys.readouterr().out == (
        "https://example.org/release  (indicator-1 and indicator-2)\n"
    )


class _Handler(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[tuple[str, str, str]]] = []

    def _answer(self) -> None:
        _Handler.seen.append((self.command, self.path, self.headers.get("User-Agent", "")))
        if self.path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
        elif self.path == "/gone":
            self.send_response(404)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        else:
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Handler.seen.clear()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_sources_are_checked_politely_head_first(server: str) -> None:
    assert check_link(f"{server}/ok", timeout=5) is None
    assert check_link(f"{server}/moved", timeout=5) is None
    assert check_link(f"{server}/no-head", timeout=5) is None
    assert check_link(f"{server}/gone", timeout=5) == "HTTP 404"
    methods = [(m, p) for m, p, _ in _Handler.seen]
    # the redirect is followed (urllib asks the new address with GET)
    assert [p for _, p in methods[:3]] == ["/ok", "/moved", "/ok"]
    assert methods[:2] == [("HEAD", "/ok"), ("HEAD", "/moved")]
    assert ("HEAD", "/no-head") in methods and ("GET", "/no-head") in methods
    assert all(agent.startswith("npf-link-check/") for _, _, agent in _Handler.seen)


def test_a_failed_source_is_reported_with_who_cites_it(server: str) -> None:
    links = [
        SourceLink(f"{server}/ok", ("indicator-1",)),
        SourceLink(f"{server}/gone", ("a", "b", "c", "d", "e")),
        SourceLink("http://127.0.0.1:9/closed", ("indicator-2",)),
    ]
    failures = check_links(links, timeout=5, pause=0)
    assert [(f.link.url.rsplit("/", 1)[1], f.reason[:8]) for f in failures] == [
        ("gone", "HTTP 404"),
        ("closed", "no answe"),
    ]
    report = sources_report(links, failures, "markdown")
    assert "2 of 3 source addresses did not answer with a success:" in report
    assert "| HTTP 404 | a, b, c, and 2 more |" in report
    assert sources_report(links[:1], [], "text") == "All 1 source address answered.\n"
