"""The footer and "Cite this" (pages/share.py): names escaped once, links only to
http(s)/mailto, citations that parse."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date

from bs4 import BeautifulSoup

from build_scripts.config import Licence, Publishing, default_project
from build_scripts.pages.share import Cited, bibtex_text, citation, footer_html

HOSTILE = '<script>alert(1)</script> & "Stats" {x} 100%'


def _project(**publishing: str):  # type: ignore[no-untyped-def]
    project = default_project()
    return replace(project, publishing=replace(Publishing(), **publishing))


def test_the_footer_names_the_publisher_licence_and_contact() -> None:
    project = _project(
        site_publisher="The NPF team",
        contact="team@example.org",
        statistics_by="Scottish Government",
        statistics_url="https://stats.example.org/",
    )
    soup = BeautifulSoup(footer_html(project), "html.parser")
    text = soup.get_text(" ", strip=True)
    assert "This site is published by The NPF team." in text
    assert "official statistics" in text and "Scottish Government" in text
    links = {a.get_text(): a["href"] for a in soup.find_all("a")}
    assert links["Open Government Licence v3.0"] == project.licence.url
    assert links["Scottish Government"] == "https://stats.example.org/"
    assert links["team@example.org"] == "mailto:team@example.org"


def test_the_footer_gives_the_figures_producers_contact_apart_from_the_sites() -> None:
    project = _project(statistics_by="Scottish Government", statistics_contact="stats@example.org")
    soup = BeautifulSoup(footer_html(project), "html.parser")
    text = soup.get_text(" ", strip=True)
    assert "Questions about the figures: stats@example.org ." in text
    assert "Contact:" not in text
    link = soup.find("a", string="stats@example.org")
    assert link is not None and link["href"] == "mailto:stats@example.org"


def test_the_footer_without_publisher_or_contact_names_neither() -> None:
    soup = BeautifulSoup(footer_html(_project()), "html.parser")
    text = soup.get_text(" ", strip=True)
    assert "published by" not in text and "Contact" not in text
    assert [a.get_text() for a in soup.find_all("a")] == ["Open Government Licence v3.0"]


def test_the_footer_escapes_names_and_links_no_other_scheme() -> None:
    project = _project(
        statistics_by=HOSTILE, site_publisher=HOSTILE, statistics_contact="javascript:alert(1)"
    )
    project = replace(project, licence=Licence("x", HOSTILE, "javascript:alert(1)", HOSTILE))
    soup = BeautifulSoup(footer_html(project), "html.parser")
    assert soup.find("script") is None and soup.find_all("a") == []
    assert soup.get_text().count(HOSTILE) == 4
    assert "javascript:alert(1)" in soup.get_text()  # named, never linked


def _cited(**values: str) -> Cited:
    fields = {
        "key": "npf-x",
        "title": "Healthy life expectancy",
        "kind": "National Indicator",
        "path": "indicators/x.html",
        "released": "2020-10-12",
        "latest": "2016-2018",
    } | values
    return Cited(**fields)


def test_a_citation_without_a_site_url_gives_the_page_path() -> None:
    said = citation(_project(statistics_by="Scottish Government"), _cited(), None)
    assert said.plain == (
        "Scottish Government, released 12 October 2020, Scotland's National Performance "
        "Framework website, National Indicator, Healthy life expectancy: figures to "
        "2016-2018. indicators/x.html (accessed: add the date you read it)."
    )
    assert "url = {indicators/x.html}" in said.bibtex and "urldate" not in said.bibtex
    (item,) = json.loads(said.csl_json)
    assert "accessed" not in item and item["URL"] == "indicators/x.html"


def test_a_citation_with_a_site_url_and_build_date() -> None:
    project = _project(statistics_by="Scottish Government", site_url="https://e.org/npf/")
    said = citation(project, _cited(), date(2026, 11, 26))
    assert said.plain.endswith("https://e.org/npf/indicators/x.html (accessed 26 November 2026).")
    fields = dict(re.findall(r"^  (\w+) = \{(.*)\},?$", said.bibtex, re.M))
    assert fields["url"] == "https://e.org/npf/indicators/x.html"
    assert fields["urldate"] == "2026-11-26" and fields["year"] == "2020"
    assert fields["note"] == "figures to 2016-2018"
    (item,) = json.loads(said.csl_json)
    assert item["issued"] == {"date-parts": [[2020, 10, 12]]}
    assert item["accessed"] == {"date-parts": [[2026, 11, 26]]}
    assert item["author"] == [{"literal": "Scottish Government"}]


def test_a_citation_of_released_figures_names_the_release_and_its_lasting_data() -> None:
    project = _project(statistics_by="Scottish Government", site_url="https://e.org/npf/")
    cited = _cited(release="2026.2", release_data="data/releases/2026.2/x.zip")
    said = citation(project, cited, date(2026, 11, 26))
    assert said.plain.endswith(
        "(accessed 26 November 2026). Release 2026.2, whose data stays at "
        "https://e.org/npf/data/releases/2026.2/x.zip."
    )
    fields = dict(re.findall(r"^  (\w+) = \{(.*)\},?$", said.bibtex, re.M))
    assert fields["version"] == "2026.2"
    assert fields["note"] == (
        "figures to 2016-2018; release 2026.2, data at https://e.org/npf/data/releases/2026.2/x.zip"
    )
    (item,) = json.loads(said.csl_json)
    assert item["version"] == "2026.2" and item["note"] == fields["note"]
    # before any release: none of it
    plain = citation(project, _cited(), None)
    assert "Release" not in plain.plain and "version" not in plain.bibtex


def test_bibtex_escapes_tex() -> None:
    assert bibtex_text("50% & {x} #1 a_b ~ ^ \\") == (
        r"50\% \& \{x\} \#1 a\_b \textasciitilde{} \textasciicircum{} \textbackslash{}"
    )
    said = citation(_project(), _cited(title=HOSTILE), None)
    title = re.search(r"title = \{\{(.*)\}\},", said.bibtex)
    assert title is not None and "{x}" not in title.group(1)
    assert json.loads(said.csl_json)[0]["title"] == HOSTILE


def test_the_footer_states_the_latest_release_escaped() -> None:
    from build_scripts.release import Release

    project = _project(statistics_by="Scottish Government")
    assert "Release" not in footer_html(project)
    latest = Release("2026.2", "2026-03-01", "2026.1", None)
    text = BeautifulSoup(footer_html(project, latest), "html.parser").get_text(" ", strip=True)
    assert text.endswith("Release 2026.2, 1 March 2026.")
