"""One whole small site against its golden copy (``tests/golden/site/``): the fixture
framework ``tests/fixtures/packages/valid`` built as ``npf build`` does, into
``tmp_path`` with caches of its own, and compared as readable text:

- ``files.txt``: every file of the site; for charts and downloads, the hash of its bytes
  (so a change in a zip, workbook or SVG shows, and determinism is held to the copy);
- ``pages/<page>.txt``: the main content (the ``<article>``) of every HTML page, with
  the Vega-Lite specs left out (they are ``tests/charts``' business);
- ``downloads/<name>``: the text of each CSV download; ``zips.txt``: the entries of each
  zip and workbook with their times and permissions.

The build date is pinned (``SOURCE_DATE_EPOCH``). The search index and Material's own
assets are listed, not compared: they are MkDocs' output, not ours. The maintainers'
guides (the repository's ``docs/`` as written) are left out but for their index. After an intended
change: ``make golden``, then review ``git diff tests/golden/site``.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

import pytest

from build_scripts.site import build
from tests.golden_files import check_tree
from tests.site.conftest import PINNED_EPOCH, ROOT, own_state

FIXTURE = ROOT / "tests" / "fixtures" / "packages" / "valid"
GOLDEN = ROOT / "tests" / "golden" / "site"
HASHED = ("charts/", "data/")
# The maintainers' guides are left out but for their index: they are the repository's
# docs/, as written (tests/pages/test_guides.py checks how they are published).
GUIDES = "maintainers/"
SPEC = re.compile(r'(<script type="application/json" class="vega-spec">).*?(</script>)', re.S)
ARTICLE = re.compile(r"<article[^>]*>(.*?)</article>", re.S)
# an embed page (``embed``) is no MkDocs page: its content is its <main>
MAIN = re.compile(r"<main[^>]*>(.*?)</main>", re.S)


def _article(html: str, content: re.Pattern[str] = ARTICLE) -> str:
    found = content.search(html)
    assert found, "a page without its <article> (or an embed page without its <main>)"
    body = SPEC.sub(r"\1...\2", found.group(1))
    lines = [line.rstrip() for line in body.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines).strip("\n")) + "\n"


def _entries(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return "".join(
            f"{path.name}: {i.filename} {i.file_size} bytes {i.date_time} "
            f"{oct(i.external_attr >> 16)}\n"
            for i in zf.infolist()
        )


def snapshot(site: Path) -> dict[str, str]:
    """The site as the text files of its golden copy."""
    files = sorted(p for p in site.rglob("*") if p.is_file())
    listing, zips = [], []
    out: dict[str, str] = {}
    for path in files:
        name = path.relative_to(site).as_posix()
        if name.startswith(GUIDES) and name != GUIDES + "index.html":
            continue  # one file per guide in docs/: listed by tests/pages/test_guides.py
        if name.startswith(HASHED):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
            listing.append(f"{name} {digest}\n")
        else:
            listing.append(f"{name}\n")
        if name.endswith(".html") and not name.startswith(GUIDES):
            content = MAIN if name.startswith("embed/") else ARTICLE
            out[f"pages/{name.removesuffix('.html')}.txt"] = _article(
                path.read_text("utf-8"), content
            )
        elif name.startswith("data/") and name.endswith(".csv"):
            out[f"downloads/{name.removeprefix('data/')}"] = path.read_text("utf-8")
        elif name.startswith("data/") and name.endswith((".zip", ".xlsx")):
            zips.append(_entries(path))
    out["files.txt"] = "".join(listing)
    out["zips.txt"] = "".join(zips)
    return out


@pytest.mark.golden
def test_the_small_site_equals_its_golden_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    out = tmp_path / "site"
    result = build(FIXTURE, out, progress=False, project=own_state(tmp_path))
    assert result.warnings == []
    got = snapshot(out)
    assert {"index", "indicators/healthy-life-expectancy", "areas/index", "data/index"} <= {
        name.removeprefix("pages/").removesuffix(".txt") for name in got
    }
    check_tree(GOLDEN, got)
