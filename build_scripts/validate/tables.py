"""Frictionless on every package: types, required fields, enum and pattern constraints,
primary keys and foreign keys, with each error turned into a located ``Problem`` whose
message says what to do.

Only resources that passed safe loading (``descriptors.py``) are given to frictionless, so
it never fetches a URL or reads outside the package.
"""

from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING, Any

from build_scripts.problems import Problem
from build_scripts.validate.descriptors import LoadedPackage, Table

if TYPE_CHECKING:
    from frictionless import errors

# frictionless (with pydantic: about 0.15 s) is imported where a table is checked, not
# with this module: the build imports the validator's package to start it in a process
# of its own, and only that process checks tables.

CONSTRAINT = re.compile(r'constraint "(?P<name>\w+)" is "(?P<value>.*)"', re.DOTALL)
SAME_AS = re.compile(r"row at position (\d+)")
MAX_LISTED = 12
FRICTIONLESS_CODES = (
    "type-error",
    "primary-key",
    "foreign-key",
    "missing-cell",
    "extra-cell",
    "blank-row",
    "missing-label",
    "extra-label",
    "incorrect-label",
    "duplicate-label",
    "blank-label",
)
"""Frictionless's error types that are reported under their own names."""
CONSTRAINT_CODES = {
    "required": "missing-value",
    "enum": "not-in-list",
    "unique": "duplicate-value",
    "minimum": "out-of-range",
    "maximum": "out-of-range",
    "exclusiveMinimum": "out-of-range",
    "exclusiveMaximum": "out-of-range",
    "minLength": "wrong-length",
    "maxLength": "wrong-length",
}

TYPE_HINTS = {
    "number": "write a plain number such as 12.5 (no thousands separators, % signs or notes)",
    "integer": "write a whole number such as 3",
    "date": "write the date as YYYY-MM-DD",
    "boolean": "write true or false",
    "object": 'write a JSON object such as {"method": "last-two", "threshold": 1}',
    "array": "write a JSON array",
    "year": "write a four-digit year",
}


def check_tables(package: LoadedPackage) -> list[Problem]:
    """Frictionless's problems with the readable resources of ``package``."""
    if package.descriptor is None or not package.tables:
        return []
    from frictionless import FrictionlessException, Package

    descriptor = _safe_copy(package)
    try:
        report = Package(descriptor, basepath=str(package.folder)).validate()
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        # frictionless fails this way on some malformed descriptors
        message = f"frictionless cannot read this descriptor ({error!r}); see docs/data-format.md"
        return [Problem(package.shown, None, None, message, code="descriptor-error")]
    except FrictionlessException as error:
        return [
            Problem(
                package.shown,
                None,
                None,
                f"{_descriptor_note(e)}; see docs/data-format.md",
                code="descriptor-error",
            )
            for e in error.reasons or [error.error]
        ]
    by_name = {t.name: t for t in package.tables}
    problems: list[Problem] = []
    for task in report.tasks:
        table = by_name.get(task.name)
        problems.extend(_problem(package, table, e) for e in task.errors)
    problems.extend(_problem(package, None, e) for e in report.errors)
    return problems


def _safe_copy(package: LoadedPackage) -> dict[str, Any]:
    """The descriptor with only the resources that were read safely; foreign keys to a
    resource that was left out are dropped (its own problem is already reported)."""
    assert package.descriptor is not None
    descriptor = copy.deepcopy(package.descriptor)
    resources = [r for i, r in enumerate(descriptor["resources"]) if i not in package.skipped]
    left_out = {
        r.get("name")
        for i, r in enumerate(descriptor["resources"])
        if i in package.skipped and isinstance(r, dict)
    }
    for resource in resources:
        schema = resource.get("schema")
        if isinstance(schema, dict) and isinstance(schema.get("foreignKeys"), list):
            schema["foreignKeys"] = [
                fk
                for fk in schema["foreignKeys"]
                if not isinstance(fk, dict)
                or not isinstance(fk.get("reference"), dict)
                or fk["reference"].get("resource") not in left_out
            ]
    descriptor["resources"] = resources
    return descriptor


def _problem(package: LoadedPackage, table: Table | None, error: errors.Error) -> Problem:
    from frictionless import errors

    path = table.shown if table else package.shown
    row: int | None = getattr(error, "row_number", None)
    column: str | None = getattr(error, "field_name", None) or None
    message = _message(error, table)
    if table is not None and row is not None:
        row = table.line_of(row)
    if isinstance(error, errors.LabelError):
        row = 1
        column = error.field_name or error.label or None
    if isinstance(error, errors.ExtraCellError | errors.PrimaryKeyError | errors.BlankRowError):
        column = None
    if isinstance(error, errors.ForeignKeyError):
        column = ", ".join(error.field_names)
    if table is None and not isinstance(error, errors.RowError):
        column = getattr(error, "field_name", None) or None
    return Problem(path, row, column, message, code=_code(error))


def _code(error: errors.Error) -> str:
    """The registered code of a frictionless error: frictionless's own type, a
    constraint error by its constraint, ``table-error`` for any other."""
    from frictionless import errors

    if isinstance(error, errors.ConstraintError):
        name, value = _constraint(error)
        if name == "pattern":
            return _pattern_code(value)
        return CONSTRAINT_CODES.get(name, "constraint-error")
    return error.type if error.type in FRICTIONLESS_CODES else "table-error"


