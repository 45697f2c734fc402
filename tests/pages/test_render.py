"""The template environment: what every template gets without asking for it."""

from __future__ import annotations

from pathlib import Path

import jinja2
import markdown
import pytest
from bs4 import BeautifulSoup

from build_scripts import messages
from build_scripts.messages import Catalogue, Message
from build_scripts.pages.content import Cell, Link
from build_scripts.pages.render import environment, templates_compiled_in
from build_scripts.urls import href, relative

HOSTILE = "<script>alert(1)</script> *bold* | [link](x) `code`"
MACROS = '{% import "_macros.md.j2" as m with context %}'


def written(source: str, page: str = "indicators/x.md", **values: object) -> str:
    return environment().from_string(MACROS + source).render(page_path=page, **values)


def test_every_printed_value_is_inert_in_markdown_and_html() -> None:
    out = written("# {{ name }}\n\n<p>{{ name }}</p>\n\n- {{ name }}", name=HOSTILE)
    soup = BeautifulSoup(markdown.markdown(out, extensions=["md_in_html"]), "html.parser")
    assert soup.find_all(["script", "em", "code", "a"]) == []
    assert soup.h1 is not None and soup.h1.get_text() == HOSTILE
    assert [t.get_text() for t in soup.find_all(["p", "li"])] == [HOSTILE, HOSTILE]


def test_right_to_left_text_is_isolated_but_not_in_attributes() -> None:
    out = written('{{ name }} <img alt="{{ name|attr }}">', name="עברית")
    assert out == '<bdi>עברית</bdi> <img alt="עברית">'


def test_an_undefined_or_missing_value_stops_the_page() -> None:
    with pytest.raises(jinja2.UndefinedError):
        written("{{ nothing }}")
    with pytest.raises(TypeError, match="printed None"):
        written("{{ value }}", value=None)


def test_links_are_relative_and_only_some_schemes_link_out() -> None:
    assert relative("indicators/x.md", "outcomes/health.md") == "../outcomes/health.md"
    assert relative("outcomes/index.md", "outcomes/health.md") == "health.md"
    assert href("index.md", "areas/na h-eileanan siar.md") == "areas/na%20h-eileanan%20siar.html"
    assert href("index.md", "mailto:a@b.org") == "mailto:a@b.org"
    # an address in another scheme is never a link: its label is shown alone
    for target in ("javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x"):
        assert written('{{ m.link("x", target) }}', target=target) == "x"
    assert href("index.md", "javascript:alert(1)") == "javascript%3Aalert%281%29"
    assert written('{{ m.link("x", "https://example.org/") }}').startswith('<a href="https:')


def test_a_table_escapes_its_cells_and_marks_numbers() -> None:
    rows = [[Cell((Link(HOSTILE, "outcomes/a.md"),)), Cell(("1,234",), numeric=True)]]
    out = written('{{ m.table("T <b>", ["A", "B"], rows) }}', rows=rows)
    soup = BeautifulSoup(out, "html.parser")
    assert soup.caption is not None and soup.caption.get_text() == "T <b>"
    assert soup.find("script") is None
    assert soup.th is not None and soup.th["scope"] == "col"
    body = soup.tbody
    assert body is not None and body.a is not None
    assert body.a["href"] == "../outcomes/a.html" and body.a.get_text() == HOSTILE
    assert body.td is not None and body.td["class"] == ["npf-num"]
    region = soup.find(class_="npf-table-wrap")
    assert region is not None and region["aria-labelledby"] == soup.caption["id"]


def test_a_reflowing_table_labels_each_data_cell_with_its_header() -> None:
    """Issue 10: a key table (``reflow``) carries each column's header on its cells, as
    plain text however the header was written; other tables carry none. Every table
    has its scroll cue, hidden until tables.js finds the table wider than its box."""
    rows = [[Cell(("Cost of living",)), Cell(("1,234",), numeric=True), Cell(())]]
    headers = '["Indicator", name, t("page.column.status")]'
    out = written(
        f'{{{{ m.table("T", {headers}, rows, reflow=true) }}}}', rows=rows, name="A & <b>"
    )
    soup = BeautifulSoup(out, "html.parser")
    assert soup.table is not None and "npf-table--reflow" in soup.table["class"]
    assert soup.tbody is not None and soup.tbody.th is not None
    assert not soup.tbody.th.has_attr("data-label")  # the row's own header
    assert [td["data-label"] for td in soup.tbody.find_all("td")] == ["A & <b>", "Status"]
    cue = soup.find(class_="npf-table-cue")
    assert cue is not None and cue.has_attr("hidden") and cue.get_text().strip()
    assert cue.find_next_sibling(class_="npf-table-wrap") is not None

    plain = BeautifulSoup(written('{{ m.table("T", ["A", "B"], rows) }}', rows=rows), "html.parser")
    assert plain.table is not None and plain.table["class"] == ["npf-table"]
    assert plain.select("[data-label]") == []


def test_heading_anchors_must_be_plain() -> None:
    assert written('{{ m.heading(2, "A <b>", "a-1") }}') == "## A &#60;b&#62; {#a-1}"
    with pytest.raises(ValueError, match="anchor"):
        written('{{ m.heading(2, "A", "a b") }}')


def test_compiled_templates_are_kept_and_loaded_rather_than_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``templates_compiled_in`` keeps the compiled page and message templates on disk
    (Jinja's bytecode cache, in a folder named by the code that sets them up); a build
    in a new process loads them rather than compiling them again, and writes the same."""
    env = environment()
    catalogue = Catalogue.load(Path(messages.__file__).parent / "en.toml")
    said = Message("status.no_figures")
    env.cache.clear()
    first = env.get_template("_page.md.j2").render(title="T", description="", page_path="x.md")
    with messages.use(catalogue), templates_compiled_in(tmp_path):
        env.cache.clear()
        assert (
            env.get_template("_page.md.j2").render(title="T", description="", page_path="x.md")
            == first
        )
        words = catalogue.phrase(said)
    kept = sorted(p.name for p in tmp_path.glob("*/*.cache"))
    assert len(kept) == 2 and all(name.startswith("__jinja2_") for name in kept)
    assert env.bytecode_cache is None and catalogue.environment.bytecode_cache is None

    # As a new process would be: nothing compiled in memory, so from the kept files.
    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("a kept template was compiled again")

    fresh = Catalogue.load(Path(messages.__file__).parent / "en.toml")
    monkeypatch.setattr(env, "compile", never)
    monkeypatch.setattr(fresh.environment, "compile", never)
    with messages.use(fresh), templates_compiled_in(tmp_path):
        env.cache.clear()
        assert (
            env.get_template("_page.md.j2").render(title="T", description="", page_path="x.md")
            == first
        )
        assert fresh.phrase(said) == words
