"""The importers' writers: every CSV reads back to the same cells (issue 8)."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.importers.write import write_csv

CELLS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


def read_back(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_a_lone_carriage_return_is_quoted(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    write_csv(path, ["a", "b"], [{"a": "one\rtwo", "b": "x"}, {"a": "plain", "b": "y"}])
    assert path.read_bytes() == b'a,b\n"one\rtwo","x"\nplain,y\n'
    assert read_back(path) == [{"a": "one\rtwo", "b": "x"}, {"a": "plain", "b": "y"}]


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.tuples(CELLS, CELLS), min_size=1, max_size=5))
def test_every_csv_reads_back_to_the_same_cells(rows: list[tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:  # hypothesis runs many examples per test
        path = Path(folder) / "t.csv"
        written = [{"a": a, "b": b} for a, b in rows]
        assert write_csv(path, ["a", "b"], written) == len(written)
        assert read_back(path) == written
