"""The JavaScript the site serves itself for interactive charts: no CDN, no npm.

``vega.js`` is the Vega, Vega-Lite and vega-embed bundle that vl-convert ships
(``javascript_bundle()``), wrapped in a function so its top-level names stay private; it
sets ``window.vegaEmbed`` and ``window.vegaLite``. ``charts.js`` (this
folder) finds each chart's inline spec and draws it; ``choice.js`` (this folder) makes
the chart a reader chooses on indicator pages, drawn by ``charts.js``.
``boundaries/<type>.js`` is the site's copy of a geography's boundary file, which
``charts.js`` loads for a map.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from build_scripts.boundaries import BoundaryFile
from build_scripts.charts.render import VL_VERSION, converter, converter_version

BUNDLE_NAME = "vega.js"
SCRIPT_NAME = "charts.js"
CHOICE_NAME = "choice.js"
# The globals charts.js uses. (vl-convert 1.9's bundle binds ``vega`` to null, so it is
# not exported; charts.js needs only vegaEmbed.)
EXPORTS = "window.vegaEmbed = vegaEmbed; window.vegaLite = vegaLite;"


def charts_script(name: str = SCRIPT_NAME) -> str:
    return resources.files("build_scripts.charts").joinpath(name).read_text("utf-8")


def vega_bundle(cache_dir: Path | None = None) -> str:
    """The Vega bundle (about 0.9 MB; building it takes vl-convert a second or two, so it
    is kept in ``cache_dir`` under the vl-convert version when one is given)."""
    cached = None
    if cache_dir is not None:
        cached = cache_dir / f"vega-{converter_version()}-vl{VL_VERSION}.js"
        if cached.is_file():
            return cached.read_text(encoding="utf-8")
    vl_convert = converter()
    bundle: str = vl_convert.javascript_bundle(EXPORTS, vl_version=VL_VERSION)
    text = (
        f"/* Vega {vl_convert.get_vega_version()}, Vega-Lite {VL_VERSION}, vega-embed "
        f"{vl_convert.get_vega_embed_version()}: bundled by vl-convert "
        f"{converter_version()} (BSD-3-Clause). */\n"
        "(function () {\n" + bundle + "\n})();\n"
    )
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(text, encoding="utf-8", newline="")
    return text


def write_vega_assets(dest: Path, cache_dir: Path | None = None) -> list[Path]:
    """Write ``vega.js``, ``charts.js`` and ``choice.js`` into ``dest`` (the site's
    ``assets/javascripts``, as named in ``mkdocs.yml``) and return their paths."""
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    scripts = [(name, charts_script(name)) for name in (SCRIPT_NAME, CHOICE_NAME)]
    for name, text in [(BUNDLE_NAME, vega_bundle(cache_dir)), *scripts]:
        path = dest / name
        path.write_text(text, encoding="utf-8", newline="")
        written.append(path)
    return written


BOUNDARIES_FOLDER = "boundaries"
"""Beside ``charts.js``: the boundary scripts, one per geography (``<type>.js``)."""


def write_boundary_scripts(dest: Path, files: Iterable[BoundaryFile]) -> list[Path]:
    """Write each boundary file as ``dest/boundaries/<breakdown-type>.js``."""
    written = []
    for file in files:
        path = dest / BOUNDARIES_FOLDER / f"{file.breakdown_type}.js"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(file.script(), encoding="utf-8", newline="")
        written.append(path)
    return written
