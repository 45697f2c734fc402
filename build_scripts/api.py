"""The static JSON API: files at predictable paths, made from the model and the analyse
stage's results, as plain data (``json_bytes`` writes them: sorted keys, fixed
separators, so the same data gives the same bytes).

- ``api/indicators.json``: every indicator with its outcomes (and its targets and code,
  in a framework that has them), status, latest headline figure, page and downloads;
- ``api/indicators/<slug>.json``: one indicator's metadata, its status with the reasons
  as the analyse stage gives them (each a message: an id and its values) and the
  sentence they make, and every figure as a record (the CSV's columns, with each
  group's name beside its code).

Addresses are made as the catalogue makes them (``catalog.address``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from enum import Enum
from typing import Any

from build_scripts import urls
from build_scripts.analyse.indicators import Analysis
from build_scripts.analyse.statuses import Status
from build_scripts.catalog import address, page_path
from build_scripts.config import Project
from build_scripts.downloads import Download
from build_scripts.messages import Message, phrase, sentences
from build_scripts.metadata import measure_record
from build_scripts.model import Figure, Framework, Indicator

INDEX = "api/indicators.json"
VERSION = 1
"""The API's version, in every file: raised when a field changes its meaning or goes."""


def indicator_path(slug: str) -> str:
    """Where an indicator's file goes, under the site's root."""
    return f"api/indicators/{slug}.json"


def structured(value: Any) -> Any:
    """A message's values as plain JSON: messages as ``{"id", "values"}``, dates as ISO
    text, enumerations as their value, numbers and text as they are. Anything else (a
    helper object a sentence uses to phrase a figure) is left out."""
    if isinstance(value, Message):
        values = {k: structured(v) for k, v in value.values.items()}
        return {"id": value.id, "values": {k: v for k, v in values.items() if v is not _DROP}}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [v for v in (structured(x) for x in value) if v is not _DROP]
    return _DROP


_DROP = object()


def _status(slug: str, indicator: Indicator, analysis: Analysis) -> dict[str, Any]:
    assessment = analysis.assessments.get(slug)
    if assessment is None:
        status = Status.IN_DEVELOPMENT if indicator.in_development else Status.TO_BE_CONFIRMED
        return {"status": status.value}
    reasons = [assessment.why, *assessment.notes]
    return {
        "status": assessment.status.value,
        "method": assessment.method,
        "criterion": {"message": structured(assessment.rule), "text": phrase(assessment.rule)},
        "reasons": [structured(m) for m in reasons],
        "text": sentences(reasons),
    }


def _downloads(slug: str, names: set[str], project: Project) -> dict[str, str]:
    found = {}
    for extension in ("csv", "xlsx", "zip"):
        name = urls.indicator_download(slug, extension)
        if name in names:
            found[extension] = address(urls.download(name), project)
    return found


def _latest(indicator: Indicator, framework: Framework, analysis: Analysis) -> Any:
    latest = analysis.change(indicator.slug).latest
    measure = indicator.headline_measure
    if latest is None or latest.value is None or measure is None:
        return None
    unit = framework.units.get(measure.unit)
    return {
        "measure": measure.name,
        "period": latest.period,
        "period_start": latest.start.isoformat(),
        "period_end": latest.end.isoformat(),
        "value": latest.value,
        "unit": measure.unit,
        "unit_label": unit.label if unit else measure.unit,
    }


def _outcomes(indicator: Indicator, framework: Framework) -> list[dict[str, str]]:
    by_slug = {o.slug: o for o in framework.outcomes}
    return [
        {"slug": s, "name": by_slug[s].name} | _numbered(by_slug[s].code)
        for s in indicator.outcomes
        if s in by_slug
    ]


def _numbered(code: str) -> dict[str, str]:
    """``{"code": ...}`` where the framework numbers the thing, else nothing."""
    return {"code": code} if code else {}


def _levels(indicator: Indicator, framework: Framework) -> dict[str, Any]:
    """In a framework with targets, the indicator's (each with its outcome), and its code
    where it has one; nothing else in one without them (docs/data-format.md)."""
    out: dict[str, Any] = _numbered(indicator.code)
    if framework.targets:
        out["targets"] = [
            {"slug": t.slug, "title": t.title, "outcome": t.outcome} | _numbered(t.code)
            for t in (framework.targets[s] for s in indicator.targets)
        ]
    return out