def _message(error: errors.Error, table: Table | None) -> str:
    from frictionless import errors

    if isinstance(error, errors.TypeError):
        kind = _field_type(table, error.field_name)
        hint = TYPE_HINTS.get(kind, f"write a value of type {kind}")
        article = "an" if kind[:1] in ("a", "e", "i", "o", "u") else "a"
        return f"{error.cell!r} is not {article} {kind}; {hint}"
    if isinstance(error, errors.ConstraintError):
        return _constraint_message(error)
    if isinstance(error, errors.PrimaryKeyError):
        key = _primary_key(table)
        match = SAME_AS.search(error.note)
        earlier = " as an earlier row"
        if match:
            number = int(match.group(1))
            earlier = f" as row {table.line_of(number) if table else number}"
        return (
            f"duplicate: the same {', '.join(key) or 'primary key'}{earlier}; "
            "remove one of the two rows or correct its key"
        )
    if isinstance(error, errors.ForeignKeyError):
        values = ", ".join(repr(c) for c in error.field_cells)
        target = error.reference_name or "this table"
        fields = ", ".join(error.reference_field_names)
        return f"{values} is not a {fields} of {target}; add it there or correct it"
    if isinstance(error, errors.MissingCellError):
        return "this row has fewer cells than the header; add the missing cells (empty is fine)"
    if isinstance(error, errors.ExtraCellError):
        return (
            "this row has more cells than the header; put double quotes around a cell "
            "that contains a comma, or remove the extra cell"
        )
    if isinstance(error, errors.BlankRowError):
        return "blank row; remove it"
    if isinstance(error, errors.MissingLabelError):
        return (
            f"the column {error.field_name!r} is missing from the header; add it "
            "(empty cells are fine where it is optional)"
        )
    if isinstance(error, errors.ExtraLabelError):
        return (
            f"the header has a column {error.label!r} that the schema does not describe; "
            "remove it or add it to the schema"
        )
    if isinstance(error, errors.IncorrectLabelError):
        return (
            f"the header says {error.label!r} where the schema expects {error.field_name!r}; "
            "the columns must have the schema's names, in its order"
        )
    if isinstance(error, errors.DuplicateLabelError):
        return f"the column {error.label!r} appears twice in the header; remove one"
    if isinstance(error, errors.BlankLabelError):
        return "a column of the header has no name; name it or remove it"
    return f"{error.message}; see docs/data-format.md"


def _descriptor_note(error: errors.Error) -> str:
    """Frictionless's descriptor error, without its generic preamble."""
    note = error.note or error.message
    return f"the descriptor is not valid: {note}"


def _constraint(error: errors.ConstraintError) -> tuple[str, str]:
    """The name and value of the constraint a cell breaks."""
    match = CONSTRAINT.search(error.note)
    return (match.group("name"), match.group("value")) if match else ("", "")


def not_a_web_address(text: str) -> str:
    """The message for an address that is not an absolute ``http(s)`` URL."""
    return (
        f"{text!r} is not a web address; write the source's page as an absolute URL "
        "beginning with https:// (or leave it empty)"
    )


def _pattern_code(pattern: str) -> str:
    if "https?://" in pattern:  # contract.WEB_ADDRESS
        return "not-a-web-address"
    if "[a-z0-9]" in pattern:
        return "not-a-slug"
    return "pattern-mismatch"


def _constraint_message(error: errors.ConstraintError) -> str:
    name, value = _constraint(error)
    cell = error.cell
    if name == "required":
        return "a value is required here; fill it in"
    if name == "enum":
        allowed = _listed(value)
        return f"{cell!r} is not one of the allowed values ({allowed}); correct it"
    if name == "pattern":
        code = _pattern_code(value)
        if code == "not-a-slug":
            return f"{cell!r} is not a slug (lower case letters and digits joined by -)"
        if code == "not-a-web-address":
            return not_a_web_address(str(cell))
        return f"{cell!r} does not match the pattern {value}"
    if name == "unique":
        return f"{cell!r} appears more than once in this column; each must be different"
    if name in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return f"{cell!r} is outside the allowed range ({name} {value})"
    if name in ("minLength", "maxLength"):
        return f"{cell!r} has the wrong length ({name} {value})"
    return f"{cell!r} breaks the constraint {name} {value}".strip()


def _listed(value: str) -> str:
    items = re.findall(r"'((?:[^'\\]|\\.)*)'", value)
    if not items:
        return value
    shown = ", ".join(items[:MAX_LISTED])
    if len(items) > MAX_LISTED:
        shown += f", ... ({len(items)} in all)"
    return shown


def _field_type(table: Table | None, name: str) -> str:
    if table is not None:
        for f in table.schema.get("fields", []):
            if isinstance(f, dict) and f.get("name") == name:
                return str(f.get("type", "string"))
    return "value of the right type"


def _primary_key(table: Table | None) -> list[str]:
    if table is None:
        return []
    key = table.schema.get("primaryKey", [])
    return [key] if isinstance(key, str) else [str(k) for k in key]
