"""The page kinds: one list that the page writer and the site's navigation both read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from build_scripts.pages.kinds import (
    KINDS,
    NAV_SECTIONS,
    kind,
    nav_entries,
    nav_variable,
    not_in_nav_patterns,
)
from tests.pages.conftest import Site

MKDOCS = Path(__file__).resolve().parents[2] / "mkdocs.yml"


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as data: its ``!ENV`` tags read as the name of their variable."""


_Loader.add_constructor(
    "!ENV",
    lambda loader, node: loader.construct_sequence(node)[0],
)


def _config() -> dict[str, Any]:
    config: dict[str, Any] = yaml.load(MKDOCS.read_text(encoding="utf-8"), Loader=_Loader)
    return config


def test_nav_lists_the_kinds_with_a_section_in_their_order() -> None:
    """The generated pages in mkdocs.yml's nav are the kinds that have a section there,
    with the same titles, in the registry's order (the hand-written pages are the rest).
    The releases page is reached from the data page instead: the nav is the same for
    every project, and a project with no release has no such page."""
    single = {k.url for k in KINDS if not k.per_thing and not k.with_releases}
    entries = [
        (title, page)
        for entry in _config()["nav"]
        if isinstance(entry, dict)
        for title, page in entry.items()
        if isinstance(page, str) and page in single
    ]
    assert entries == nav_entries()
    assert {page for _, page in entries} == single


def test_not_in_nav_covers_the_folders_of_the_kinds() -> None:
    listed = {line.strip() for line in _config()["not_in_nav"].splitlines() if line.strip()}
    assert listed == not_in_nav_patterns()


def test_every_page_comes_from_a_kind(site: Site) -> None:
    """Each page's path matches its kind's URL; every kind gives at least one page of the
    test site, but the kinds that wait for a release (it has none: tests/site/
    test_releases.py builds one that has) and those of a framework with targets (it has
    none: tests/pages/test_targets.py renders one that has)."""
    for page in site.pages:
        assert any(_matches(k.url, page) for k in KINDS), page
    for k in KINDS:
        found = any(_matches(k.url, page) for page in site.pages)
        assert found != (k.with_releases or k.with_targets), k.name


def test_kind_lookup() -> None:
    assert kind("indicator").path("child-poverty") == "indicators/child-poverty.md"
    assert kind("home").path() == "index.md"


def _matches(pattern: str, page: str) -> bool:
    if "{slug}" not in pattern:
        return page == pattern
    head, tail = pattern.split("{slug}")
    slug = page[len(head) : len(page) - len(tail)]
    return page.startswith(head) and page.endswith(tail) and "/" not in slug and slug != "index"


def test_a_golden_page_for_every_kind() -> None:
    from tests.pages.test_pages import GOLDEN_PAGES
    from tests.pages.test_releases import GOLDEN_RELEASE_PAGES
    from tests.pages.test_targets import GOLDEN_TARGET_PAGES

    for k in KINDS:
        golden = (
            GOLDEN_RELEASE_PAGES
            if k.with_releases
            else GOLDEN_TARGET_PAGES
            if k.with_targets
            else GOLDEN_PAGES
        )
        assert any(_matches(k.url, page) for page in golden), k.name


def test_every_section_of_the_nav_is_titled_by_the_catalogue_in_the_projects_words() -> None:
    """mkdocs.yml's nav titles are ``NPF_NAV_<SECTION>`` for the sections in order, and
    the build gives each the catalogue's words with the project's nouns."""
    from build_scripts.config import load_project
    from build_scripts.messages import english, use
    from build_scripts.publish import mkdocs_settings

    titles = [next(iter(entry)) for entry in _config()["nav"]]
    assert titles == [nav_variable(s) for s in NAV_SECTIONS]
    assert {f"nav.{s}" for s in NAV_SECTIONS} <= english().ids()
    with use(english()):
        settings = mkdocs_settings(load_project(MKDOCS.parent))
    assert [settings[nav_variable(s)] for s in NAV_SECTIONS] == [
        "Home",
        "National Outcomes",
        "Equality",
        "Council areas",
        "Data",
        "About",
    ]


def _front_matter(page: str) -> dict[str, Any]:
    _, front, _ = page.split("---\n", 2)
    found: dict[str, Any] = yaml.safe_load(front)
    return found


def test_search_boosts_are_in_the_front_matter(site: Site) -> None:
    """Each page carries its kind's search boost as Material reads it (``search:
    boost:``): outcomes above indicators above ordinary pages above evidence datasets."""
    for path, page in site.pages.items():
        boost = next(k.search_boost for k in KINDS if _matches(k.url, path))
        front = _front_matter(page)
        if boost is None:
            assert "search" not in front, path
        else:
            assert front["search"] == {"boost": boost}, path
    boosts = {k.name: k.search_boost or 1.0 for k in KINDS}
    assert boosts["outcome"] > boosts["indicator"] > boosts["home"] > boosts["evidence"]
