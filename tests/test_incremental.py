"""Which pages of the previous site a build may keep: only unchanged ones, and only when
everything the pages share is unchanged too."""

from __future__ import annotations

from pathlib import Path

from build_scripts.incremental import (
    Record,
    keep_pages,
    load_record,
    make_record,
    page_key,
    pages_to_keep,
    save_record,
    setup_key,
)


def old_site(tmp_path: Path, pages: list[str]) -> Path:
    site = tmp_path / "site"
    for page in pages:
        html = site / (page.removesuffix(".md") + ".html")
        html.parent.mkdir(parents=True, exist_ok=True)
        html.write_text(f"<p>{page}</p>", encoding="utf-8")
    (site / "search").mkdir(parents=True, exist_ok=True)
    (site / "search" / "search_index.json").write_text('{"docs": []}', encoding="utf-8")
    return site


def test_page_key_covers_the_text_and_its_deferred_blocks() -> None:
    assert page_key("a") == page_key("a")
    assert page_key("a") != page_key("b")
    assert page_key("a", ["<table>1</table>"]) != page_key("a", ["<table>2</table>"])
    assert page_key("a", ["x", "y"]) != page_key("a", ["xy"])


def test_setup_key_covers_shared_files_the_file_list_and_the_date(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    key = setup_key([config], ["a.md", "b.md"], "1602460800")
    assert key == setup_key([config], ["b.md", "a.md"], "1602460800")
    assert key != setup_key([config], ["a.md"], "1602460800")
    assert key != setup_key([config], ["a.md", "b.md"], "1602547200")
    config.write_text("site_name: y\n", encoding="utf-8")
    assert key != setup_key([config], ["a.md", "b.md"], "1602460800")


def test_keeps_only_unchanged_pages_that_are_in_the_site(tmp_path: Path) -> None:
    site = old_site(tmp_path, ["index.md", "indicators/a.md", "indicators/b.md"])
    previous = make_record("s", {"index.md": "1", "indicators/a.md": "2", "about.md": "3"}, {})
    current = make_record(
        "s",
        {
            "index.md": "1",
            "indicators/a.md": "2 changed",
            "indicators/b.md": "new",
            "about.md": "3",
            "evidence/c.md": "4",
        },
        {},
    )
    # about.md is unchanged but hand-written (always rendered); evidence/c.md and
    # indicators/b.md were not in the previous record
    assert pages_to_keep(previous, current, site, always={"about.md"}) == {"index.md"}


def test_keeps_nothing_after_a_change_every_page_shares(tmp_path: Path) -> None:
    site = old_site(tmp_path, ["index.md"])
    pages = {"index.md": "1"}
    assert pages_to_keep(None, make_record("s", pages, {}), site) == set()
    assert pages_to_keep(make_record("s", pages, {}), make_record("t", pages, {}), site) == set()
    (site / "search" / "search_index.json").unlink()
    assert pages_to_keep(make_record("s", pages, {}), make_record("s", pages, {}), site) == set()


def test_a_changed_deferred_block_means_a_changed_page(tmp_path: Path) -> None:
    site = old_site(tmp_path, ["index.md"])
    previous = make_record("s", {"index.md": "1"}, {"index.md": ["<table>old</table>"]})
    current = make_record("s", {"index.md": "1"}, {"index.md": ["<table>new</table>"]})
    assert pages_to_keep(previous, current, site) == set()


def test_record_round_trip_and_unreadable_records(tmp_path: Path) -> None:
    path = tmp_path / "builds" / "x.pages.json"
    assert load_record(path) is None
    record = Record("s", {"index.md": "k"})
    save_record(path, record)
    assert load_record(path) == record
    path.write_text("{not json", encoding="utf-8")
    assert load_record(path) is None
    path.write_text('{"format": 0, "setup": "s", "pages": {}}', encoding="utf-8")
    assert load_record(path) is None


def test_kept_pages_are_linked_and_their_sources_dated_before_them(tmp_path: Path) -> None:
    site = old_site(tmp_path, ["indicators/a.md"])
    docs = tmp_path / "docs"
    (docs / "indicators").mkdir(parents=True)
    (docs / "indicators" / "a.md").write_text("# A", encoding="utf-8")
    new = tmp_path / "new"
    keep_pages({"indicators/a.md"}, docs, site, new)
    kept = new / "indicators" / "a.html"
    assert kept.read_text(encoding="utf-8") == "<p>indicators/a.md</p>"
    assert kept.stat().st_mtime > (docs / "indicators" / "a.md").stat().st_mtime
