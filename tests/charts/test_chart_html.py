"""The HTML block a page embeds: a figure with an accessible static image, its summary
as the caption, and the spec as parseable JSON."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from build_scripts.charts import Series, Units, chart_html, line_chart, sparkline

SVG = (
    '<svg role="img" aria-label="summary" xmlns="http://www.w3.org/2000/svg" width="480" '
    'height="300" viewBox="0 0 480 300"><title>summary</title>'
    '<clipPath id="clip1"/><g clip-path="url(#clip1)"/></svg>'
)


def test_img_block(headline: Series) -> None:
    c = line_chart("ex-1", "Example <measure>", [headline], y_title="E", units=Units("years"))
    html = chart_html(c, SVG, svg_href="../charts/ex-1.svg")
    assert "\n" not in html
    soup = BeautifulSoup(html, "html.parser")
    fig = soup.find("figure")
    assert fig is not None and fig["id"] == "chart-ex-1"
    img = fig.find("img")
    assert img["src"] == "../charts/ex-1.svg"
    assert img["alt"] == c.alt and "Example <measure>" in img["alt"]
    assert (img["width"], img["height"]) == ("480", "300")
    caption = fig.find("figcaption")
    assert caption.get_text() == c.summary
    assert img["aria-describedby"] == caption["id"]
    script = fig.find("script", class_="vega-spec")
    assert script["type"] == "application/json"
    assert json.loads(script.string) == c.spec
    assert "<measure>" not in script.string  # escaped inside the script


def test_inline_block_prefixes_ids(headline: Series) -> None:
    c = line_chart("ex-2", "Example", [headline], y_title="E", units=Units("years"))
    soup = BeautifulSoup(chart_html(c, SVG), "html.parser")
    svg = soup.find("svg")
    assert svg["role"] == "img"
    assert svg["aria-label"] == c.alt
    assert svg.find("clippath")["id"] == "chart-ex-2-clip1"
    assert svg.find("title") is None  # the caption describes it instead


def test_script_cannot_be_closed_by_data() -> None:
    from .conftest import point

    label = "</script><script>alert(1)</script>"
    c = line_chart("ex-3", "t", [Series(label, (point("2019", 1.0),))], y_title="E", units=Units())
    html = chart_html(c, SVG, svg_href="x.svg")
    assert html.count("</script>") == 1
    soup = BeautifulSoup(html, "html.parser")
    assert json.loads(soup.find("script").string)["data"]["values"][0]["series"] == label


def test_sparkline_has_no_spec(headline: Series) -> None:
    c = sparkline("sp", "Example", headline, units=Units("years"))
    soup = BeautifulSoup(chart_html(c, SVG, svg_href="sp.svg"), "html.parser")
    assert soup.find("script") is None
    assert soup.find("figure")["class"] == ["npf-chart", "npf-chart--sparkline"]


def test_right_to_left_names_in_the_caption_are_isolated() -> None:
    from build_scripts.charts import Bar, bar_chart

    bars = [Bar("עברית 2", 5.0), Bar("Glasgow <City>", 7.0)]
    chart = bar_chart("b", "Share", bars, period="2020", x_title="Share", units=Units())
    soup = BeautifulSoup(chart_html(chart, SVG), "html.parser")
    assert [b.get_text() for b in soup.figcaption.find_all("bdi")] == ["עברית 2"]
    assert soup.figcaption.get_text() == chart.summary
