"""An Open SDG repository's metadata: ``meta/<id>.md`` (YAML front matter) or
``meta/<id>.yml``, and the translations its names point to.

Open SDG's metadata often names things by a key of its translation files rather than in
words (``indicator_name: global_indicators.1-2-2-title``, ``target_name:
global_targets.1-2-title``). ``Translations`` reads those files
(``translations/<language>/<group>.yml``, as ``open-sdg/sdg-translations`` publishes
them) and resolves a key to its text; a key with no text is never guessed at: the caller
uses a marked fallback ("Target 1.2") and the import says so. Metadata in HTML (``<br>``,
``<a href>``) is turned into plain text, since every text from a package is shown as it
is, never as markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from build_scripts.errors import located

KEY = re.compile(r"[a-z_]+\.[A-Za-z0-9_.-]+")
"""A translation key: ``<file>.<key>`` (``global_targets.1-2-title``)."""
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*$", re.DOTALL | re.MULTILINE)


class Translations:
    """The translation files of one language: ``<group>.yml`` each a mapping, nested
    mappings read as dotted keys (``global_goals.1.short``; ``global_targets.1-2-title``
    is ``1-2`` ``title``)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.groups: dict[str, dict[str, Any]] = {}
        if folder is None:
            return
        for path in sorted(folder.glob("*.yml")):
            self.groups[path.stem] = _yaml(path, path.read_text(encoding="utf-8")) or {}

    def text(self, key: str) -> str | None:
        """The text of ``group.key``, or ``None`` where there is none."""
        if not KEY.fullmatch(key):
            return None
        group, _, rest = key.partition(".")
        found = self.groups.get(group)
        if found is None:
            return None
        value = found.get(rest)
        if value is None and rest.endswith("-title"):  # ``1-2-title``: ``1-2`` then ``title``
            entry = found.get(rest.removesuffix("-title"))
            value = entry.get("title") if isinstance(entry, dict) else None
        return " ".join(str(value).split()) if isinstance(value, str | int | float) else None

    def goal(self, goal: str) -> tuple[str | None, str | None]:
        """A goal's short title and full title."""
        entry = self.groups.get("global_goals", {}).get(goal)
        if not isinstance(entry, dict):
            return None, None
        short, title = entry.get("short"), entry.get("title")
        return (
            " ".join(str(short).split()) if short else None,
            " ".join(str(title).split()) if title else None,
        )


def _yaml(path: Path, text: str, first_line: int = 1) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + mark.line if mark is not None else None
        raise located(path, line, None, f"not valid YAML: {error}") from error


def read_meta(path: Path) -> dict[str, Any]:
    """The metadata of one indicator: the YAML front matter of a ``.md`` file (the body
    after it is ``page_content``) or a whole ``.yml`` file. A file that is not a mapping
    is a located problem."""
    text = path.read_text(encoding="utf-8-sig")
    body = ""
    if path.suffix == ".md":
        match = FRONT_MATTER.match(text)
        if match is None:
            data: Any = {}
            body = text
        else:
            data = _yaml(path, match.group(1), first_line=2) or {}
            body = text[match.end() :]
    else:
        data = _yaml(path, text) or {}
    if not isinstance(data, dict):
        raise located(path, 1, None, "the metadata is not a mapping of fields to values")
    out = {str(k): v for k, v in data.items()}
    if body.strip():
        out["page_content"] = body.strip()
    return out


class _Text(HTMLParser):
    """HTML as plain text: paragraphs and line breaks as new lines, a link as its text
    followed by its address in brackets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "p", "li", "div"):
            self.parts.append("\n")
        if tag == "a":
            self.href = dict(attrs).get("href")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.href:
            self.parts.append(f" ({self.href.strip()})")
            self.href = None

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain(value: Any) -> str:
    """Metadata text as plain text: HTML tags turned into line breaks and link
    addresses, runs of spaces and blank lines tidied; empty for nothing."""
    if value is None or isinstance(value, bool):
        return ""
    text = str(value)
    if "<" in text:
        parser = _Text()
        parser.feed(text)
        parser.close()
        text = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def release_date(text: str) -> str:
    """A release date as published (``06/05/2020``, ``2020-05-06``, ``May 2020``) as
    ``YYYY-MM-DD`` or ``YYYY-MM`` where it can be read unambiguously, else empty."""
    s = text.strip()
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", s):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        return ""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


@dataclass(frozen=True)
class Producer:
    """A source of an indicator's figures, as its metadata names it (``source_*_N``)."""

    organisation: str
    title: str
    url: str
    published: str
    next_release: str


@dataclass
class Meta:
    """What the importer reads of one indicator's metadata."""

    fields: dict[str, Any] = field(default_factory=dict)
    path: str = ""

    def text(self, name: str) -> str:
        return plain(self.fields.get(name))

    @property
    def reporting_status(self) -> str:
        return self.text("reporting_status").casefold()

    @property
    def non_statistical(self) -> bool:
        value = self.fields.get("data_non_statistical")
        return value is True or str(value).casefold() == "true"

    def producers(self) -> list[Producer]:
        """The active sources, in their order (``source_active_N`` false leaves one out;
        a source with neither an organisation nor a title is no source)."""
        numbers = sorted(
            {int(m.group(1)) for k in self.fields if (m := re.fullmatch(r"source_\w+?_(\d+)", k))}
        )
        out = []
        for n in numbers:
            active = self.fields.get(f"source_active_{n}", True)
            if active is False or str(active).casefold() == "false":
                continue
            organisation = self.text(f"source_organisation_{n}")
            title = self.text(f"source_url_text_{n}") or self.text(f"source_title_{n}")
            if not (organisation or title):
                continue
            url = self.text(f"source_url_{n}")
            out.append(
                Producer(
                    organisation,
                    title,
                    url if re.fullmatch(r"https?://\S+", url) else "",
                    release_date(self.text(f"source_release_date_{n}")),
                    self.text(f"source_next_release_{n}"),
                )
            )
        return out


DESCRIPTIVE_FIELDS = (
    ("national_indicator_description", "Indicator description"),
    ("computation_definitions", "Definitions"),
    ("computation_calculations", "Calculations"),
    ("computation_units", "Unit of measurement"),
    ("national_geographical_coverage", "Geographical coverage"),
    ("available_disaggregations", "Available disaggregations"),
    ("other_info", "Other information"),
    ("data_footnote", "Footnote"),
    ("page_content", "About the figures"),
    ("un_designated_tier", "UN designated tier"),
    ("un_custodian_agency", "UN custodian agency"),
    ("goal_meta_link", "UN metadata"),
    ("goal_meta_link_text", "UN metadata link text"),
    ("reporting_status", "Reporting status"),
)
"""The metadata fields kept in each indicator's descriptor (``<prefix>:metadata``), in
this order, with the labels of the repository's ``_prose.yml``."""


def descriptive(meta: Meta) -> list[dict[str, str]]:
    """The descriptive metadata of an indicator as published, each field with its label."""
    return [
        {"field": name, "label": label, "text": meta.text(name)}
        for name, label in DESCRIPTIVE_FIELDS
        if meta.text(name)
    ]
