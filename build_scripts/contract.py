"""The data contract as code: the Table Schema of every resource in ``datapackages/``,
and the JSON Schema of the criteria for change (``criteria_schema``).

``docs/data-format.md`` describes these tables for people; the importers write them and
the validator checks against them, so the schemas live here, once, built by functions.
Validation and analysis both read the criteria's rules from here; neither imports the other.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from jsonschema import Draft202012Validator, validators

SCHEMA_URL = "https://datapackage.org/profiles/2.0/datapackage.json"
HEADLINE_TYPE = "total"


def custom(name: str, prefix: str) -> str:
    """The key of a custom property of a descriptor: ``custom("measures", "npf")`` is
    ``"npf:measures"``. The prefix is the project's ``[data] property_prefix``; no other
    code spells it."""
    return f"{prefix}:{name}"


HEADLINE_GROUP = "Total"
IN_DEVELOPMENT = "in development"
AVAILABILITY = ("published", IN_DEVELOPMENT)
DIRECTIONS = ("higher is better", "lower is better", "no preferred direction")
FLAGS = ("provisional", "revised", "break in series", "suspect")
SUSPECT = "suspect"
"""A figure the importer knows or believes to be a slip: shown with its note, left out of
statuses, changes, key findings and rankings."""
CRITERIA_ORIGINS = ("published", "default")
PARTIAL_DATE = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
"""A date as precisely as it is known: ``2022``, ``2022-03`` or ``2022-03-31``."""
WEB_ADDRESS = r"https?://[^\s/?#]+\S*"
"""A source's public page: an absolute ``http(s)`` URL, never ``javascript:`` or
``data:`` (pages link it)."""
SLUG = r"[a-z0-9]+(-[a-z0-9]+)*"
"""An identifier: lower case ASCII letters and digits joined by ``-``. Identifiers make
URLs, file names and chart ids, so nothing else is allowed in them."""
IDENTIFIERS = {
    "outcomes": ("slug",),
    "indicators": ("slug", "criteria_source"),
    "indicator-outcomes": ("indicator", "outcome"),
    "targets": ("slug", "outcome"),
    "indicator-targets": ("indicator", "target"),
    "measures": ("indicator", "measure", "unit"),
    "units": ("unit",),
    "characteristics": ("slug",),
    "breakdown-types": ("slug", "characteristic"),
    "breakdown-groups": ("breakdown_type",),
    "sources": ("id",),
}
"""The identifier columns of each framework table (each gets the ``SLUG`` pattern)."""
INDICATOR_IDENTIFIERS = ("measure", "breakdown_type", "breakdown_type_2", "unit", "source")


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "string"
    required: bool = False
    description: str = ""
    enum: tuple[str, ...] | None = None
    pattern: str | None = None

    def field(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type}
        if self.description:
            out["description"] = self.description
        constraints: dict[str, Any] = {}
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.required:
            constraints["required"] = True
        if self.pattern:
            constraints["pattern"] = self.pattern
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]

    def descriptor(self) -> dict[str, Any]:
        return {
            "fields": list(self.fields),
            "reference": {"resource": self.resource, "fields": list(self.reference)},
        }


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    @property
    def fieldnames(self) -> list[str]:
        return [c.name for c in self.columns]

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"fields": [c.field() for c in self.columns]}
        if self.primary_key:
            out["primaryKey"] = list(self.primary_key)
        if self.foreign_keys:
            out["foreignKeys"] = [k.descriptor() for k in self.foreign_keys]
        return out

    def resource(self, title: str = "") -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": "table", "path": self.path}
        if title:
            out["title"] = title
        out.update(
            {
                "scheme": "file",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": self.schema(),
            }
        )
        return out


def _key(field: str, resource: str, reference: str) -> ForeignKey:
    return ForeignKey((field,), resource, (reference,))


def _identified(table: Table, identifiers: Sequence[str]) -> Table:
    """``table`` with the ``SLUG`` pattern on each of its identifier columns."""
    columns = tuple(replace(c, pattern=SLUG) if c.name in identifiers else c for c in table.columns)
    return replace(table, columns=columns)


def places_table(name: str) -> Table:
    """The places of a geography (a ``[[geography]]`` of the project's configuration):
    a resource of the framework package whose name the configuration gives."""
    return _identified(
        Table(
            name,
            (
                Column("code", required=True, description="The place's code."),
                Column("name", required=True, description="The place's name."),
                Column("slug", required=True, description="Slug: its page's name."),
            ),
            ("code",),
        ),
        ("slug",),
    )


REVISION_LEVELS = ("outcome", "indicator")
REVISION_CHANGES = ("rename", "merge", "split", "add", "retire")
RETIRED_IN = Column(
    "retired_in",
    description="The `version` of the framework whose revision retired it (see "
    "`revisions`); empty while it is current. Optional: only a framework with revisions "
    "needs the column.",
)
REVISED_TABLES = ("outcomes", "indicators")
"""The tables that gain ``retired_in`` in a framework with revisions."""


CODE = Column(
    "code",
    description="A short code shown before the name where the framework numbers its "
    "levels (`1` for Goal 1, `1.2.2` for an indicator); optional: only a framework whose "
    "levels have codes needs the column.",
)
CODED_TABLES = ("outcomes", "indicators")
"""The tables that gain ``code`` (after ``slug``) in a framework whose levels have codes."""
TARGET_TABLES = ("targets", "indicator-targets")
"""The optional tables of a framework with a level of targets between its outcomes and
its indicators (a goal, its targets, their indicators); listed after
``indicator-outcomes``."""


def framework_tables(
    revisions: bool = False, *, codes: bool = False, targets: bool = False
) -> list[Table]:
    """The resources of the framework package, in the order they are listed, with what
    each optional part of the contract adds (a framework without it is written, and
    read, without its tables and columns):

    - ``revisions``: what a revised framework may have, the ``retired_in`` column of
      outcomes and indicators and the ``revisions`` table;
    - ``codes``: the ``code`` column of outcomes and indicators (``1``, ``1.2.2``);
    - ``targets``: the ``targets`` and ``indicator-targets`` tables, a level between the
      outcomes and the indicators (docs/data-format.md)."""
    tables = [_identified(t, IDENTIFIERS.get(t.name, ())) for t in _framework_tables()]
    if codes:
        tables = [_coded(t) if t.name in CODED_TABLES else t for t in tables]
    if targets:
        at = next(i for i, t in enumerate(tables) if t.name == "indicator-outcomes") + 1
        tables[at:at] = [_identified(t, IDENTIFIERS[t.name]) for t in _target_tables()]
    if not revisions:
        return tables
    revised = [
        replace(t, columns=(*t.columns, RETIRED_IN)) if t.name in REVISED_TABLES else t
        for t in tables
    ]
    return [*revised, revisions_table()]


def every_framework_table() -> list[Table]:
    """Every table and column the contract allows in a framework package, the optional
    ones included: what the loader types cells by and the data format documents."""
    return framework_tables(revisions=True, codes=True, targets=True)


def _coded(table: Table) -> Table:
    """``table`` with the ``code`` column after its ``slug``."""
    columns = list(table.columns)
    at = next(i for i, c in enumerate(columns) if c.name == "slug") + 1
    return replace(table, columns=(*columns[:at], CODE, *columns[at:]))


def _target_tables() -> list[Table]:
    slug = "Slug: lower case ASCII words joined by `-`."
    return [
        Table(
            "targets",
            (
                Column("slug", required=True, description=slug),
                Column(
                    "outcome",
                    required=True,
                    description="The slug of the outcome the target sits under (one).",
                ),
                Column(
                    "code",
                    description="A short code shown before its title (`1.2`); optional.",
                ),
                Column(
                    "title",
                    required=True,
                    description='The target as stated ("By 2030, reduce at least by half '
                    'the proportion of ...").',
                ),
                Column("description", description="What it covers, where more is said."),
                Column(
                    "order",
                    "integer",
                    required=True,
                    description="Display order within its outcome.",
                ),
            ),
            ("slug",),
            (_key("outcome", "outcomes", "slug"),),
        ),
        Table(
            "indicator-targets",
            (
                Column("indicator", required=True, description="An indicator's slug."),
                Column(
                    "target",
                    required=True,
                    description="A target's slug; an indicator may sit under more than one "
                    "target. When a framework has targets, every current indicator sits "
                    "under at least one, and its targets' outcomes are exactly its outcomes "
                    "in `indicator-outcomes`.",
                ),
            ),
            ("indicator", "target"),
            (
                _key("indicator", "indicators", "slug"),
                _key("target", "targets", "slug"),
            ),
        ),
    ]


def revisions_table() -> Table:
    """The optional ``revisions`` resource of the framework package: from one version of
    the framework to the next, what happened to each outcome and indicator that changed
    (docs/revisions.md)."""
    version = "A `version` of the framework package"
    return _identified(
        Table(
            "revisions",
            (
                Column("from_version", required=True, description=f"{version}: the earlier."),
                Column(
                    "to_version",
                    required=True,
                    description=f"{version}: the one the revision made.",
                ),
                Column(
                    "level",
                    required=True,
                    enum=REVISION_LEVELS,
                    description="What changed: an `outcome` or an `indicator`.",
                ),
                Column(
                    "change",
                    required=True,
                    enum=REVISION_CHANGES,
                    description="`rename` (a new slug for the same thing), `merge` (one row "
                    "for each old slug merged into the new one), `split` (one row for each "
                    "new slug the old one was split into), `add`, `retire` (no replacement).",
                ),
                Column(
                    "old_slug",
                    description="The slug before the revision; empty for `add`.",
                ),
                Column(
                    "new_slug",
                    description="The slug after the revision; empty for `retire`.",
                ),
                Column("note", description="Why, in plain words, as the framework says it."),
            ),
            (),
        ),
        ("old_slug", "new_slug"),
    )


def _framework_tables() -> list[Table]:
    req = True
    slug = "Slug: lower case ASCII words joined by `-`."
    return [
        Table(
            "outcomes",
            (
                Column("slug", required=req, description=slug),
                Column("name", required=req, description='Short name ("Health").'),
                Column(
                    "statement",
                    required=req,
                    description='The outcome as stated ("We are healthy and active").',
                ),
                Column(
                    "description",
                    description="What it covers, in our own words; optional (a goal may "
                    "have only its name and statement).",
                ),
                Column("order", "integer", required=req, description="Display order."),
            ),
            ("slug",),
        ),
        Table(
            "indicators",
            (
                Column("slug", required=req, description=slug),
                Column("title", required=req, description="The indicator's name."),
                Column(
                    "availability",
                    required=req,
                    enum=AVAILABILITY,
                    description="Whether figures are published yet.",
                ),
                Column(
                    "confirmed",
                    "boolean",
                    required=req,
                    description="Name and placement checked against a second source.",
                ),
                Column("source", description="Who produces the figures."),
                Column(
                    "criteria",
                    "object",
                    required=req,
                    description="The criteria for change, a JSON object (see below).",
                ),
                Column(
                    "criteria_origin",
                    enum=CRITERIA_ORIGINS,
                    description="`published`: the framework's own criteria for change; "
                    "`default`: the project's default for the headline measure's unit.",
                ),
                Column(
                    "criteria_source",
                    description="The `id` of the source (in `sources`) that publishes the "
                    "criteria; empty for defaults.",
                ),
                Column(
                    "criteria_note",
                    description="The criteria as published, in words, or why the default applies.",
                ),
                Column(
                    "last_updated",
                    pattern=PARTIAL_DATE,
                    description="When the newest source of the indicator's figures was "
                    "published: `YYYY-MM-DD`, or `YYYY-MM` where only the month is known.",
                ),
                Column("next_update", description="When the next figures are due, as published."),
            ),
            ("slug",),
        ),
        Table(
            "indicator-outcomes",
            (
                Column("indicator", required=req, description="An indicator's slug."),
                Column(
                    "outcome",
                    required=req,
                    description="An outcome's slug; an indicator may sit under two outcomes.",
                ),
            ),
            ("indicator", "outcome"),
            (
                _key("indicator", "indicators", "slug"),
                _key("outcome", "outcomes", "slug"),
            ),
        ),
        Table(
            "measures",
            (
                Column("indicator", required=req, description="An indicator's slug."),
                Column(
                    "measure",
                    required=req,
                    description="Slug of the measure, unique within its indicator.",
                ),
                Column("title", required=req, description="The measure's name."),
                Column("description", description="What the figure measures, as published."),
                Column("unit", required=req, description="The unit of its figures."),
                Column(
                    "direction",
                    required=req,
                    enum=DIRECTIONS,
                    description="Which way is an improvement.",
                ),
                Column(
                    "headline",
                    "boolean",
                    required=req,
                    description="The measure whose status is the indicator's; one per indicator.",
                ),
                Column(
                    "decimals",
                    "integer",
                    required=req,
                    description="How many decimal places every figure of the measure is "
                    "shown with, on every page, chart and summary.",
                ),
            ),
            ("indicator", "measure"),
            (_key("indicator", "indicators", "slug"), _key("unit", "units", "unit")),
        ),
        Table(
            "units",
            (
                Column(
                    "unit",
                    required=req,
                    description="Slug: `percent`, `years`, `index`, `count`, `gbp-million`, ...",
                ),
                Column(
                    "label",
                    description="What people read after a figure (`years`, `per 1,000 "
                    "births`); `%` is written without a space; empty for indexes and scores.",
                ),
                Column(
                    "change_label",
                    description="What people read after a difference of two figures: "
                    "`percentage points` for percentages; empty for indexes and scores.",
                ),
                Column(
                    "is_percentage",
                    "boolean",
                    required=req,
                    description="Figures in this unit lie between 0 and 100.",
                ),
            ),
            ("unit",),
        ),
        Table(
            "characteristics",
            (
                Column(
                    "slug",
                    required=req,
                    description="An equality characteristic: `age`, `sex`, `disability`, "
                    "`ethnicity`, `religion`, `sexual-orientation`, `transgender`, "
                    "`socio-economic`, `urban-rural`, `place`.",
                ),
                Column("name", required=req, description="Its name."),
            ),
            ("slug",),
        ),
        Table(
            "breakdown-types",
            (
                Column(
                    "slug",
                    required=req,
                    description="`total`, `age`, `sex`, a geography's type, ...",
                ),
                Column("name", required=req, description="Its name."),
                Column(
                    "characteristic",
                    description="The equality characteristic it describes; empty for types "
                    "that are not one, such as `sector`.",
                ),
            ),
            ("slug",),
            (_key("characteristic", "characteristics", "slug"),),
        ),
        Table(
            "breakdown-groups",
            (
                Column("breakdown_type", required=req, description="A breakdown type's slug."),
                Column(
                    "group",
                    required=req,
                    description="The value used in the indicator CSVs' `breakdown_group`.",
                ),
                Column("label", required=req, description="What people read."),
                Column("order", "integer", required=req, description="Display order."),
            ),
            ("breakdown_type", "group"),
            (_key("breakdown_type", "breakdown-types", "slug"),),
        ),
        Table(
            "sources",
            (
                Column("id", required=req, description=slug),
                Column("title", required=req, description="The source's title."),
                Column("publisher", description="Who publishes it."),
                Column("path", description="The file read, in `shared/source-data`."),
                Column("licence", description="Its licence."),
                Column(
                    "published",
                    pattern=PARTIAL_DATE,
                    description="When the source (the release the figures are taken from) "
                    "was published: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as precisely as known.",
                ),
                Column(
                    "url",
                    pattern=WEB_ADDRESS,
                    description="Where the source is published, when it has a link: an "
                    "absolute `http(s)` URL.",
                ),
            ),
            ("id",),
        ),
    ]


INDICATOR_KEY = (
    "measure",
    "period",
    "breakdown_type",
    "breakdown_group",
    "breakdown_type_2",
    "breakdown_group_2",
)
"""The primary key of an indicator table with the usual two breakdown pairs."""
BREAKDOWN_PAIRS = 2
"""The breakdown pairs every indicator table has columns for; a table may add
``breakdown_type_3``, ``breakdown_group_3`` and so on, numbered without gaps."""
_NUMBERED = re.compile(r"breakdown_(?:type|group)_([0-9]+)")


def breakdown_columns(n: int) -> tuple[str, str]:
    """The type and group columns of the ``n``-th breakdown (1: ``breakdown_type``,
    ``breakdown_group``; then ``breakdown_type_2``, ``breakdown_group_2``, ...)."""
    suffix = "" if n == 1 else f"_{n}"
    return f"breakdown_type{suffix}", f"breakdown_group{suffix}"


def breakdown_pairs(fields: Sequence[str]) -> int:
    """The number of breakdown pairs a table with these columns is meant to have: the
    highest ``N`` of its ``breakdown_type_N``/``breakdown_group_N`` columns, at least
    ``BREAKDOWN_PAIRS`` and never more than there are columns (so a stray
    ``breakdown_type_99999`` asks for nothing absurd)."""
    numbers = [int(m.group(1)) for f in fields if (m := _NUMBERED.fullmatch(f))]
    return max(BREAKDOWN_PAIRS, min(max(numbers, default=0), len(fields)))


def indicator_key(pairs: int = BREAKDOWN_PAIRS) -> tuple[str, ...]:
    """The primary key of an indicator table with ``pairs`` breakdown pairs."""
    columns = [c for n in range(1, pairs + 1) for c in breakdown_columns(n)]
    return ("measure", "period", *columns)


def indicator_series(pairs: int = BREAKDOWN_PAIRS) -> tuple[str, ...]:
    """The columns that tell one series of an indicator table from another."""
    return tuple(c for c in indicator_key(pairs) if c != "period")


def _further(
    n: int, breakdown_types: tuple[str, ...] | None, groups: tuple[str, ...] | None
) -> tuple[Column, Column]:
    """The columns of breakdown ``n`` (2 or more)."""
    type_col, group_col = breakdown_columns(n)
    about = (
        "A second breakdown type, for a cross-classified figure."
        if n == 2
        else f"Breakdown type number {n}, for a figure cross-classified by {n} or more "
        "breakdowns (fill the pairs in order, without gaps)."
    )
    return (
        Column(type_col, enum=breakdown_types, description=about),
        Column(group_col, enum=groups, description="Its group."),
    )


def indicator_table(
    slug: str,
    measures: Sequence[str],
    breakdown_types: Sequence[str],
    groups: Sequence[str],
    units: Sequence[str],
    sources: Sequence[str],
    pairs: int = BREAKDOWN_PAIRS,
) -> Table:
    """The tidy table of one indicator package, with ``pairs`` breakdown pairs (two, or
    more for figures cross-classified by three or more breakdowns); the enums carry its
    controlled lists so the package validates on its own."""

    def listed(values: Sequence[str]) -> tuple[str, ...] | None:
        return tuple(values) or None

    table = Table(
        slug,
        (
            Column(
                "measure",
                required=True,
                enum=listed(measures),
                description="A measure of the indicator (`measures.csv` of the framework).",
            ),
            Column(
                "period",
                required=True,
                description="The period as published (`2019`, `2018/19`, `2016-2018`).",
            ),
            Column("period_start", "date", required=True, description="First day of the period."),
            Column("period_end", "date", required=True, description="Last day of the period."),
            Column(
                "breakdown_type",
                required=True,
                enum=listed(breakdown_types),
                description="A breakdown type's slug; `total` for the headline.",
            ),
            Column(
                "breakdown_group",
                required=True,
                enum=listed(groups),
                description="A group of that type; `Total` for the headline; a place's code "
                "for a geography.",
            ),
            *(
                column
                for n in range(2, pairs + 1)
                for column in _further(n, listed(breakdown_types), listed(groups))
            ),
            Column("value", "number", required=True, description="The figure."),
            Column(
                "lower",
                "number",
                description="Lower bound of the confidence interval, where published.",
            ),
            Column("upper", "number", description="Upper bound, where published."),
            Column(
                "unit",
                required=True,
                enum=listed(units),
                description="A unit's slug, the unit of the measure.",
            ),
            Column(
                "flag",
                enum=FLAGS,
                description="`provisional`, `revised`, `break in series` (as published), or "
                "`suspect`: a figure the importer believes to be a slip, left out of "
                "statuses and rankings.",
            ),
            Column("note", description="Why the figure is flagged, in plain words."),
            Column(
                "source",
                required=True,
                enum=listed(sources),
                description="The `id` of one of the package's `sources`.",
            ),
        ),
        indicator_key(pairs),
    )
    further = tuple(breakdown_columns(n)[0] for n in range(3, pairs + 1))
    return _identified(table, (*INDICATOR_IDENTIFIERS, *further))


def indicator_columns(pairs: int = BREAKDOWN_PAIRS) -> tuple[str, ...]:
    """The columns of an indicator table with ``pairs`` breakdown pairs, in order."""
    return tuple(indicator_table("x", [], [], [], [], [], pairs).fieldnames)


INDICATOR_COLUMNS = indicator_columns()
INDICATOR_NUMBERS = tuple(
    c.name for c in indicator_table("x", [], [], [], [], []).columns if c.type == "number"
)
INDICATOR_SERIES = indicator_series()
"""The columns that tell one series of an indicator table from another (two pairs)."""


EVIDENCE_KEY_CANDIDATES = ("measure", "indicator", "breakdown", "sub_breakdown", "period")
"""The primary key of an evidence table is these columns, less any blank on every row."""
EVIDENCE_SERIES = tuple(c for c in EVIDENCE_KEY_CANDIDATES if c != "period")
"""The columns that tell one series of an evidence table from another."""


def evidence_table(slug: str, primary_key: Sequence[str] = EVIDENCE_KEY_CANDIDATES) -> Table:
    """The table of one equality evidence package. ``primary_key`` is
    ``EVIDENCE_KEY_CANDIDATES`` less the columns blank on every row of the dataset."""
    return Table(
        slug,
        (
            Column(
                "measure",
                required=True,
                description="What is measured (the source's Measure), as published.",
            ),
            Column(
                "indicator",
                description="The source's Indicator: the series or table the figure belongs to.",
            ),
            Column(
                "period",
                required=True,
                description=(
                    "The period as published (the source's DateCode; "
                    "its Year where DateCode is blank)."
                ),
            ),
            Column("period_start", "date", required=True, description="First day of the period."),
            Column("period_end", "date", required=True, description="Last day of the period."),
            Column(
                "breakdown",
                required=True,
                description="The group of people the figure describes (the source's Breakdown).",
            ),
            Column(
                "sub_breakdown",
                description="A second grouping (the source's SubBreakdown); empty where none.",
            ),
            Column("value", "number", required=True, description="The figure."),
            Column(
                "unit",
                description=(
                    "A unit slug (percent, count, gbp or ratio), read from the labels of the "
                    "source; empty where none names a unit."
                ),
            ),
        ),
        tuple(primary_key),
    )


EVIDENCE_COLUMNS = tuple(evidence_table("x").fieldnames)
EVIDENCE_KEY_REQUIRED = tuple(
    c.name for c in evidence_table("x").columns if c.required and c.name in EVIDENCE_KEY_CANDIDATES
)
"""The key columns that are never blank, so always in an evidence table's key."""


# --- criteria for change -------------------------------------------------------------
#
# The rules the criteria object (``indicators.csv`` ``criteria``, a descriptor's
# ``npf:criteria``) must obey, as a JSON Schema built from the methods' parameters. Validation
# checks the data against it and analysis reads the same parameters; neither imports the
# other. What each method does with them is in ``build_scripts/analyse/statuses.py``.

CRITERIA_EXAMPLE = "{'method': 'last-two', ...}"


@dataclass(frozen=True)
class Parameter:
    """One parameter of a method. ``kind`` is ``number``, ``integer``, ``boolean``,
    ``text`` or ``choice``."""

    name: str
    kind: str
    description: str
    required: bool = True
    minimum: float | None = None
    choices: tuple[str, ...] = ()

    def schema(self) -> dict[str, Any]:
        """The JSON Schema of the parameter's value (``type`` first: it is reported
        before ``minimum`` when both fail)."""
        out: dict[str, Any] = {"description": self.description}
        if self.kind == "choice":
            out["enum"] = list(self.choices)
        elif self.kind == "text":
            out.update({"type": "string", "pattern": r"\S"})
        else:
            out["type"] = self.kind
        if self.minimum is not None:
            out["minimum"] = self.minimum
        return out


@dataclass(frozen=True)
class CriteriaMethod:
    """A method of the criteria for change, as the data names it."""

    name: str
    description: str
    parameters: tuple[Parameter, ...]

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


THRESHOLD = Parameter("threshold", "number", "the smallest change that counts", minimum=0)
RELATIVE = Parameter(
    "relative",
    "boolean",
    "when true, the threshold is a share of the earlier figure (0.05 = 5%); default false",
    required=False,
)
MANUAL_STATUSES = ("improving", "maintaining", "worsening", "to be confirmed")
NOT_ASSESSED = "not-assessed"
"""The method of an indicator whose framework publishes no criteria for change (another
country's Open SDG data): its status is Not assessed, never a judgement made up here."""

CRITERIA_METHODS: dict[str, CriteriaMethod] = {
    m.name: m
    for m in (
        CriteriaMethod(
            "last-two",
            "The change between the last two figures against a threshold.",
            (THRESHOLD, RELATIVE),
        ),
        CriteriaMethod(
            "consecutive",
            "`n` changes in a row, each at least the threshold, in the same direction.",
            (Parameter("n", "integer", "how many changes in a row", minimum=1), THRESHOLD),
        ),
        CriteriaMethod(
            "versus-average",
            "The latest figure against the average of the `k` figures before it.",
            (
                Parameter("k", "integer", "how many earlier figures to average", minimum=1),
                THRESHOLD,
                RELATIVE,
            ),
        ),
        CriteriaMethod(
            "latest-value",
            "The latest figure is itself a change; at least the threshold from zero counts.",
            (THRESHOLD,),
        ),
        CriteriaMethod(
            "confidence-intervals",
            "Whether the confidence intervals of the last two figures overlap.",
            (),
        ),
        CriteriaMethod(
            "manual",
            "A status decided by the producers of the statistics, with their reason.",
            (
                Parameter("status", "choice", "the status", choices=MANUAL_STATUSES),
                Parameter("reason", "text", "why, in plain words"),
            ),
        ),
        CriteriaMethod(
            NOT_ASSESSED,
            "No criteria for change are published: the figures are shown, not judged, and "
            "the status is Not assessed.",
            (Parameter("reason", "text", "why, in plain words", required=False),),
        ),
    )
}


def criteria_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a criteria object: a known ``method``, and
    exactly the parameters of that method, each of its type and range."""
    branches = []
    for method in CRITERIA_METHODS.values():
        properties: dict[str, Any] = {"method": {"const": method.name}}
        properties.update({p.name: p.schema() for p in method.parameters})
        branches.append(
            {
                "if": {"properties": {"method": {"const": method.name}}, "required": ["method"]},
                "then": {
                    "description": method.description,
                    "properties": properties,
                    "required": [p.name for p in method.parameters if p.required],
                    "additionalProperties": False,
                },
            }
        )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Criteria for change",
        "description": "How an indicator's headline figures decide its performance status "
        "(docs/statuses.md).",
        "type": "object",
        "required": ["method"],
        "properties": {"method": {"enum": list(CRITERIA_METHODS)}},
        "allOf": branches,
    }


@dataclass(frozen=True)
class CriteriaProblem:
    """One thing wrong with a criteria object. ``path`` is the property path within it
    (``threshold``), empty for the object itself; ``code`` is the problem's code
    (``build_scripts/validate/codes.py``)."""

    path: str
    message: str
    code: str


def criteria_problems(criteria: object) -> list[CriteriaProblem]:
    """What is wrong with a criteria object, checked against ``criteria_schema()``, in
    plain words: ``[]`` when it is right. Unknown parameters come first, then the
    method's parameters in order, one problem each."""
    errors = list(_criteria_validator().iter_errors(criteria))
    if not errors:
        return []
    if not isinstance(criteria, dict):
        message = f"criteria must be an object like {CRITERIA_EXAMPLE}, not {criteria!r}"
        return [CriteriaProblem("", message, code="criteria-not-object")]
    known = ", ".join(CRITERIA_METHODS)
    method = criteria.get("method")
    if "method" not in criteria:
        message = f"criteria has no 'method'; use one of: {known}"
        return [CriteriaProblem("", message, code="criteria-no-method")]
    if not isinstance(method, str) or method not in CRITERIA_METHODS:
        message = f"unknown method {method!r}; use one of: {known}"
        return [CriteriaProblem("method", message, code="unknown-method")]
    spec = CRITERIA_METHODS[method]
    found: dict[str, CriteriaProblem] = {}
    for error in errors:
        for name, problem in _parameter_problems(spec, criteria, error):
            found.setdefault(name, problem)
    order = {p.name: i for i, p in enumerate(spec.parameters)}
    keys = list(criteria)
    return [
        found[name]
        for name in sorted(
            found, key=lambda n: (n in order, order.get(n, 0), keys.index(n) if n in keys else 0)
        )
    ]


def _parameter_problems(
    spec: CriteriaMethod, criteria: dict[str, Any], error: Any
) -> list[tuple[str, CriteriaProblem]]:
    """The problems one JSON Schema error stands for, by the parameter each is about."""
    method = spec.name
    if error.validator == "additionalProperties":
        allowed = ", ".join(sorted(p.name for p in spec.parameters)) or "none"
        return [
            (
                key,
                CriteriaProblem(
                    key,
                    f"method {method!r} has no parameter {key!r} (its parameters: {allowed})",
                    code="unknown-parameter",
                ),
            )
            for key in criteria
            if key != "method" and spec.parameter(key) is None
        ]
    if error.validator == "required":
        return [
            (
                p.name,
                CriteriaProblem(
                    "",
                    f"method {method!r} needs {p.name!r}: {p.description}",
                    code="missing-parameter",
                ),
            )
            for p in spec.parameters
            if p.required and p.name not in criteria
        ]
    name = str(error.relative_path[0]) if error.relative_path else ""
    param = spec.parameter(name)
    if param is None:  # not reached: every other error is about a parameter's value
        return []
    message = f"method {method!r}: {_value_problem(param, error.instance)}"
    return [(name, CriteriaProblem(name, message, code="invalid-parameter"))]


def _value_problem(param: Parameter, value: Any) -> str:
    name = param.name
    if param.kind == "boolean":
        return f"{name!r} must be true or false, not {value!r}"
    if param.kind == "text":
        return f"{name!r} must be some text, not {value!r}"
    if param.kind == "choice":
        allowed = ", ".join(repr(c) for c in param.choices)
        return f"{name!r} must be one of {allowed}, not {value!r}"
    if param.kind == "integer" and not _is_whole(value):
        return f"{name!r} must be a whole number, not {value!r}"
    if not _is_finite(value):
        return f"{name!r} must be a number, not {value!r}"
    return f"{name!r} must be at least {param.minimum:g}, not {value!r}"


def _is_finite(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _is_whole(value: Any) -> bool:
    return _is_finite(value) and float(value).is_integer()


@functools.cache
def _criteria_validator() -> Any:
    """A draft 2020-12 validator of ``criteria_schema()`` whose numbers are finite: JSON
    has no NaN or infinity, but Python's ``json`` reads them."""
    checker = Draft202012Validator.TYPE_CHECKER.redefine_many(
        {
            "number": lambda _checker, value: _is_finite(value),
            "integer": lambda _checker, value: _is_whole(value),
        }
    )
    validator = validators.extend(Draft202012Validator, type_checker=checker)
    return validator(criteria_schema())
