"""The scripts the site serves itself: the Vega bundle and charts.js, fetching nothing."""

from __future__ import annotations

import re
from pathlib import Path

from build_scripts.charts import write_vega_assets


def test_write_vega_assets(tmp_path: Path, bundle_cache: Path) -> None:
    written = write_vega_assets(tmp_path / "js", cache_dir=bundle_cache)
    assert [p.name for p in written] == ["vega.js", "charts.js", "choice.js"]
    bundle = (tmp_path / "js" / "vega.js").read_text(encoding="utf-8")
    assert "window.vegaEmbed = vegaEmbed" in bundle or "window.vegaEmbed=" in bundle
    script = (tmp_path / "js" / "charts.js").read_text(encoding="utf-8")
    assert not re.search(r"https?://", script)
    assert "load: refuse" in script
    choice = (tmp_path / "js" / "choice.js").read_text(encoding="utf-8")
    assert not re.search(r"https?://", choice)
    assert "npfCharts.draw" in choice and "npfCharts = {" in script  # it draws through charts.js
    # cached: a second build reads the bundle back, byte for byte
    again = write_vega_assets(tmp_path / "js2", cache_dir=bundle_cache)
    assert again[0].read_bytes() == written[0].read_bytes()
