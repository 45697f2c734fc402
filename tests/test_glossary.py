"""The project's glossary of abbreviations (``glossary.toml``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.config import GENERATOR_ROOT
from build_scripts.errors import NpfError
from build_scripts.glossary import explain, load_glossary, used

TERMS = {"AHC": "after housing costs", "AA": "Attendance Allowance", "HEIs": "higher ed"}


def test_first_use_of_each_abbreviation_is_explained_once_per_page() -> None:
    seen: set[str] = set()
    parts = explain("% in poverty AHC excluding AA (AHC)", TERMS, seen)
    assert parts == (
        ("% in poverty ", ""),
        ("AHC", "after housing costs"),
        (" excluding ", ""),
        ("AA", "Attendance Allowance"),
        (" (AHC)", ""),
    )
    assert explain("AHC again", TERMS, seen) == (("AHC again", ""),)


def test_only_whole_words_in_their_own_case() -> None:
    text = "AAA aa MAAT AA-x HEIs"
    assert [p for p in explain(text, TERMS, set()) if p[1]] == [("HEIs", "higher ed")]
    assert used(["in Scottish HEIs", "AHC and BHC"], TERMS) == [
        ("AHC", "after housing costs"),
        ("HEIs", "higher ed"),
    ]


def test_the_repository_glossary_explains_the_data_abbreviations() -> None:
    terms = load_glossary(GENERATOR_ROOT)
    assert terms["AHC"] == "after housing costs" and terms["BHC"] == "before housing costs"
    assert terms["PIP"] == "Personal Independence Payment"
    assert terms["SIMD"] == "Scottish Index of Multiple Deprivation"


def test_a_project_without_a_glossary_explains_nothing(tmp_path: Path) -> None:
    assert load_glossary(tmp_path) == {}
    assert explain("AHC", {}, set()) == (("AHC", ""),)


def test_a_bad_glossary_says_what_to_write(tmp_path: Path) -> None:
    (tmp_path / "glossary.toml").write_text('[abbreviations]\nAHC = ""\n', encoding="utf-8")
    with pytest.raises(NpfError, match='AHC = "after housing costs"'):
        load_glossary(tmp_path)
