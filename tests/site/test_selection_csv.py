""" "Download what you see" (choice.js, issue 11): with a breakdown and some of its groups
chosen, the CSV made in the browser holds exactly those groups' figures, equal to the
table the view shows, with the breakdown, unit, source and licence in its columns; over
http and from file://. Its cells are escaped so that a spreadsheet reads text as text."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from build_scripts.config import load_project
from tests.site.test_browser import Visit, visit

__all__ = ["visit"]  # the fixture, imported for the tests here

PAGE = "indicators/access-to-superfast-broadband.html"
MEASURE = "superfast-available"
COLUMNS = ["period", "breakdown", "group", "value", "unit", "source", "licence", "licence_url"]
ROOT = Path(__file__).resolve().parents[2]


def shown_table(page: Any) -> dict[tuple[str, str], str]:
    """The view's table as {(period or "", group): figure} for its shown cells."""
    found = page.evaluate(
        """(measure) => {
          const c = document.querySelector(`.npf-choice[data-measure="${measure}"]`);
          const radio = c.querySelector('input[type=radio]:checked');
          const table = c.querySelector('.npf-choice__view table');
          const shown = el => !el.hidden;
          const out = [];
          if (radio.dataset.layout === 'rows') {
            table.querySelectorAll('tbody tr').forEach(tr => {
              if (shown(tr)) out.push([radio.dataset.period,
                                        tr.querySelector('th').textContent.trim(),
                                        tr.querySelector('td').textContent.trim()]);
            });
          } else {
            const heads = Array.from(table.querySelectorAll('thead th'), th => th);
            table.querySelectorAll('tbody tr').forEach(tr => {
              Array.from(tr.children).forEach((cell, i) => {
                if (i > 0 && shown(heads[i])) out.push([tr.children[0].textContent.trim(),
                  heads[i].textContent.trim(), cell.textContent.trim()]);
              });
            });
          }
          return out;
        }""",
        MEASURE,
    )
    return {(p, g): f for p, g, f in found}


def downloaded(page: Any) -> tuple[str, list[dict[str, str]]]:
    button = page.locator(f'.npf-choice[data-measure="{MEASURE}"] .npf-choice__csv')
    with page.expect_download() as info:
        button.click()
    download = info.value
    text = Path(download.path()).read_text(encoding="utf-8")
    return download.suggested_filename, list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("fragment", "breakdown", "groups"),
    [
        ("council-area:Glasgow%20City,Fife", "Council area", {"Glasgow City", "Fife"}),
        ("urban-rural:Rural", "Urban and rural classification", {"Rural"}),
    ],
)
def test_the_csv_holds_the_chosen_groups_as_the_table_shows_them(
    visit: Visit, fragment: str, breakdown: str, groups: set[str]
) -> None:
    page = visit.open(f"{PAGE}#chart={MEASURE}:{fragment}")
    page.wait_for_function("() => !document.querySelector('.npf-choice__csv').hidden")
    table = shown_table(page)
    name, rows = downloaded(page)
    assert name == f"access-to-superfast-broadband-{MEASURE}-{fragment.split(':')[0]}.csv"
    assert rows and list(rows[0]) == COLUMNS
    assert {r["group"] for r in rows} == groups
    assert {r["breakdown"] for r in rows} == {breakdown}
    assert {r["unit"] for r in rows} == {"%"}
    assert {r["source"] for r in rows} and all(r["source"] for r in rows)
    licence = load_project(ROOT).licence
    assert {(r["licence"], r["licence_url"]) for r in rows} == {(licence.title, licence.url)}
    # one row a figure of the table, no more, no fewer, each the same figure
    assert {(r["period"], r["group"]) for r in rows} == set(table)
    for r in rows:
        shown = table[(r["period"], r["group"])]
        number = re.sub(r"[^\d.\-]", "", shown)
        places = len(number.split(".")[1]) if "." in number else 0
        assert abs(float(r["value"]) - float(number)) <= 0.5 * 10**-places + 1e-9, (r, shown)
    assert visit.errors == []


def test_cells_are_escaped_and_text_is_kept_from_formulas(tmp_path: Path) -> None:
    """choice.js's csvCell under Node: quotes doubled, commas and line breaks quoted, a
    text cell beginning with = + - @ tab or CR prefixed with ', numbers kept."""
    script = (ROOT / "build_scripts" / "charts" / "choice.js").read_text(encoding="utf-8")
    body = script[script.index("function csvCell") : script.index("// The chosen groups")]
    cells = ["=SUM(A1)", "+1", "-2", "@x", "\tx", "\rx", 'a "b", c', "line\nbreak", "2018/19"]
    probe = body + f"process.stdout.write(JSON.stringify({json.dumps(cells)}.map(csvCell)"
    probe += ".concat([csvCell(-1.5), csvCell(0), csvCell(null)])));"
    (tmp_path / "probe.js").write_text(probe, encoding="utf-8")
    out = subprocess.run(
        ["node", str(tmp_path / "probe.js")], capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(out) == [
        "'=SUM(A1)",
        "'+1",
        "'-2",
        "'@x",
        "'\tx",
        '"\'\rx"',
        '"a ""b"", c"',
        '"line\nbreak"',
        "2018/19",
        "-1.5",
        "0",
        "",
    ]
