"""What lets a page be shared, cited and trusted: the footer every page carries (who
publishes the site and the figures, under which licence, whom to contact) and the
"Cite this" block of indicator and evidence pages (plain text in the style of UK
official statistics, BibTeX and CSL-JSON).

The words are the catalogue's (``page.footer.*``, ``page.cite.*``); names from the
configuration and the data are escaped here, once, before a message places them. BibTeX
and CSL-JSON are formats, not sentences: their fields are written here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

from build_scripts.config import Project
from build_scripts.formatting import published_date
from build_scripts.messages import Message, phrase
from build_scripts.release import Release

_LINK = Markup('<a href="{}">{}</a>')


def _link(text: str, url: str) -> Markup:
    """``text`` linked to ``url`` when it is an ``http(s)``/``mailto`` address; the text
    alone (escaped) otherwise."""
    if url.split(":", 1)[0].lower() in ("http", "https", "mailto"):
        return _LINK.format(url, text)
    return escape(text)


def _say(id: str, **values: object) -> str:
    return phrase(Message(id, values))


def footer_html(project: Project, latest: Release | None = None) -> str:
    """The footer's sentences as HTML (Material prints ``copyright`` as it is): the
    site's publisher (when configured), whose official statistics the figures are and
    under which licence, the attribution, the contacts of the site and of the figures'
    producer (each when configured), and the ``latest`` release's version and date."""
    publishing, licence = project.publishing, project.licence
    said: list[str] = []
    if publishing.site_publisher:
        said.append(_say("page.footer.site_publisher", publisher=escape(publishing.site_publisher)))
    licence_link = _link(licence.title, licence.url)
    if publishing.statistics_by:
        publisher = _link(publishing.statistics_by, publishing.statistics_url)
        said.append(_say("page.footer.figures", publisher=publisher, licence=licence_link))
    else:
        said.append(_say("page.footer.figures_unnamed", licence=licence_link))
    if licence.attribution:
        said.append(str(escape(licence.attribution)))
    if publishing.contact:
        contact = _link(publishing.contact, publishing.contact_url)
        said.append(_say("page.footer.contact", contact=contact))
    if publishing.statistics_contact:
        contact = _link(publishing.statistics_contact, publishing.statistics_contact_url)
        said.append(_say("page.footer.statistics_contact", contact=contact))
    if latest is not None:
        day = escape(published_date(latest.date))
        said.append(_say("page.footer.release", version=escape(latest.version), date=day))
    return Markup('<p class="npf-footer">{}</p>').format(Markup(" ".join(said)))


# --- "Cite this" --------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """One page's citation in three forms, each text to copy (the page escapes it)."""

    plain: str
    bibtex: str
    csl_json: str


@dataclass(frozen=True)
class Cited:
    """What a citation says of a page: its title, kind ("indicator"), path in the site
    (``indicators/x.html``), the date its figures were released (``YYYY``, ``YYYY-MM`` or
    ``YYYY-MM-DD``, or ``""``) and the latest period of its figures; once released, the
    latest release that holds its figures (``npf release``) and the path of its data at
    that release, an address that does not change."""

    key: str
    title: str
    kind: str
    path: str
    released: str = ""
    latest: str = ""
    release: str = ""
    release_data: str = ""


def _date_parts(text: str) -> list[int]:
    return [int(p) for p in text.split("-") if p.isdigit()][:3]


_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}~^\\])")


def bibtex_text(value: str) -> str:
    """``value`` for a BibTeX field in braces: TeX's special characters escaped."""
    replaced = {"~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}
    return _BIBTEX_SPECIAL.sub(lambda m: replaced.get(m.group(1), "\\" + m.group(1)), value)


def citation(project: Project, page: Cited, accessed: date | None) -> Citation:
    """The citation of ``page``: its permanent URL when the site has one (else its path
    in the site), the publisher of the figures (else the site's name), the date they
    were released, and ``accessed`` (the stated build date) when there is one."""
    publishing = project.publishing
    address = publishing.absolute(page.path) or page.path
    publisher = publishing.statistics_by or project.name
    release_data = publishing.absolute(page.release_data) or page.release_data
    plain = _say(
        "page.cite.plain",
        publisher=publisher,
        released=published_date(page.released) if page.released else "",
        site=project.name,
        kind=page.kind,
        title=page.title,
        latest=page.latest,
        address=address,
        accessed=published_date(accessed.isoformat()) if accessed else "",
        release=page.release,
        release_data=release_data,
    )
    year = page.released[:4] if page.released else ""
    fields = [
        ("author", "{" + bibtex_text(publisher) + "}"),
        ("title", "{" + bibtex_text(page.title) + "}"),
        ("howpublished", bibtex_text(project.name)),
        ("publisher", bibtex_text(publisher)),
    ]
    if year:
        fields.append(("year", year))
    if page.released:
        fields.append(("date", page.released))
    fields.append(("url", address))
    if accessed:
        fields.append(("urldate", accessed.isoformat()))
    notes = [_say("page.cite.note", latest=page.latest)] if page.latest else []
    if page.release:
        fields.append(("version", bibtex_text(page.release)))
        said = _say("page.cite.release_note", release=page.release, release_data=release_data)
        notes.append(said)
    note = "; ".join(notes)
    if note:
        fields.append(("note", bibtex_text(note)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    bibtex = f"@misc{{{page.key},\n{body}\n}}"
    item: dict[str, object] = {
        "id": page.key,
        "type": "dataset",
        "title": page.title,
        "author": [{"literal": publisher}],
        "publisher": publisher,
        "container-title": project.name,
        "genre": page.kind,
        "URL": address,
    }
    if page.release:
        item["version"] = page.release
    if page.released:
        item["issued"] = {"date-parts": [_date_parts(page.released)]}
    if accessed:
        item["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    if note:
        item["note"] = note
    csl = json.dumps([item], ensure_ascii=False, indent=2)
    return Citation(plain, bibtex, csl)
