"""The maintainers' guides as pages (pages/guides.py): each guide as written, under
front matter from its heading, and a page listing them; the repository's guides link
only to each other, so their links work on the site too."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
from bs4 import BeautifulSoup

from build_scripts import urls
from build_scripts.config import default_project, load_project
from build_scripts.pages.guides import guide_pages, read_guides
from build_scripts.pages.render import words
from build_scripts.stamp import ROOT

ADDING = """\
# Adding an indicator

An indicator is [a data package](data-format.md) with **`figures`**. It needs a slug.

1. Make the package.
"""
RELEASING = """\
# Releasing

```
npf release 2026.1
```

| a | b |
| --- | --- |

Run the command, then commit `releases/`.
"""


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "guides"
    folder.mkdir()
    (folder / "adding-an-indicator.md").write_text(ADDING, encoding="utf-8")
    (folder / "releasing.md").write_text(RELEASING, encoding="utf-8")
    (folder / "notes.txt").write_text("not a guide", encoding="utf-8")
    return folder


def _front(page: str) -> str:
    return page.split("---", 2)[1]


def test_guides_are_read_with_their_title_and_first_sentence(tmp_path: Path) -> None:
    guides = read_guides(_folder(tmp_path))
    assert [(g.path, g.title, g.summary) for g in guides] == [
        (
            "maintainers/adding-an-indicator.md",
            "Adding an indicator",
            "An indicator is a data package with figures.",
        ),
        # the code block and the table are passed over for the first prose
        ("maintainers/releasing.md", "Releasing", "Run the command, then commit releases/."),
    ]
    assert read_guides(None) == [] and read_guides(tmp_path / "none") == []


def test_each_guide_is_published_as_written_and_listed(tmp_path: Path) -> None:
    guides = read_guides(_folder(tmp_path))
    pages = guide_pages(guides, words(default_project()))
    assert set(pages) == {urls.GUIDES, *(g.path for g in guides)}
    page = pages["maintainers/adding-an-indicator.md"]
    assert page.endswith(ADDING)  # the Markdown as its maintainers wrote it
    assert 'title: "Adding an indicator"' in _front(page)
    assert "exclude: true" in _front(page)  # not among the figures in search
    listing = pages[urls.GUIDES]
    assert "exclude: true" in _front(listing)
    html = BeautifulSoup(markdown.markdown(listing.split("---", 2)[2]), "html.parser")
    links = {a.get_text(): a["href"] for a in html.find_all("a")}
    assert links == {
        "Adding an indicator": "adding-an-indicator.html",
        "Releasing": "releasing.html",
    }
    assert guide_pages([], words(default_project())) == {}


def test_the_repositorys_guides_are_published_and_link_only_to_each_other() -> None:
    project = load_project(ROOT)
    assert project.paths.maintainers == ROOT / "docs"
    guides = read_guides(project.paths.maintainers)
    names = {Path(g.path).name for g in guides}
    assert {"adding-an-indicator.md", "updating-figures-with-a-workbook.md"} <= names
    for guide in guides:
        assert guide.summary, guide.path
        prose = re.sub(r"`[^`]*`", "", re.sub(r"```.*?```", "", guide.text, flags=re.S))
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", prose):
            if ":" in target:  # a link out of the site
                continue
            assert target in names, f"{guide.path} links to {target}, not a guide"
