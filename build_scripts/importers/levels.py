"""The framework package's optional levels, as the importers write them: ``targets``
(a level between outcomes and indicators), ``indicator-targets``, and the ``code``
columns of ``outcomes`` and ``indicators`` (``1``, ``1.2.2``), for frameworks that
number them (the Sustainable Development Goals).

This is the levels contract as agreed for issue 13 (``targets.csv``: ``slug``,
``outcome``, ``code``, ``title``, ``description``, ``order``; ``indicator-targets.csv``:
``indicator``, ``target``; optional ``code`` in ``outcomes.csv`` and
``indicators.csv``); the generator reads it once ``build_scripts/contract.py`` defines
it, and these tables then come from there.
"""

from __future__ import annotations

from dataclasses import replace

from build_scripts.contract import SLUG, Column, ForeignKey, Table

TARGETS = "targets"
INDICATOR_TARGETS = "indicator-targets"


def _slug(name: str, description: str, required: bool = True) -> Column:
    return Column(name, required=required, description=description, pattern=SLUG)


def targets_table() -> Table:
    return Table(
        TARGETS,
        (
            _slug("slug", "Slug: lower case ASCII words joined by `-`."),
            _slug("outcome", "The slug of the outcome the target is under."),
            Column("code", required=True, description="The target's number (`1.2`)."),
            Column("title", required=True, description="The target as stated."),
            Column("description", description="What it covers, where said."),
            Column(
                "order", "integer", required=True, description="Display order within its outcome."
            ),
        ),
        ("slug",),
        (ForeignKey(("outcome",), "outcomes", ("slug",)),),
    )


def indicator_targets_table() -> Table:
    return Table(
        INDICATOR_TARGETS,
        (
            _slug("indicator", "An indicator's slug."),
            _slug("target", "A target's slug; an indicator may sit under two targets."),
        ),
        ("indicator", "target"),
        (
            ForeignKey(("indicator",), "indicators", ("slug",)),
            ForeignKey(("target",), TARGETS, ("slug",)),
        ),
    )


CODE_DESCRIPTIONS = {
    "outcomes": "The outcome's number, where the framework numbers them (`1`).",
    "indicators": "The indicator's number, where the framework numbers them (`1.2.2`).",
}


def with_codes(tables: list[Table]) -> list[Table]:
    """The tables with the optional ``code`` column of ``outcomes`` and ``indicators``,
    and the outcome's ``description`` optional (a Goal is its statement)."""
    out = []
    for table in tables:
        if table.name in CODE_DESCRIPTIONS:
            columns = [
                replace(c, required=False)
                if (c.name, table.name) == ("description", "outcomes")
                else c
                for c in table.columns
            ]
            at = next(i for i, c in enumerate(columns) if c.name == "slug") + 1
            code = Column("code", description=CODE_DESCRIPTIONS[table.name])
            table = replace(table, columns=(*columns[:at], code, *columns[at:]))
        out.append(table)
    return out


def level_tables(tables: list[Table]) -> list[Table]:
    """The tables with ``targets`` and ``indicator-targets`` after ``indicator-outcomes``."""
    out: list[Table] = []
    for table in tables:
        out.append(table)
        if table.name == "indicator-outcomes":
            out += [targets_table(), indicator_targets_table()]
    return out
