"""PNG images of the charts, made from their cached SVGs: a download for people who
paste charts into documents and slides, and, for a headline chart, the image its page
shows when it is shared (``og:image``).

Every chart a page shows as a figure has one; sparklines, which are not figures, have
none. A PNG costs about 24 ms at 2x (vl-convert's ``svg_to_png``, with the fonts the
SVGs were measured with) and weighs about 150 KB: for the NPF's 622 charts, about 15 s
of CPU and 90 MB, paid once (cold) and made in a child process (``MadeAside``) while
this one writes the pages; ``ensure_pngs`` then makes any the child did not. Each PNG is
cached under the name of the SVG it is made from (the SVG's own cache key: the spec and
the renderer's versions), so an unchanged chart costs a file check.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from build_scripts.charts.model import Chart
from build_scripts.processes import Child

SCALE = 2
"""Pixels per SVG pixel: sharp on high-density screens and in shared previews."""
FORMAT = "png 1"
"""Part of each PNG's name: change it when the way PNGs are made changes."""


def wants_png(chart: Chart) -> bool:
    """Whether ``chart`` has a PNG: every chart but a sparkline (a trend beside a name,
    not a figure to take away)."""
    return chart.kind != "sparkline"


def png_path(cache: Path, svg: Path) -> Path:
    """Where the PNG of the cached ``svg`` is kept in ``cache``."""
    stem = f"{svg.stem}-{FORMAT.replace(' ', '')}-x{SCALE}"
    return cache / svg.stem[:2] / f"{stem}.png"


def make_png(svg: Path, target: Path) -> None:
    """Render ``svg`` to ``target`` (written under a temporary name, then renamed)."""
    from build_scripts.charts.render import converter

    data = converter().svg_to_png(svg.read_text(encoding="utf-8"), scale=SCALE)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(bytes(data))
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)


def ensure_pngs(svgs: Iterable[Path], cache: Path) -> dict[Path, Path]:
    """The PNG of each SVG, made if it is not in ``cache`` yet: ``{svg: png}``."""
    made = {}
    for svg in svgs:
        target = png_path(cache, svg)
        if not target.is_file():
            make_png(svg, target)
        made[svg] = target
    return made


def png_sources(charts: Iterable[Chart], svg_files: Mapping[str, Path]) -> dict[str, Path]:
    """The cached SVG of each chart that has a PNG, by chart id."""
    return {c.id: svg_files[c.id] for c in charts if wants_png(c) and c.id in svg_files}


class MadeAside(Child):
    """``ensure_pngs`` in a child process; ``wait`` before ``ensure_pngs`` here, which
    then finds them made (and makes any the child did not)."""

    def __init__(self, svgs: Iterable[Path], cache: Path, work: Path) -> None:
        work.mkdir(parents=True, exist_ok=True)
        fd, listing = tempfile.mkstemp(dir=work, prefix="pngs-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump([str(p) for p in svgs], f)
        self.listing = Path(listing)
        super().__init__(__name__, listing, str(cache), output=False)

    def wait(self) -> None:
        self.process.wait()

    def stop(self) -> None:
        super().stop()
        self.listing.unlink(missing_ok=True)


if __name__ == "__main__":
    listing, cache = sys.argv[1:]
    ensure_pngs(
        [Path(p) for p in json.loads(Path(listing).read_text(encoding="utf-8"))], Path(cache)
    )
