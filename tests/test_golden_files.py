"""``make golden`` rewrites every golden copy: the tests that compare with one are marked
``golden`` (what the target runs) and go through ``tests/golden_files.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden_files import MAX_DIFF_LINES, check_text, check_tree, diff

TESTS = Path(__file__).resolve().parent


def _modules() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*.py") if p.name != "golden_files.py")


def test_only_the_helper_reads_the_update_switch() -> None:
    readers = [p.relative_to(TESTS) for p in _modules() if "UPDATE_GOLDEN" in p.read_text("utf-8")]
    readers = [p for p in readers if p.name != Path(__file__).name]
    assert readers == [], "use tests.golden_files.check_text, which `make golden` drives"


def test_every_module_comparing_with_a_golden_copy_is_marked() -> None:
    users = [
        p for p in _modules() if "tests.golden_files import check_text" in p.read_text("utf-8")
    ]
    assert len(users) >= 4
    for path in users:
        assert "pytest.mark.golden" in path.read_text("utf-8"), (
            f"{path.relative_to(TESTS)} compares with golden copies but has no test marked "
            "golden, so `make golden` would not rewrite them"
        )


def test_a_difference_fails_with_a_readable_diff(tmp_path: Path) -> None:
    golden = tmp_path / "page.md"
    golden.write_text("# Title\n\nThe figure is 5.\n", encoding="utf-8")
    with pytest.raises(pytest.fail.Exception) as failed:
        check_text(golden, "# Title\n\nThe figure is 6.\n")
    message = str(failed.value)
    assert "-The figure is 5.\n+The figure is 6." in message
    assert "make golden" in message
    check_text(golden, "# Title\n\nThe figure is 5.\n")  # equal: passes


def test_updating_rewrites_the_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UPDATE_GOLDEN", "1")
    golden = tmp_path / "new" / "page.md"
    check_text(golden, "made now\r\n")
    assert golden.read_bytes() == b"made now\r\n"


def test_a_long_diff_is_cut_short() -> None:
    old = "".join(f"{i}\n" for i in range(500))
    new = "".join(f"{i} changed\n" for i in range(500))
    lines = diff(old, new, "x").splitlines()
    assert len(lines) == MAX_DIFF_LINES + 1
    assert lines[-1] == f"... and {1003 - MAX_DIFF_LINES} lines more"


def test_a_tree_reports_every_difference_at_once(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text("one\n", encoding="utf-8")
    (tmp_path / "gone.txt").write_text("old\n", encoding="utf-8")
    with pytest.raises(pytest.fail.Exception) as failed:
        check_tree(tmp_path, {"pages/a.txt": "two\n", "new.txt": "x\n"})
    message = str(failed.value)
    assert "new, no golden copy: new.txt" in message
    assert "golden copy of nothing built: gone.txt" in message
    assert "-one\n+two" in message


def test_updating_a_tree_leaves_exactly_the_new_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "gone.txt").write_text("old\n", encoding="utf-8")
    monkeypatch.setenv("UPDATE_GOLDEN", "1")
    check_tree(tmp_path, {"pages/a.txt": "two\n"})
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.txt")) == [
        "pages/a.txt"
    ]
