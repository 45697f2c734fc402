"""The site's datasets described for machines: one ``DatasetEntry`` per dataset (each
indicator with downloads, each equality evidence dataset, ``all.zip``), made once from
the model and the downloads, and written two ways from the same entries:

- ``catalog_document``: ``data/catalog.json``, a DCAT-AP catalogue in JSON-LD;
- ``schema_org``: the schema.org ``Dataset`` a page carries in its JSON-LD, with the same
  name, description, licence and distributions (the same ``contentUrl`` strings).

Addresses are the site's (``[site] url``, or ``NPF_SITE_URL``) joined to the path under
the site's root; without a site address they stay relative to the root, and the JSON-LD
says so with a relative ``@base`` (``../`` from ``data/catalog.json`` and from a page one
folder deep), so both resolve to the same files.

Nothing here is guessed: a date, a coverage or a size the data does not give is left
out of the entry, and so out of both documents.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from build_scripts import urls
from build_scripts.config import Project
from build_scripts.downloads import Download
from build_scripts.messages import message, phrase
from build_scripts.model import EvidenceDataset, Framework, Indicator, Source

CATALOG = urls.CATALOG
"""Where the catalogue goes, under the site's root."""

MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}
"""The IANA media type of each kind of download, by its file name's extension."""

FILE_TYPES = {"csv": "CSV", "xlsx": "XLSX", "zip": "ZIP"}
"""The EU file-type authority's code of each kind (``dct:format``)."""
FILE_TYPE_AUTHORITY = "http://publications.europa.eu/resource/authority/file-type/"
LANGUAGE_AUTHORITY = "http://publications.europa.eu/resource/authority/language/"
LANGUAGES = {"en": "ENG", "gd": "GLA", "cy": "CYM", "ga": "GLE", "fr": "FRA", "de": "DEU"}
IANA = "https://www.iana.org/assignments/media-types/"

DCAT_CONTEXT: dict[str, str] = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "locn": "http://www.w3.org/ns/locn#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass(frozen=True)
class Distribution:
    """One download of a dataset: its name under ``data/`` and, once built, its size."""

    name: str
    byte_size: int | None = None

    @property
    def extension(self) -> str:
        return self.name.rsplit(".", 1)[-1]

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.extension]

    @property
    def path(self) -> str:
        """The path under the site's root."""
        return urls.download(self.name)


@dataclass(frozen=True)
class Place:
    """A place a dataset covers: the project's place (no code), or a place of a
    geography with its code."""

    name: str
    code: str = ""


@dataclass(frozen=True)
class DatasetEntry:
    """A dataset as the catalogue and the pages' JSON-LD describe it."""

    id: str  # "indicators/<slug>", "evidence/<slug>" or "all"
    title: str
    description: str
    keywords: tuple[str, ...]
    distributions: tuple[Distribution, ...]
    page: str = ""  # the page's path under docs (``indicators/x.md``); empty: none
    issued: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD: the earliest source's publication
    modified: str = ""  # the same forms: the figures' last update
    start: str = ""  # the first day of the first period (YYYY-MM-DD)
    end: str = ""  # the last day of the last period
    places: tuple[Place, ...] = ()


def sizes(downloads: Sequence[Download]) -> dict[str, int | None]:
    """Each download's size in bytes, by name; ``None`` for one not built (a plan)."""
    return {d.name: d.source.stat().st_size if d.source is not None else None for d in downloads}


def _distributions(
    names: Iterable[str], sizes: Mapping[str, int | None]
) -> tuple[Distribution, ...]:
    return tuple(Distribution(n, sizes[n]) for n in names if n in sizes)


def _issued(sources: Sequence[Source]) -> str:
    dates = [s.published for s in sources if s.published]
    return min(dates) if dates else ""


