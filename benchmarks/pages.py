"""What the weight and Lighthouse benchmarks share: the built site's pages by kind, gzip
sizes, and the site served over http on loopback (as a reader's browser would fetch it).
"""

from __future__ import annotations

import gzip
import http.server
import os
import statistics
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
PINNED_EPOCH = "1602460800"  # 2020-10-12, the database's publication date

# Page kinds and the folder of the site their pages are in ("" for the home page).
KINDS = {
    "home": "",
    "outcome": "outcomes",
    "indicator": "indicators",
    "area": "areas",
    "characteristic": "equality",
    "evidence": "evidence",
}


def gzipped(data: bytes) -> int:
    """Bytes of ``data`` gzip-compressed at level 6 (web servers' usual level), with no
    file name or time in the header, so the same bytes always give the same size."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


@dataclass(frozen=True)
class Page:
    kind: str
    path: str  # in the site, "indicators/x.html"
    gzip: int  # the page's own HTML, gzipped


def pages_of_kind(site: Path, kind: str) -> list[Page]:
    """The built pages of ``kind``, smallest first (by their gzipped HTML; ties by path).
    A folder's index.html is a list of the pages, not a page of the kind."""
    folder = KINDS[kind]
    if not folder:
        files = [site / "index.html"]
    else:
        files = [p for p in (site / folder).glob("*.html") if p.name != "index.html"]
    found = [Page(kind, f.relative_to(site).as_posix(), gzipped(f.read_bytes())) for f in files]
    return sorted(found, key=lambda p: (p.gzip, p.path))


def median_page(pages: list[Page]) -> Page:
    """The page of median size (the lower middle one of an even number)."""
    if not pages:
        raise ValueError("no pages")
    middle = statistics.median_low(p.gzip for p in pages)
    return next(p for p in pages if p.gzip == middle)


def npf_build(data: Path, out: Path, env: dict[str, str] | None = None) -> None:
    """``npf build --quiet`` of ``data`` into ``out``, as a child process."""
    command = ["build", "--quiet", "--data", str(data), "--out", str(out)]
    subprocess.run(
        [sys.executable, "-m", "build_scripts", *command],
        cwd=ROOT,
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )


def build_site(out: Path) -> Path:
    """Build the default site (the repository's data) into ``out``."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", PINNED_EPOCH)}
    npf_build(ROOT / "datapackages", out, env)
    return out


COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv")


class _Gzipping(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a web server would: text files gzipped (at level 6) when the
    browser accepts it, so Lighthouse sees the bytes a reader would download."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if (
            not path.is_file()
            or not path.name.endswith(COMPRESSED)
            or "gzip" not in self.headers.get("Accept-Encoding", "")
        ):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """The site served on loopback, gzipped as a web server would; yields its base URL
    (no trailing slash)."""
    handler = partial(_Gzipping, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
