"""The page cache (``pages.keys``): which pages have a key, what changes it, and the
check mode that catches a key missing an input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_scripts.catalog import sizes
from build_scripts.config import default_project
from build_scripts.errors import NpfError
from build_scripts.pages import plan_downloads, render_pages
from build_scripts.pages.keys import PageCache, base_key
from tests.pages.conftest import BUILD_DATE, FIXTURE, Site


def _cache(tmp_path: Path, data: Path = FIXTURE, *, check: bool = False) -> PageCache:
    base = base_key(default_project(), BUILD_DATE)
    return PageCache(tmp_path / "pages", data, base, check=check)


def _render(site: Site, cache: PageCache) -> dict[str, str]:
    return render_pages(
        site.framework, site.assessments, site.charts, site.svgs, build_date=BUILD_DATE, cache=cache
    )


def _no_sizes() -> dict[str, int | None]:
    return {}


def test_pages_from_the_cache_are_the_pages_rendered(site: Site, tmp_path: Path) -> None:
    first = _cache(tmp_path)
    assert _render(site, first) == site.pages
    assert first.hits == 0
    again = _cache(tmp_path)
    assert _render(site, again) == site.pages
    keyed = [p for p in site.pages if p.startswith(("indicators/", "evidence/"))]
    assert keyed and again.hits == len(keyed)


def test_a_page_is_taken_from_the_cache_and_the_check_mode_refuses_a_stale_one(
    site: Site, tmp_path: Path
) -> None:
    _render(site, _cache(tmp_path))
    slug = next(iter(site.framework.indicators))
    page = f"indicators/{slug}.md"
    planned = sizes(plan_downloads(site.framework))  # what render_pages reads
    key = _cache(tmp_path).key("indicator", slug, lambda: planned)
    assert key is not None
    stale = site.pages[page].replace(site.framework.indicators[slug].title, "An old title")
    assert stale != site.pages[page]
    found = next((tmp_path / "pages").rglob(f"{key}.md"))
    found.write_text(stale, encoding="utf-8")
    # trusted as it is without the check (what a key that forgot an input would give)
    assert _render(site, _cache(tmp_path))[page] == stale
    with pytest.raises(NpfError, match=f"the page {page} kept from the page cache differs"):
        _render(site, _cache(tmp_path, check=True))


def test_a_page_key_changes_with_what_the_page_reads_only(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    indicators = sorted(p.name for p in (data / "indicators").iterdir())
    one, other = indicators[0], indicators[1]
    evidence = sorted(p.name for p in (data / "equality-evidence").iterdir())[0]

    def keys() -> dict[str, str | None]:
        cache = _cache(tmp_path, data)
        return {
            "one": cache.key("indicator", one, _no_sizes),
            "other": cache.key("indicator", other, _no_sizes),
            "evidence": cache.key("evidence", evidence, _no_sizes),
            "home": cache.key("home", "", _no_sizes),
        }

    before = keys()
    assert before["home"] is None  # a page that reads every indicator has no key
    table = data / "indicators" / other / f"{other}.csv"
    table.write_text(table.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after = keys()
    assert after["other"] != before["other"]
    assert (after["one"], after["evidence"]) == (before["one"], before["evidence"])
    catalogue = data / "framework" / "indicators.csv"
    catalogue.write_text(catalogue.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert all(new != old for new, old in zip(keys().values(), after.values(), strict=True) if old)
    sized = _cache(tmp_path, data).key("indicator", one, lambda: {f"{one}.zip": 10})
    assert sized != keys()["one"]


def test_every_page_reads_the_code_and_the_build_date() -> None:
    project = default_project()
    assert base_key(project, BUILD_DATE) == base_key(project, BUILD_DATE)
    assert base_key(project, BUILD_DATE) != base_key(project, None)
