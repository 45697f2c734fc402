"""docs/data-format.md cannot drift: its column tables are what contract.py generates.
(That the committed descriptors agree with it is checked in tests/real/test_data_format.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.errors import NpfError
from build_scripts.reference import BLOCKS, COMMAND, SOURCES, main, render

REPO = Path(__file__).parent.parent
DOCS = REPO / "docs"
DATA_FORMAT = DOCS / "data-format.md"


def _marked_docs() -> list[Path]:
    return sorted(p for p in DOCS.glob("*.md") if "<!-- schema:" in p.read_text("utf-8"))


@pytest.mark.parametrize("path", _marked_docs(), ids=lambda p: p.name)
def test_generated_tables_are_current(path: Path) -> None:
    text = path.read_text("utf-8")
    assert render(text) == text, (
        f"{path.relative_to(REPO)} differs from the schemas in build_scripts/contract.py; "
        f"run `{COMMAND} {path.relative_to(REPO)}`"
    )


def test_data_format_has_every_block() -> None:
    text = DATA_FORMAT.read_text("utf-8")
    for name in BLOCKS:
        if name not in SOURCES:  # the blocks of contract.py; the others are elsewhere
            assert f"<!-- schema:{name} start -->" in text
    assert DATA_FORMAT in _marked_docs()


# --- the generator itself ----------------------------------------------------------------


def test_render_fills_a_block_and_leaves_the_rest() -> None:
    block = "<!-- schema:indicator start -->\nstale\n<!-- schema:indicator end -->\n"
    text = f"# Title\n\n{block}\nEnd\n"
    out = render(text)
    assert out.startswith("# Title\n\n<!-- schema:indicator start -->\n<!-- generated")
    assert "stale" not in out
    assert "| `period_start` | date | yes |" in out
    assert out.endswith("<!-- schema:indicator end -->\n\nEnd\n")
    assert render(out) == out


@pytest.mark.parametrize(
    "text",
    [
        "<!-- schema:indicator start -->\n",
        "<!-- schema:indicator end -->\n",
        "<!-- schema:indicator start -->\n<!-- schema:evidence end -->\n",
    ],
)
def test_unpaired_markers_are_an_error(text: str) -> None:
    with pytest.raises(NpfError, match="do not pair"):
        render(text)


def test_an_unknown_block_is_an_error() -> None:
    with pytest.raises(NpfError, match="unknown schema block 'nothing'"):
        render("<!-- schema:nothing start -->\n<!-- schema:nothing end -->\n")


def test_check_reports_the_command_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "doc.md"
    stale = "<!-- schema:evidence start -->\nold\n<!-- schema:evidence end -->\n"
    doc.write_text(stale, "utf-8")
    assert main(["--check", str(doc)]) == 1
    assert f"run `{COMMAND} {doc}`" in capsys.readouterr().err
    assert doc.read_text("utf-8") == stale
    assert main([str(doc)]) == 0
    assert main(["--check", str(doc)]) == 0
    assert "| `breakdown` | string | yes |" in doc.read_text("utf-8")