def indicator_entry(
    framework: Framework,
    indicator: Indicator,
    sizes: Mapping[str, int | None],
    project: Project,
) -> DatasetEntry:
    """An indicator's entry: its title after its code (where it has one), its outcomes,
    targets (where numbered: ``Target 1.2``) and breakdowns as keywords, its figures'
    periods and places as coverage, its zip, CSV and workbook as distributions."""
    names = [urls.indicator_download(indicator.slug, e) for e in ("csv", "xlsx", "zip")]
    by_slug = {o.slug: o.name for o in framework.outcomes}
    outcomes = [by_slug[s] for s in indicator.outcomes if s in by_slug]
    targets = [
        _said("page.level.short", noun=project.nouns.target, code=t.code, name=t.title)
        for t in (framework.targets[s] for s in indicator.targets)
        if t.code
    ]
    breakdowns: dict[str, None] = {}
    places: dict[tuple[str, str], None] = {}
    for f in indicator.figures:
        for kind, group in f.breakdowns:
            if kind == "total":
                continue
            breakdowns.setdefault(framework.breakdown_name(kind), None)
            place = framework.places.get(kind, {}).get(group)
            if place is not None:
                places.setdefault((place.name, place.code), None)
    starts = [f.period_start.isoformat() for f in indicator.figures]
    ends = [f.period_end.isoformat() for f in indicator.figures]
    return DatasetEntry(
        id=f"indicators/{indicator.slug}",
        title=_said("page.level.coded", code=indicator.code, name=indicator.title),
        description=indicator.description or indicator.title,
        keywords=_unique([*outcomes, *targets, *breakdowns]),
        distributions=_distributions(names, sizes),
        page=urls.indicator(indicator.slug),
        issued=_issued(indicator.sources),
        modified=indicator.last_updated,
        start=min(starts, default=""),
        end=max(ends, default=""),
        places=(Place(project.place), *(Place(n, c) for n, c in sorted(places))),
    )


def evidence_entry(
    framework: Framework,
    dataset: EvidenceDataset,
    title: str,
    sizes: Mapping[str, int | None],
    project: Project,
) -> DatasetEntry:
    """An equality evidence dataset's entry; ``title``: the one its page shows."""
    known = framework.characteristics.get(dataset.characteristic)
    characteristic = known.name if known else dataset.characteristic
    starts = [str(r["period_start"]) for r in dataset.rows if r.get("period_start")]
    ends = [str(r["period_end"]) for r in dataset.rows if r.get("period_end")]
    return DatasetEntry(
        id=f"evidence/{dataset.slug}",
        title=title,
        description=dataset.description or title,
        keywords=_unique([characteristic, dataset.policy_area]),
        distributions=_distributions([urls.evidence_download(dataset.slug)], sizes),
        page=urls.evidence(dataset.slug),
        issued=_issued(dataset.sources),
        modified=dataset.last_updated,
        start=min(starts, default=""),
        end=max(ends, default=""),
        places=(Place(project.place),),
    )


def _said(id: str, **values: str) -> str:
    """A name as the pages give it, with its code (the catalogue's ``page.level``)."""
    return phrase(message(id, **values))


def _unique(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(w for w in words if w))


def all_entry(
    framework: Framework, sizes: Mapping[str, int | None], project: Project, description: str
) -> DatasetEntry | None:
    """``all.zip``: every data package, its coverage the union of the indicators'."""
    if urls.ALL_ZIP not in sizes:
        return None
    starts = [f.period_start.isoformat() for i in framework.indicators.values() for f in i.figures]
    ends = [f.period_end.isoformat() for i in framework.indicators.values() for f in i.figures]
    dates = [i.last_updated for i in framework.indicators.values() if i.last_updated]
    return DatasetEntry(
        id="all",
        title=project.name,
        description=description,
        keywords=_unique(o.name for o in framework.outcomes),
        distributions=_distributions([urls.ALL_ZIP], sizes),
        page=urls.DATA,
        modified=max(dates, default=""),
        start=min(starts, default=""),
        end=max(ends, default=""),
        places=(Place(project.place),),
    )


def entries(
    framework: Framework,
    downloads: Sequence[Download],
    project: Project,
    evidence_titles: Mapping[str, str],
    all_description: str,
) -> list[DatasetEntry]:
    """Every dataset of the site that has a download, in a fixed order: ``all.zip``,
    the indicators by slug, the evidence datasets by slug."""
    known = sizes(downloads)
    names = set(known)
    found: list[DatasetEntry] = []
    everything = all_entry(framework, known, project, all_description)
    if everything is not None:
        found.append(everything)
    for slug in sorted(framework.indicators):
        indicator = framework.indicators[slug]
        if urls.indicator_download(slug, "zip") in names:
            found.append(indicator_entry(framework, indicator, known, project))
    for dataset in sorted(framework.evidence, key=lambda d: d.slug):
        if urls.evidence_download(dataset.slug) in names:
            title = evidence_titles.get(dataset.slug, dataset.title)
            found.append(evidence_entry(framework, dataset, title, known, project))
    return found


