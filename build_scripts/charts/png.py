"""PNG images of the charts, made from their SVGs: a download for people who paste
charts into documents and slides, and, for a headline chart, the image its page shows
when it is shared (``og:image``).

Every chart a page shows as a figure has one; sparklines, which are not figures, have
none. A PNG costs about 18 ms at 2x (vl-convert's ``svg_to_png``, with the fonts the
SVGs were measured with) and weighs about 150 KB: for the NPF's 622 charts, about 11 s
of CPU and 90 MB, paid once (cold). ``render.render_all`` makes each chart's PNG right
after its SVG, from the SVG's text in memory, in the same process (one of a pool's
workers in a cold build); ``ensure_pngs`` then makes any that are still missing. Each
PNG is cached under the name of the SVG it is made from (the SVG's own cache key: the
spec and the renderer's versions), so an unchanged chart costs a file check.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from build_scripts.charts.model import Chart

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


def png_bytes(svg: str) -> bytes:
    """The PNG of the SVG text ``svg``."""
    from build_scripts.charts.render import converter

    return bytes(converter().svg_to_png(svg, scale=SCALE))


def make_png(svg: Path, target: Path) -> None:
    """Render the SVG file ``svg`` to ``target`` (written under a temporary name, then
    renamed)."""
    from build_scripts.charts.render import write_atomically

    write_atomically(target, png_bytes(svg.read_text(encoding="utf-8")))


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
