"""Large generated blocks skip the site builder and come back unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.deferred import MIN_SIZE, defer, restore
from build_scripts.errors import NpfError

ROWS = "".join(f"<tr><td>{i}</td></tr>" for i in range(MIN_SIZE // 10))
BIG_TABLE = f'<table class="npf-table">\n<caption>All figures</caption>{ROWS}\n</table>'
SPEC = (
    '<script type="application/json" class="vega-spec">{"data": ['
    + "1," * MIN_SIZE
    + "1]}</script>"
)
SMALL = '<table class="npf-table"><tr><td>1</td></tr></table>'


def test_large_blocks_are_swapped_small_ones_kept() -> None:
    page = f"# Title\n\n{BIG_TABLE}\n\n{SMALL}\n\n<figure>{SPEC}</figure>\n"
    text, blocks = defer(page)
    assert blocks == [BIG_TABLE, SPEC]
    assert SMALL in text and BIG_TABLE not in text and "vega-spec" not in text
    assert text.count("<!-- npf-deferred") == 2


def test_restore_gives_back_the_same_html(tmp_path: Path) -> None:
    page = f"<p>before</p>\n{BIG_TABLE}\n<p>between</p>\n{SPEC}\n"
    text, blocks = defer(page)
    (tmp_path / "indicators").mkdir()
    built = tmp_path / "indicators" / "x.html"
    built.write_text(f"<html>{text}</html>", encoding="utf-8")
    restore(tmp_path, {"indicators/x.md": blocks})
    assert built.read_text(encoding="utf-8") == f"<html>{page}</html>"


def test_a_lost_placeholder_stops_the_build(tmp_path: Path) -> None:
    _, blocks = defer(BIG_TABLE)
    (tmp_path / "x.html").write_text("<html>the builder dropped it</html>", encoding="utf-8")
    with pytest.raises(NpfError, match="did not keep"):
        restore(tmp_path, {"x.md": blocks})