# --- addresses -------------------------------------------------------------------------


def address(path: str, project: Project) -> str:
    """A path under the site's root as the machine-readable documents give it: joined
    to the site's address when there is one, else as it is (relative to the root)."""
    return project.publishing.site_url + path


def relative_base(document: str) -> str:
    """The ``@base`` that makes root-relative paths resolve from ``document`` (a path
    under the site's root): ``../`` from ``data/catalog.json``, ``./`` from the root."""
    depth = posixpath.dirname(document).count("/") + 1 if "/" in document else 0
    return "../" * depth or "./"


def page_path(page: str) -> str:
    """A page's path under the site's root (its built name)."""
    return page.removesuffix(".md") + ".html"


def _date(text: str) -> dict[str, str]:
    """A date as published, typed by its precision (year, month or day)."""
    kind = {4: "xsd:gYear", 7: "xsd:gYearMonth"}.get(len(text), "xsd:date")
    return {"@value": text, "@type": kind}


# --- DCAT-AP ---------------------------------------------------------------------------


def _publisher(project: Project) -> dict[str, Any] | None:
    """Whose statistics the datasets are (``[publisher]``)."""
    publishing = project.publishing
    if not publishing.statistics_by:
        return None
    agent: dict[str, Any] = {"@type": "foaf:Agent", "foaf:name": publishing.statistics_by}
    if publishing.statistics_url:
        agent["foaf:homepage"] = {"@id": publishing.statistics_url}
    return agent


def _contact(project: Project) -> dict[str, Any] | None:
    """Where readers reach the site's publisher (``[site] contact``) or, without one,
    the figures' producer (``[publisher] contact``): an email address
    (``vcard:hasEmail``) or a page (``vcard:hasURL``)."""
    publishing = project.publishing
    if publishing.contact:
        link = publishing.contact_url
        name = publishing.site_publisher or publishing.statistics_by or project.name
    elif publishing.statistics_contact:
        link = publishing.statistics_contact_url
        name = publishing.statistics_by or project.name
    else:
        return None
    kind = "vcard:hasEmail" if link.startswith("mailto:") else "vcard:hasURL"
    return {"@type": "vcard:Organization", "vcard:fn": name, kind: {"@id": link}}


def _licence(project: Project) -> dict[str, Any]:
    return {"@id": project.licence.url, "@type": "dct:LicenseDocument"}


def _dcat_distribution(d: Distribution, entry: DatasetEntry, project: Project) -> dict[str, Any]:
    url = address(d.path, project)
    out: dict[str, Any] = {
        "@type": "dcat:Distribution",
        "dct:title": f"{entry.title} ({FILE_TYPES[d.extension]})",
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dcat:mediaType": {"@id": IANA + d.media_type},
        "dct:format": {"@id": FILE_TYPE_AUTHORITY + FILE_TYPES[d.extension]},
        "dct:license": _licence(project),
    }
    if d.byte_size is not None:
        out["dcat:byteSize"] = {"@value": str(d.byte_size), "@type": "xsd:nonNegativeInteger"}
    return out


def _location(place: Place) -> dict[str, Any]:
    location: dict[str, Any] = {"@type": "dct:Location", "locn:geographicName": place.name}
    if place.code:
        location["dct:identifier"] = place.code
    return location


