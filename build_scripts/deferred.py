"""Large generated HTML blocks go around the site builder, not through it.

The full data tables and the inline chart specs are most of the generated Markdown (about
5 of 8 MB). The builder would parse every byte of them twice (Markdown's raw-HTML pass and
the search indexer) and gain nothing: they are finished HTML, and thousands of figures
only add noise to the search index. So ``defer`` swaps each large block for an HTML
comment, which every Markdown builder passes through unchanged, and ``restore`` puts the
blocks back into the built pages. This cut the MkDocs stage from about 8 s to a few.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from build_scripts.errors import NpfError

# Generated blocks only: their text from the data is escaped, so they cannot hold the
# closing tag early.
BLOCKS = re.compile(
    r'<table class="npf-table[^"]*">.*?</table>'
    r'|<script type="application/json" class="vega-spec">.*?</script>',
    re.DOTALL,
)
MIN_SIZE = 1500  # small tables stay in the page as the builder sees it
PLACEHOLDER = "<!-- npf-deferred {index} -->"


def defer(text: str) -> tuple[str, list[str]]:
    """The page with its large blocks replaced by placeholders, and the blocks in order."""
    blocks: list[str] = []

    def swap(match: re.Match[str]) -> str:
        block = match.group(0)
        if len(block) < MIN_SIZE:
            return block
        blocks.append(block)
        return PLACEHOLDER.format(index=len(blocks) - 1)

    return BLOCKS.sub(swap, text), blocks


def built_path(site: Path, page: str) -> Path:
    """Where the builder writes a page (``use_directory_urls: false``): a.md -> a.html."""
    return site / (page.removesuffix(".md") + ".html")


def restore(site: Path, deferred: Mapping[str, list[str]]) -> None:
    """Put every deferred block back into its built page; fail if a placeholder is lost."""
    for page, blocks in deferred.items():
        path = built_path(site, page)
        html = path.read_text(encoding="utf-8")
        for index, block in enumerate(blocks):
            placeholder = PLACEHOLDER.format(index=index)
            if html.count(placeholder) != 1:
                raise NpfError(
                    f"{path}: the site builder did not keep {placeholder!r}; "
                    "it must pass HTML comments through unchanged"
                )
            html = html.replace(placeholder, block)
        path.write_text(html, encoding="utf-8")
