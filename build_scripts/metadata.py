"""Indicator metadata has one home: the framework package's catalogue.

An indicator's title, outcomes, measures, criteria for change, availability, last update
and next update are kept once, in ``framework/indicators.csv``, ``measures.csv`` and
``indicator-outcomes.csv``: one table a maintainer edits for a release (every next
update side by side), typed and checked by its Table Schema and foreign keys, with
errors located by row and column. An indicator's own ``datapackage.json`` holds what is
only its own (name, description, sources, licence, its table's schema) and none of the
catalogue's properties.

A published copy of an indicator package (its zip and its place in ``all.zip``) must
still describe itself, so the build puts the catalogue's properties back into it with
``published_descriptor``, in the order the importer once wrote them, so the published
descriptor reads as it did when both copies were kept in git.
"""

from __future__ import annotations

import json
from typing import Any

from build_scripts.contract import custom
from build_scripts.model import Indicator, Measure

CATALOGUED = {
    "code": "indicators.csv (code)",
    "outcomes": "indicator-outcomes.csv",
    "targets": "indicator-targets.csv",
    "measures": "measures.csv",
    "criteria": "indicators.csv (criteria)",
    "availability": "indicators.csv (availability)",
    "last_updated": "indicators.csv (last_updated)",
    "next_update": "indicators.csv (next_update)",
}
"""The custom properties whose home is the catalogue (never in a source descriptor),
with where in ``framework/`` they are kept; the package's ``title`` is the catalogue's
too (``indicators.csv``)."""


def catalogued(prefix: str) -> tuple[str, ...]:
    """The descriptor keys whose home is the catalogue, with the project's property
    prefix: ``title``, ``npf:outcomes``, ..."""
    return ("title", *(custom(name, prefix) for name in CATALOGUED))


_BEFORE = ("$schema", "name")
_AFTER = ("description", "licenses", "sources", "version")


def measure_record(m: Measure) -> dict[str, Any]:
    """A measure as the published descriptor and the JSON API describe it."""
    return {
        "name": m.name,
        "title": m.title,
        "description": m.description,
        "unit": m.unit,
        "direction": m.direction,
        "headline": m.headline,
    }


def catalogue_properties(indicator: Indicator, prefix: str) -> dict[str, Any]:
    """The catalogue's properties of one indicator, as a published descriptor has them
    (``code``, ``targets``, ``last_updated`` and ``next_update`` only when known)."""
    properties: dict[str, Any] = {"title": indicator.title}
    if indicator.code:
        properties[custom("code", prefix)] = indicator.code
    properties[custom("outcomes", prefix)] = list(indicator.outcomes)
    if indicator.targets:
        properties[custom("targets", prefix)] = list(indicator.targets)
    properties |= {
        custom("measures", prefix): [
            measure_record(m) | {"decimals": m.decimals if m.decimals is not None else 0}
            for m in indicator.measures
        ],
        custom("criteria", prefix): indicator.criteria,
        custom("availability", prefix): indicator.availability,
    }
    if indicator.last_updated:
        properties[custom("last_updated", prefix)] = indicator.last_updated
    if indicator.next_update:
        properties[custom("next_update", prefix)] = indicator.next_update
    return properties


def published_descriptor(
    descriptor: dict[str, Any], indicator: Indicator, prefix: str
) -> dict[str, Any]:
    """``descriptor`` (an indicator's source descriptor) with the catalogue's properties
    put back: the package's title first after its name, the custom properties (with the
    project's ``prefix``) before ``resources``, and the title on its one resource."""
    added = catalogue_properties(indicator, prefix)
    title = added.pop("title")
    keys = catalogued(prefix)
    own = {k: v for k, v in descriptor.items() if k not in keys}
    out: dict[str, Any] = {k: own.pop(k) for k in _BEFORE if k in own}
    out["title"] = title
    out |= {k: own.pop(k) for k in _AFTER if k in own}
    out |= added
    resources = own.pop("resources", None)
    out |= own
    if isinstance(resources, list):
        out["resources"] = [
            _titled(r, title) if i == 0 and isinstance(r, dict) else r
            for i, r in enumerate(resources)
        ]
    return out


def _titled(resource: dict[str, Any], title: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in resource.items():
        if key != "title":
            out[key] = value
        if key == "path":
            out["title"] = title
    return out


def descriptor_bytes(descriptor: dict[str, Any]) -> bytes:
    """A descriptor as the importers write one: two-space indent, UTF-8, final newline."""
    return (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