def _dcat_dataset(entry: DatasetEntry, project: Project) -> dict[str, Any]:
    out: dict[str, Any] = {
        "@id": address(page_path(entry.page), project) + "#dataset" if entry.page else entry.id,
        "@type": "dcat:Dataset",
        "dct:identifier": entry.id,
        "dct:title": entry.title,
        "dct:description": entry.description,
        "dct:license": _licence(project),
        "dcat:distribution": [_dcat_distribution(d, entry, project) for d in entry.distributions],
    }
    if entry.keywords:
        out["dcat:keyword"] = list(entry.keywords)
    if publisher := _publisher(project):
        out["dct:publisher"] = publisher
    if contact := _contact(project):
        out["dcat:contactPoint"] = contact
    if entry.page:
        out["dcat:landingPage"] = {"@id": address(page_path(entry.page), project)}
    if entry.issued:
        out["dct:issued"] = _date(entry.issued)
    if entry.modified:
        out["dct:modified"] = _date(entry.modified)
    if entry.start and entry.end:
        out["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": _date(entry.start),
            "dcat:endDate": _date(entry.end),
        }
    if entry.places:
        out["dct:spatial"] = [_location(p) for p in entry.places]
    if language := LANGUAGES.get(project.language):
        out["dct:language"] = {"@id": LANGUAGE_AUTHORITY + language}
    return out


def catalog_document(entries: Sequence[DatasetEntry], project: Project) -> dict[str, Any]:
    """The DCAT-AP catalogue of ``entries``, as JSON-LD."""
    context: dict[str, str] = dict(DCAT_CONTEXT)
    if not project.publishing.site_url:
        context["@base"] = relative_base(CATALOG)
    catalog: dict[str, Any] = {
        "@context": context,
        "@id": address(CATALOG, project),
        "@type": "dcat:Catalog",
        "dct:title": project.name,
        "dct:description": project.description or project.name,
        "dct:license": _licence(project),
        "foaf:homepage": {"@id": address("index.html", project)},
        "dcat:dataset": [_dcat_dataset(e, project) for e in entries],
    }
    if publisher := _publisher(project):
        catalog["dct:publisher"] = publisher
    if language := LANGUAGES.get(project.language):
        catalog["dct:language"] = {"@id": LANGUAGE_AUTHORITY + language}
    modified = [e.modified for e in entries if e.modified]
    if modified:
        catalog["dct:modified"] = _date(max(modified))
    return catalog


# --- schema.org --------------------------------------------------------------------


def schema_org(entry: DatasetEntry, project: Project) -> dict[str, Any]:
    """The schema.org ``Dataset`` of a dataset's page: the catalogue's name, description,
    licence and distributions (the same addresses and media types)."""
    context: Any = "https://schema.org/"
    if not project.publishing.site_url:
        context = [context, {"@base": relative_base(page_path(entry.page))}]
    out: dict[str, Any] = {
        "@context": context,
        "@type": "Dataset",
        "@id": address(page_path(entry.page), project) + "#dataset",
        "name": entry.title,
        "description": entry.description,
        "url": address(page_path(entry.page), project),
        "license": project.licence.url,
        "isAccessibleForFree": True,
        "inLanguage": project.language,
        "distribution": [
            {
                "@type": "DataDownload",
                "contentUrl": address(d.path, project),
                "encodingFormat": d.media_type,
                **({"contentSize": f"{d.byte_size} B"} if d.byte_size is not None else {}),
            }
            for d in entry.distributions
        ],
    }
    if entry.keywords:
        out["keywords"] = list(entry.keywords)
    publishing = project.publishing
    if publishing.statistics_by:
        organisation: dict[str, Any] = {"@type": "Organization", "name": publishing.statistics_by}
        if publishing.statistics_url:
            organisation["url"] = publishing.statistics_url
        out["publisher"] = out["creator"] = organisation
    if entry.issued:
        out["datePublished"] = entry.issued
    if entry.modified:
        out["dateModified"] = entry.modified
    if entry.start and entry.end:
        out["temporalCoverage"] = f"{entry.start}/{entry.end}"
    if entry.places:
        out["spatialCoverage"] = [
            {"@type": "Place", "name": p.name, **({"identifier": p.code} if p.code else {})}
            for p in entry.places
        ]
    return out


# --- serialising -------------------------------------------------------------------


def json_bytes(document: Any) -> bytes:
    """Deterministic JSON: sorted keys, fixed separators, UTF-8, a final newline."""
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return (text + "\n").encode("utf-8")


SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def script_json(document: Any) -> str:
    """JSON for inside a ``<script>`` element: ``<``, ``>`` and ``&`` written as
    ``\\u003c`` and so on, so no text (``</script>``, ``<!--``) can end the element;
    U+2028 and U+2029 escaped too. The JSON means the same."""
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, indent=None)
    for char, escape in SCRIPT_ESCAPES.items():
        text = text.replace(char, escape)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
