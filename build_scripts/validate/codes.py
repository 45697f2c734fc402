"""The code of every problem ``npf validate`` reports: one registry, in code.

A code is stable (scripts and CI may match on it), kebab-case, and names what is wrong,
not where (frictionless-py's error codes are the model; the ones frictionless reports are
kept under its names). ``docs/validation.md`` lists them, generated from ``CODES`` by
``python -m build_scripts.reference docs/validation.md``; ``tests/validate/test_codes.py``
fails when a code used in ``build_scripts/`` is not here, or not documented.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    """A problem code: what is wrong (``title``) and what to do (``fix``)."""

    code: str
    stage: str
    title: str
    fix: str


STAGES = {
    "path": "The path given",
    "reading": "Reading the files (stage 1)",
    "frictionless": "Frictionless (stage 2)",
    "framework": "Rules of the framework package (stage 3)",
    "package": "Rules of indicator and evidence packages (stage 3)",
    "criteria": "Rules of the criteria for change (stage 3)",
    "cells": "Cells and descriptor text (every package)",
    "config": "The project's configuration (`npf.toml`, read by every build)",
    "workbook": "A workbook of figures (`npf import-xlsx`; then the would-be package is "
    "validated by all of the above, its problems put on the sheet's rows)",
    "other": "Outside validation",
}
"""The stages, in the order the docs list them: each code belongs to one."""

_CODES = (
    # --- the path given -------------------------------------------------------------
    Code("no-such-path", "path", "the path given does not exist", "check the path"),
    Code(
        "not-a-package",
        "path",
        "the file given is not a `datapackage.json`",
        "give a package's folder or its `datapackage.json`",
    ),
    Code(
        "no-packages",
        "path",
        "the folder given has no `framework/`, `indicators/` or `equality-evidence/`",
        "give the `datapackages/` folder or one package's folder",
    ),
    Code(
        "missing-framework",
        "path",
        "the framework package is missing",
        "run `npf import`",
    ),
    # --- stage 1: reading the files ---------------------------------------------------
    Code(
        "missing-descriptor",
        "reading",
        "a package folder has no `datapackage.json`",
        "run `npf import` or check the folder",
    ),
    Code(
        "file-too-large",
        "reading",
        "a descriptor over 5 MB or a data file over 200 MB",
        "check that it is the right file",
    ),
    Code(
        "byte-order-mark",
        "reading",
        "a descriptor or data file starts with a byte-order mark",
        "save it as UTF-8 without BOM, or re-run `npf import`",
    ),
    Code(
        "not-utf-8",
        "reading",
        "a byte that is not UTF-8 (a Latin-1 `é` from old Excel)",
        "save the file as UTF-8",
    ),
    Code("invalid-json", "reading", "the descriptor is not valid JSON", "fix the syntax"),
    Code(
        "descriptor-not-object",
        "reading",
        "the descriptor is a JSON array, string or number",
        "make it a JSON object (`{...}`)",
    ),
    Code(
        "remote-profile",
        "reading",
        "a `$schema` or `profile` that is not a standard Data Package profile "
        "(frictionless would fetch it)",
        "use `https://datapackage.org/profiles/2.0/datapackage.json` or leave it out",
    ),
    Code(
        "no-resources",
        "reading",
        "`resources` is missing, empty or not a list",
        "list the package's resources (docs/data-format.md)",
    ),
    Code(
        "resource-not-object",
        "reading",
        "a resource is not a JSON object",
        "give it a name, a path and a schema",
    ),
    Code(
        "unsupported-resource",
        "reading",
        "a list of paths, inline `data`, or a schema or dialect given as a file or URL",
        "one CSV file per resource, its schema and dialect written inline",
    ),
    Code(
        "unsafe-path",
        "reading",
        "a resource path that is a remote URL, absolute, leads outside the package "
        "(`..`, a link) or uses backslashes",
        "give the name of a CSV file inside the package's folder",
    ),
    Code(
        "schema-shape",
        "reading",
        "a schema whose `fields` is not a list of objects with a `name`, or whose keys "
        "are not lists",
        "write the shape the message gives",
    ),
    Code(
        "not-utf-8-encoding",
        "reading",
        "a resource's `encoding` is not UTF-8",
        'say `"utf-8"` and save the file as UTF-8',
    ),
    Code(
        "missing-file",
        "reading",
        "the data file of a resource is missing",
        "run `npf import` or correct the path",
    ),
    Code(
        "empty-file",
        "reading",
        "the data file is empty (0 bytes) or has no header row",
        "write at least the header row",
    ),
    Code(
        "unclosed-quote",
        "reading",
        "a quoted cell is never closed",
        'add the closing double quote (")',
    ),
    Code(
        "stray-quote",
        "reading",
        "a double quote inside a quoted cell is not doubled",
        'write it twice (`""`)',
    ),
    Code(
        "unquoted-line-break",
        "reading",
        "a line break inside a cell that is not quoted",
        "put the cell in double quotes",
    ),
    Code("csv-error", "reading", "any other CSV syntax error", "correct the row"),
    Code(
        "cell-too-long",
        "reading",
        "a cell longer than 100,000 characters",
        "add a missing closing quote, or check that it is the right file",
    ),
    Code(
        "no-header",
        "reading",
        "the first line of a data file is blank",
        "make the first line the header (the column names)",
    ),
    Code(
        "missing-label",
        "reading",
        "a column of the schema is missing from the header",
        "add it (empty cells are fine where it is optional)",
    ),
    Code(
        "extra-label",
        "reading",
        "the header has a column the schema does not describe",
        "remove it or add it to the schema",
    ),
    # --- stage 2: frictionless ------------------------------------------------------
    Code(
        "descriptor-error",
        "frictionless",
        "a descriptor frictionless cannot read (a bad schema, an unknown field type)",
        "follow frictionless's words and docs/data-format.md",
    ),
    Code(
        "type-error",
        "frictionless",
        "a cell is not of its column's type",
        "write a plain number, a date as YYYY-MM-DD, true or false, or a JSON object, "
        "as the column's type says",
    ),
    Code("missing-value", "frictionless", "a required cell is empty", "fill it in"),
    Code(
        "not-in-list",
        "frictionless",
        "a value is not one of its column's allowed values (`enum`)",
        "use one of the values the message lists",
    ),
    Code(
        "not-a-slug",
        "frictionless",
        "an identifier is not a slug (lower case letters and digits joined by `-`); "
        "the cell checks report it too, for identifiers a schema leaves unconstrained",
        "write it as a slug, such as `healthy-life-expectancy`",
    ),
    Code(
        "not-a-web-address",
        "frictionless",
        "a source's `url` (in `sources.csv` or a descriptor's `sources`) is not an absolute "
        "`http(s)` URL: pages link it, so `javascript:` or `data:` is refused",
        "write the address of the source's page beginning with `https://`, or leave it empty",
    ),
    Code(
        "pattern-mismatch",
        "frictionless",
        "a value does not match its column's `pattern`",
        "write it in the form the pattern says",
    ),
    Code(
        "duplicate-value",
        "frictionless",
        "a value appears twice in a column whose values are `unique`",
        "make each different",
    ),
    Code(
        "out-of-range",
        "frictionless",
        "a value outside its column's `minimum` or `maximum`",
        "correct it",
    ),
    Code(
        "wrong-length",
        "frictionless",
        "a value shorter or longer than its column's `minLength` or `maxLength`",
        "correct it",
    ),
    Code(
        "constraint-error",
        "frictionless",
        "a value breaks another constraint of its column",
        "correct it",
    ),
    Code(
        "primary-key",
        "frictionless",
        "two rows have the same primary key (a label twice in one series)",
        "remove one of the two rows or correct its key",
    ),
    Code(
        "foreign-key",
        "frictionless",
        "a value is not in the table it refers to (framework tables)",
        "add it there or correct it",
    ),
    Code(
        "missing-cell",
        "frictionless",
        "a row has fewer cells than the header",
        "add the missing cells (empty is fine)",
    ),
    Code(
        "extra-cell",
        "frictionless",
        "a row has more cells than the header",
        "quote a cell that contains a comma, or remove the extra cell",
    ),
    Code("blank-row", "frictionless", "a blank row", "remove it"),
    Code(
        "incorrect-label",
        "frictionless",
        "a header label is not the schema's name for that column",
        "give the columns the schema's names, in its order",
    ),
    Code("duplicate-label", "frictionless", "a column appears twice in the header", "remove one"),
    Code("blank-label", "frictionless", "a column of the header has no name", "name or remove it"),
    Code(
        "table-error",
        "frictionless",
        "any other problem frictionless finds in a table",
        "follow frictionless's words and docs/data-format.md",
    ),
    # --- stage 3: the framework package ---------------------------------------------
    Code(
        "missing-resource",
        "framework",
        "a framework table of docs/data-format.md is not in the framework package, or one "
        "of `targets` and `indicator-targets` is there without the other",
        "re-run `npf import`, or add the other table of targets",
    ),
    Code(
        "no-outcome",
        "framework",
        "an indicator is under no outcome",
        "add it to `indicator-outcomes.csv`",
    ),
    Code(
        "no-target",
        "framework",
        "in a framework with targets, a current indicator is under no target",
        "add it to `indicator-targets.csv`",
    ),
    Code(
        "target-outside-outcomes",
        "framework",
        "an indicator sits under a target of an outcome that is not one of its outcomes "
        "in `indicator-outcomes.csv`",
        "place it under a target of its outcomes, or add that outcome to its outcomes",
    ),
    Code(
        "outcome-without-target",
        "framework",
        "an indicator with targets is under an outcome (`indicator-outcomes.csv`) but "
        "under none of that outcome's targets",
        "add it to one of the outcome's targets, or remove the outcome from its outcomes",
    ),
    Code(
        "duplicate-code",
        "framework",
        "two current outcomes, targets or indicators have the same `code`",
        "give each its own code (or none)",
    ),
    Code(
        "headline-count",
        "framework",
        "an indicator has no headline measure, or more than one",
        "set `headline` to true on one measure only",
    ),
    Code(
        "no-measures",
        "framework",
        "a published indicator has no measure in `measures.csv`",
        "add one, or set `availability` to `in development`",
    ),
    Code(
        "missing-package",
        "framework",
        "an indicator of the catalogue has no data package",
        "run `npf import`, or remove it from the catalogue",
    ),
    Code(
        "uncatalogued-package",
        "framework",
        "an indicator package is not in `framework/indicators.csv`",
        "add it there or remove the folder",
    ),
    # --- stage 3: indicator and evidence packages -----------------------------------
    Code(
        "name-not-folder",
        "package",
        "a package's `name` is not its folder's name",
        "rename one so they are the same",
    ),
    Code(
        "resource-count",
        "package",
        "an indicator package has more or fewer than one resource",
        "give it exactly one",
    ),
    Code(
        "wrong-columns",
        "package",
        "a table's columns are not those of docs/data-format.md, in order",
        "re-run `npf import`, or write the columns of the contract",
    ),
    Code(
        "wrong-primary-key",
        "package",
        "a table's primary key is not the one docs/data-format.md gives",
        "write the key of the contract",
    ),
    Code(
        "catalogue-property",
        "package",
        "an indicator package's descriptor holds a property kept in the framework's "
        "catalogue (title, outcomes, measures, criteria, availability, dates)",
        "remove it from `datapackage.json` and edit the catalogue (`framework/indicators.csv`, "
        "`measures.csv`, `indicator-outcomes.csv`); the published package gets it from there",
    ),
    Code(
        "unknown-measure",
        "package",
        "a row's `measure` is not one of its indicator's measures in `measures.csv`",
        "use one of them, or add it to `measures.csv`",
    ),
    Code(
        "unknown-unit",
        "package",
        "a unit is not in `units.csv`",
        "use one of `units.csv`",
    ),
    Code(
        "wrong-unit",
        "package",
        "a row's `unit` is not the unit of its measure",
        "correct the unit or the measure",
    ),
    Code(
        "unknown-source",
        "package",
        "a row's `source` is not the id of one of the package's `sources`",
        "use an id of the package's `sources`",
    ),
    Code(
        "incomplete-breakdown",
        "package",
        "a row has `breakdown_type_N` without `breakdown_group_N` (N = 2, 3, ...), or the "
        "other way round",
        "give both, or neither",
    ),
    Code(
        "breakdown-gap",
        "package",
        "a row gives breakdown pair N but leaves an earlier further pair empty "
        "(`breakdown_type_3` without `breakdown_type_2`)",
        "fill the pairs in order: 2 before 3, 3 before 4",
    ),
    Code(
        "repeated-breakdown-type",
        "package",
        "a row gives the same breakdown type in two of its pairs (`sex` and `sex`)",
        "give each type once; a figure is broken down by each type once",
    ),
    Code(
        "unknown-breakdown-type",
        "package",
        "a breakdown type is not in `breakdown-types.csv`",
        "use a slug of `breakdown-types.csv`",
    ),
    Code(
        "unknown-group",
        "package",
        "a breakdown group is not in `breakdown-groups.csv` for its type",
        "add it to `breakdown-groups.csv` or correct it",
    ),
    Code(
        "unknown-place",
        "package",
        "the group of a geography's breakdown (a `[[geography]]` of `npf.toml`, such as "
        "`council-area`) is not a code of the geography's places (`council-areas.csv`)",
        "use the place's code, such as `S12000033`, not its name",
    ),
    Code(
        "not-a-place-code",
        "package",
        "a code in a geography's places table does not match the geography's "
        "`code_pattern` (`npf.toml`)",
        "use the code as published, such as the GSS code `S12000033`",
    ),
    Code(
        "total-group",
        "package",
        "the group of the type `total` is not `Total`",
        "write `Total`",
    ),
    Code(
        "not-a-figure",
        "package",
        "`NaN`, `inf` or `-Infinity` in `value`, `lower` or `upper`",
        "leave out a row without a figure (or the cell, for `lower` and `upper`)",
    ),
    Code(
        "not-a-percentage",
        "package",
        "a figure in a percentage unit is outside 0 to 100",
        "check the figure and its unit",
    ),
    Code(
        "bounds-order",
        "package",
        "`lower` is above `value`, or `upper` below it",
        "check the two",
    ),
    Code(
        "unreadable-period",
        "package",
        "a `period` the period parser cannot read",
        "write it in one of the accepted forms the message lists",
    ),
    Code(
        "period-dates",
        "package",
        "`period_start` or `period_end` does not fit the `period`",
        "correct the date or the label",
    ),
    Code(
        "overlapping-periods",
        "package",
        "two periods of one series overlap (see below)",
        "keep one, or give them different breakdowns",
    ),
    Code(
        "no-headline-row",
        "package",
        "the headline measure of a published indicator has no headline row",
        "add rows with `breakdown_type` `total` and `breakdown_group` `Total`, or set its "
        "`availability` in `indicators.csv` to `in development`",
    ),
    Code(
        "unknown-characteristic",
        "package",
        "an evidence package's `npf:characteristic` is not in `characteristics.csv`",
        "use a slug of `characteristics.csv`",
    ),
    # --- stage 3: criteria for change (contract.criteria_schema) --------------------
    Code(
        "criteria-not-object",
        "criteria",
        "the criteria for change are not a JSON object",
        'write an object such as `{"method": "last-two", "threshold": 1}`',
    ),
    Code(
        "criteria-no-method",
        "criteria",
        "the criteria for change have no `method`",
        "name one of the methods of docs/statuses.md",
    ),
    Code(
        "unknown-method",
        "criteria",
        "the `method` is not one of docs/statuses.md",
        "use one of the methods the message lists",
    ),
    Code(
        "unknown-parameter",
        "criteria",
        "a parameter the method does not have (often a misspelling)",
        "use the method's parameters, listed in the message",
    ),
    Code(
        "missing-parameter",
        "criteria",
        "a parameter the method needs is missing",
        "add it (docs/statuses.md)",
    ),
    Code(
        "invalid-parameter",
        "criteria",
        "a parameter's value is of the wrong type or out of range",
        "give the kind of value the message says",
    ),
    # --- every package: cells and descriptor text ------------------------------------
    Code(
        "control-character",
        "cells",
        "a control character (NUL, a tab, a lone carriage return, ...) in a cell, or in "
        "descriptor text other than a line break",
        "remove it",
    ),
    Code(
        "direction-control",
        "cells",
        "a text direction control (U+202A-U+202E, U+2066-U+2069), which reorders the text "
        "around it",
        "remove it (right-to-left text needs none)",
    ),
    Code(
        "formula-text",
        "cells",
        "a text cell begins with `=`, `+`, `-` or `@`, which a spreadsheet runs as a formula",
        "reword it so that it begins with a letter or digit",
    ),
    Code(
        "not-a-plain-number",
        "cells",
        "a number Python reads but a CSV reader would not (`6_2`, full-width digits)",
        "write digits 0-9 with an optional sign, decimal point and exponent",
    ),
    Code(
        "not-a-whole-number",
        "cells",
        "a whole number not written with digits 0-9",
        "write it with digits 0-9, such as 3",
    ),
    Code(
        "not-an-iso-date",
        "cells",
        "a date not written `YYYY-MM-DD` (`2017-1-1`)",
        "write it as `YYYY-MM-DD`",
    ),
    Code(
        "missing-version",
        "framework",
        "the framework package has no `version`",
        'give the version of the framework it describes (`"1.0.0"`, `"2018"`); '
        "see docs/revisions.md",
    ),
    Code(
        "revision-cycle",
        "framework",
        "a revision in `revisions.csv` that leads from a version to itself, or versions that loop",
        "each revision leads from one version to a newer one",
    ),
    Code(
        "revision-version-chain",
        "framework",
        "a revision off the line of versions that leads to the package's `version` (a "
        "version reached from two, or a revision that leads nowhere)",
        "make each version follow one earlier one, the last revision leading to `version`",
    ),
    Code(
        "unknown-version",
        "framework",
        "an outcome or indicator `retired_in` a version no revision leads to",
        "use a `to_version` of `revisions.csv`, or add the revision",
    ),
    Code(
        "retired-without-revision",
        "framework",
        "an outcome or indicator retired with no merge, split or retire in `revisions.csv` "
        "saying what became of it",
        "add the revision's row with its slug as `old_slug`",
    ),
    Code(
        "revision-slugs",
        "framework",
        "a change without a slug it needs (`old_slug` for all but `add`, `new_slug` for "
        "all but `retire`), or with one it cannot have",
        "fill in or empty the cell the message names",
    ),
    Code(
        "revision-unknown-slug",
        "framework",
        "a revision names an outcome or indicator that `outcomes.csv` or `indicators.csv` "
        "does not have",
        "keep what was merged, split or retired there with `retired_in` (and its package); "
        "add what replaced it",
    ),
    Code(
        "revision-not-retired",
        "framework",
        "an outcome or indicator merged, split or retired by a revision whose `retired_in` "
        "is not that revision's `to_version`",
        "set its `retired_in` to the revision's `to_version`",
    ),
    Code(
        "revision-slug-taken",
        "framework",
        "the old slug of a rename is still an outcome's or indicator's slug (its old URL "
        "leads to the new page, so it cannot be another page too)",
        "give the other one a new slug, or make the change a merge",
    ),
    Code(
        "revision-replacement-retired",
        "framework",
        "what a revision names as the replacement is itself retired by then",
        "name an outcome or indicator current after that revision",
    ),
    # --- the project's configuration ----------------------------------------------
    Code(
        "config-syntax", "config", "`npf.toml` is not valid TOML", "fix the line the parser names"
    ),
    Code(
        "config-unknown",
        "config",
        "a section or setting the generator does not know (a typo, usually)",
        "use the name the message suggests; docs/configuration.md lists every setting",
    ),
    Code(
        "config-missing",
        "config",
        "a required setting is missing or empty",
        "add it; docs/configuration.md says what it is",
    ),
    Code(
        "config-type",
        "config",
        "a setting that is not text in quotes, or a section that is not a table",
        "write the value in quotes, and each section as `[section]` (`[[geography]]`)",
    ),
    Code(
        "config-choice",
        "config",
        "a setting that is not one of the values it can take",
        "use one of the values the message lists",
    ),
    Code(
        "config-pattern",
        "config",
        "a setting that does not match its pattern (a slug, the property prefix)",
        "write it in lower case letters and digits, as the message shows",
    ),
    Code(
        "config-regex",
        "config",
        "a `code_pattern` that is not a regular expression",
        "write a Python regular expression, such as `S12[0-9]{6}`",
    ),
    Code(
        "config-file",
        "config",
        "a file a setting names (boundaries) that does not exist",
        "check the path: it is relative to the folder that holds `npf.toml`",
    ),
    Code(
        "boundaries-file",
        "config",
        "the boundary file a `[[geography]]` names is not TopoJSON with an object `places` "
        "whose geometries have the places' codes as `id` (read by `npf build`)",
        "make it again with `npf import`, or see `docs/maps.md` for what it must hold",
    ),
    Code(
        "config-unknown-breakdown",
        "config",
        "a `[[geography]]` naming a breakdown type the data does not have",
        "use a slug of the framework's `breakdown-types`",
    ),
    Code(
        "config-target-nouns",
        "config",
        "the data has targets (`targets.csv`) but `[framework] target` and `targets` are "
        "empty (read by `npf build`), or only one of the two is set",
        'set both (`target = "Target"`, `targets = "Targets"`), or neither for a framework '
        "without targets",
    ),
    # --- a workbook of figures (npf import-xlsx) ----------------------------------------
    Code("no-workbook", "workbook", "the workbook given does not exist", "check the path"),
    Code(
        "not-a-workbook",
        "workbook",
        "the file is not an Excel workbook (.xlsx) that can be read: a CSV, an old .xls, "
        "a damaged file",
        "save it from the spreadsheet as Excel workbook (.xlsx)",
    ),
    Code(
        "missing-sheet",
        "workbook",
        "a sheet of the template (Instructions, Data) is missing or was renamed",
        "put it back with its name as `npf export-xlsx` wrote it",
    ),
    Code(
        "workbook-indicator",
        "workbook",
        "cell B2 of the Instructions sheet does not hold the slug of an indicator of the "
        "data given",
        "put back the slug the template had, or give the right `--data`",
    ),
    Code(
        "missing-column",
        "workbook",
        "a column of the package's table is missing from the sheet's first row",
        "put the column back, named as in the template",
    ),
    Code(
        "unknown-column",
        "workbook",
        "a column of the sheet that the package's table does not have",
        "remove it, or rename it to the column it is",
    ),
    Code(
        "repeated-column",
        "workbook",
        "a column named twice in the sheet's first row",
        "keep one of the two",
    ),
    Code(
        "not-a-number",
        "workbook",
        "text (or a date) in a number column: `n/a`, `62.8%`, `..`",
        "type the figure as a number, or leave out the row",
    ),
    Code(
        "not-a-date",
        "workbook",
        "a date cell that is not a date written `YYYY-MM-DD`",
        "write it as `2019-04-01`, or leave both dates empty to have them read from the period",
    ),
    Code(
        "wrong-cell-type",
        "workbook",
        "a date or TRUE/FALSE where text belongs (a period the spreadsheet took for a date)",
        "type the value as text, as published",
    ),
    Code(
        "error-cell",
        "workbook",
        "a cell holding a spreadsheet error (`#N/A`, `#DIV/0!`, `#REF!`)",
        "type the value itself",
    ),
    # --- outside validation ---------------------------------------------------------
    Code(
        "boundaries-place",
        "other",
        "a shape of the boundaries' shapefile names no known place, or a place a second time "
        "(found by `npf import`)",
        "add the spelling to the names the importer knows (`importers/councils.py`), or "
        "remove the duplicate record",
    ),
    Code(
        "invalid",
        "other",
        "a problem found outside `npf validate`: by an importer in a source file, or by "
        "the build; `npf validate` never reports it",
        "what the message says",
    ),
)

CODES: dict[str, Code] = {c.code: c for c in _CODES}


def markdown() -> str:
    """The codes as Markdown tables, one per stage, for ``docs/validation.md``."""
    parts = []
    for stage, heading in STAGES.items():
        lines = [f"### {heading}", "", "| code | what is wrong | what to do |", "|---|---|---|"]
        lines += [f"| `{c.code}` | {c.title} | {c.fix} |" for c in _CODES if c.stage == stage]
        parts.append("\n".join(lines))
    return "\n\n".join(parts)