def _summary(
    indicator: Indicator,
    framework: Framework,
    analysis: Analysis,
    names: set[str],
    project: Project,
) -> dict[str, Any]:
    slug = indicator.slug
    return {
        "slug": slug,
        "title": indicator.title,
        "outcomes": _outcomes(indicator, framework),
        **_levels(indicator, framework),
        "status": _status(slug, indicator, analysis)["status"],
        "latest": _latest(indicator, framework, analysis),
        "page": address(page_path(urls.indicator(slug)), project),
        "api": address(indicator_path(slug), project),
        "downloads": _downloads(slug, names, project),
        **_retired(indicator, framework),
    }


def _retired(indicator: Indicator, framework: Framework) -> dict[str, Any]:
    """For a retired indicator only: the framework version whose revision retired it,
    and the slugs of what replaced it (docs/revisions.md)."""
    replacement = framework.replacement("indicator", indicator.slug)
    if replacement is None:
        return {}
    return {"retired_in": replacement.version, "replaced_by": list(replacement.slugs)}


def figure_record(figure: Figure, framework: Framework) -> dict[str, Any]:
    """A figure as the CSV has it, with each group's name beside its code and the
    further breakdowns of a cross-classified figure numbered as the CSV numbers them."""
    record: dict[str, Any] = {
        "measure": figure.measure,
        "period": figure.period,
        "period_start": figure.period_start.isoformat(),
        "period_end": figure.period_end.isoformat(),
        "value": figure.value,
        "unit": figure.unit,
        "source": figure.source,
    }
    for n, (kind, group) in enumerate(figure.breakdowns, start=1):
        suffix = "" if n == 1 else f"_{n}"
        record[f"breakdown_type{suffix}"] = kind
        record[f"breakdown_group{suffix}"] = group
        record[f"breakdown_group{suffix}_name"] = framework.group_label(kind, group)
    for key in ("lower", "upper", "flag", "note"):
        value = getattr(figure, key)
        if value is not None and value != "":
            record[key] = value
    return record


def _licence(project: Project) -> dict[str, str]:
    licence = project.licence
    return {"name": licence.name, "title": licence.title, "url": licence.url} | (
        {"attribution": licence.attribution} if licence.attribution else {}
    )


def indicator_document(
    indicator: Indicator,
    framework: Framework,
    analysis: Analysis,
    names: set[str],
    project: Project,
) -> dict[str, Any]:
    """One indicator's file: metadata, status with its reasons, every figure."""
    return _summary(indicator, framework, analysis, names, project) | {
        "api_version": VERSION,
        "description": indicator.description,
        "status": _status(indicator.slug, indicator, analysis),
        "measures": [measure_record(m) for m in indicator.measures],
        "sources": [
            {
                k: v
                for k, v in {
                    "id": s.id,
                    "title": s.title,
                    "publisher": s.publisher,
                    "published": s.published,
                    "url": s.url,
                }.items()
                if v
            }
            for s in indicator.sources
        ],
        "last_updated": indicator.last_updated or None,
        "next_update": indicator.next_update or None,
        "licence": _licence(project),
        "figures": [figure_record(f, framework) for f in indicator.figures],
    }


def api_documents(
    framework: Framework,
    analysis: Analysis,
    downloads: Sequence[Download],
    project: Project,
) -> Mapping[str, Any]:
    """Every file of the API, by its path under the site's root."""
    names = {d.name for d in downloads}
    slugs = sorted(framework.indicators)
    index = {
        "api_version": VERSION,
        "licence": _licence(project),
        "indicators": [
            _summary(framework.indicators[s], framework, analysis, names, project) for s in slugs
        ],
    }
    documents: dict[str, Any] = {INDEX: index}
    for slug in slugs:
        indicator = framework.indicators[slug]
        documents[indicator_path(slug)] = indicator_document(
            indicator, framework, analysis, names, project
        )
    return documents
