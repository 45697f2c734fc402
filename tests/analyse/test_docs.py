"""docs/statuses.md cannot drift from the code: every method, parameter and status is
documented, and every documented example is valid criteria."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from build_scripts.analyse.statuses import METHODS, Status, criteria_problems

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "statuses.md").read_text(encoding="utf-8")
PUBLIC = (ROOT / "site_src" / "methodology.md").read_text(encoding="utf-8")
UK = (ROOT / "examples" / "uk-sdg" / "pages" / "methodology.md").read_text(encoding="utf-8")
UNJUDGED = {Status.NOT_ASSESSED.value, "not-assessed"}
"""What the NPF never uses, so its public page does not explain it: the project whose
framework publishes no criteria (examples/uk-sdg) does."""


def method_sections(text: str) -> dict[str, str]:
    parts = re.split(r"^### `([a-z-]+)`\s*$", text, flags=re.MULTILINE)
    return {parts[i]: parts[i + 1].split("\n## ", 1)[0] for i in range(1, len(parts), 2)}


SECTIONS = method_sections(DOC)


def test_documented_methods_are_exactly_the_implemented_ones() -> None:
    assert list(SECTIONS) == list(METHODS)


@pytest.mark.parametrize("name", list(METHODS))
def test_every_parameter_is_documented_in_its_method_section(name: str) -> None:
    section = SECTIONS[name]
    for parameter in METHODS[name].parameters:
        assert f"`{parameter.name}`" in section, f"{name}: {parameter.name} undocumented"
        if parameter.required:
            assert "required" in section
        for choice in parameter.choices:
            assert f"`{choice}`" in section, f"{name}: choice {choice} undocumented"


@pytest.mark.parametrize("name", list(METHODS))
def test_every_method_has_a_valid_example(name: str) -> None:
    examples = re.findall(r"```json\n(.*?)\n```", SECTIONS[name], flags=re.DOTALL)
    assert examples, f"{name} has no example"
    for example in examples:
        criteria = json.loads(example)
        assert criteria["method"] == name
        assert criteria_problems(criteria) == []


def test_every_status_is_explained_for_maintainers_and_the_public() -> None:
    for status in Status:
        assert f"| {status.value} |" in DOC
        assert status.value in (UK if status.value in UNJUDGED else PUBLIC)


def test_public_page_explains_every_method_and_links_nowhere_outside() -> None:
    for spec in METHODS.values():
        if spec.name in UNJUDGED:
            assert "Not assessed" in UK and "no criteria for change" in UK.casefold()
            continue
        assert f'id="{spec.name}"' in PUBLIC or f"{{#{spec.name}}}" in PUBLIC, spec.name
    assert not re.search(r"\]\((https?:)?//", PUBLIC)
    assert "http://" not in PUBLIC and "https://" not in PUBLIC
