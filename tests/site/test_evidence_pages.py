"""The built equality evidence pages of the real data: identical tables once, pointer
pages for their other codes, abbreviations explained, the index's two views."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_scripts.load import load_framework
from build_scripts.model import Framework
from tests.site.conftest import DATA


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework(DATA)


def article(site: Path, path: str) -> BeautifulSoup:
    found = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
    page = found.select_one("article")
    assert page is not None, f"{path} has no article"
    return page


def test_every_code_keeps_a_page_and_copies_point_to_the_main_one(
    site: Path, framework: Framework
) -> None:
    by_slug = {d.slug: d for d in framework.evidence}
    copies = [d for d in framework.evidence if d.same_as]
    assert copies, "the Finder publishes some tables under several codes"
    for d in framework.evidence:
        assert (site / "evidence" / f"{d.slug}.html").is_file()
    for d in copies:
        main = by_slug[d.same_as]
        assert main.rows == d.rows and not main.same_as
        page = article(site, f"evidence/{d.slug}.html")
        assert page.find("table") is None
        assert f"{main.slug}.html" in {a["href"] for a in page.find_all("a")}
    # The main page of relative poverty by age lists both its codes.
    shown = article(site, "evidence/inc-pov-5.html")
    codes = [a.get_text() for a in shown.find_all("a") if a.get_text() in ("age-12", "inc-pov-5")]
    assert codes == ["inc-pov-5", "age-12"]
    assert shown.find("table") is not None


def test_abbreviations_are_explained_on_first_use(site: Path) -> None:
    page = article(site, "evidence/inc-pov-13.html")
    found = {a.get_text(): a["title"] for a in page.find_all("abbr")}
    assert found["AHC"] == "after housing costs" and found["BHC"] == "before housing costs"
    assert found["DLA"] == "Disability Living Allowance"
    assert found["PIP"] == "Personal Independence Payment"
    assert len(page.find_all("abbr", string="AHC")) == 1


def test_equality_index_lists_every_table_once_by_characteristic_and_policy_area(
    site: Path, framework: Framework
) -> None:
    page = article(site, "equality/index.html")
    mains = {f"../evidence/{d.slug}.html" for d in framework.evidence if not d.same_as}
    for view in ("evidence-by-characteristic", "evidence-by-policy-area"):
        heading = page.find(id=view)
        assert heading is not None
        listed: set[str] = set()
        total = 0
        for details in heading.find_all_next("details"):
            if details.find_previous(["h2", "h3"]) is not heading:
                break
            links = [a["href"] for a in details.find_all("li") for a in a.find_all("a")]
            count = int(details.summary.get_text().rsplit("(", 1)[1].split()[0])
            assert count == len(links)
            total += count
            listed |= set(links)
        assert listed == mains
        assert total >= len(mains)
    terms = {dt.get_text(): dt.find_next("dd").get_text() for dt in page.find_all("dt")}
    assert terms["SIMD"] == "Scottish Index of Multiple Deprivation"
