"""Random text in every text field of a small package: validation rejects it with a
located message, or the build takes it and shows it exactly (issue 8).

"Shows it exactly": the page, as MkDocs converts it, holds the same characters (HTML
collapses runs of white space, so those are compared collapsed), and the Excel download
holds them as text, never as a formula.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from build_scripts.analyse.indicators import assess_framework
from build_scripts.charts.plan import plan_charts
from build_scripts.excel import workbook_bytes
from build_scripts.importers.write import write_csv
from build_scripts.load import load_framework
from build_scripts.pages import render_pages
from build_scripts.validate import validate_path

VALID = Path(__file__).resolve().parent / "fixtures" / "packages" / "valid"
PA = "indicators/physical-activity"
EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "meta"]
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"></svg>'


@dataclass(frozen=True)
class Field:
    """A text field: where it is set, and the page that shows it."""

    name: str
    set: Callable[[Path, str], None]
    page: str
    in_workbook: bool = False


def csv_cell(rel: str, line: int, column: str) -> Callable[[Path, str], None]:
    def mutate(root: Path, value: str) -> None:
        with (root / rel).open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        rows[line - 2][column] = value
        write_csv(root / rel, list(rows[0]), rows)  # the project's own writer

    return mutate


def descriptor_text(rel: str, key: str) -> Callable[[Path, str], None]:
    def mutate(root: Path, value: str) -> None:
        path = root / rel / "datapackage.json"
        descriptor = json.loads(path.read_text(encoding="utf-8"))
        descriptor[key] = value
        path.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")

    return mutate


FIELDS = [
    Field("outcome name", csv_cell("framework/outcomes.csv", 2, "name"), "outcomes/health.md"),
    Field(
        "producer",
        csv_cell("framework/indicators.csv", 3, "source"),
        "indicators/physical-activity.md",
    ),
    Field(
        "group label",
        csv_cell("framework/breakdown-groups.csv", 3, "label"),
        "indicators/physical-activity.md",
    ),
    Field(
        "source publisher",
        csv_cell("framework/sources.csv", 2, "publisher"),
        "indicators/physical-activity.md",
    ),
    Field(
        "indicator description",
        descriptor_text(PA, "description"),
        "indicators/physical-activity.md",
        in_workbook=True,
    ),
]
TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=24
)
SEEDS = [
    "<script>alert(1)</script>",
    "*bold* | [link](x) `code` {#id}",
    '=HYPERLINK("https://example.com","x")',
    "-2+3",
    "he\x00llo",
    "one\rtwo",
    "\u202eevil",
    "עברית and English",
    "  spaced   out  ",
    "6_2",
    "&amp; &#60;",
]


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page_text(page: str) -> str:
    body = markdown.markdown(page.split("---\n", 2)[2], extensions=EXTENSIONS)
    return collapse(BeautifulSoup(body, "html.parser").get_text(" "))


def check(field: Field, text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:  # many examples per test: no tmp_path
        root = Path(folder) / "datapackages"
        shutil.copytree(VALID, root)
        field.set(root, text)
        report = validate_path(root)
        if not report.valid:
            assert all(p.path and (p.row or p.column) for p in report.problems), report.format()
            return
        framework = load_framework(root)
        assessments = assess_framework(framework)
        charts = plan_charts(framework)
        pages = render_pages(framework, assessments, charts, {c.id: SVG for c in charts})
        assert collapse(text) in page_text(pages[field.page]), (field.name, text)
        if field.in_workbook:
            book = load_workbook(io.BytesIO(workbook_bytes(root / PA, "npf")))
            cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
            assert text in {c.value for c in cells}
            assert not [c for c in cells if c.data_type == "f"]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(field=st.sampled_from(FIELDS), text=st.one_of(st.sampled_from(SEEDS), TEXT))
@example(field=FIELDS[0], text="\u202eevil")
@example(field=FIELDS[4], text='=HYPERLINK("https://example.com","x")')
def test_random_text_is_rejected_where_located_or_shown_exactly(field: Field, text: str) -> None:
    check(field, text)


@pytest.mark.parametrize("text", SEEDS)
@pytest.mark.parametrize("field", FIELDS, ids=[f.name for f in FIELDS])
def test_known_hostile_text_in_every_field(field: Field, text: str) -> None:
    check(field, text)
