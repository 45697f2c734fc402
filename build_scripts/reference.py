"""The column reference of ``docs/data-format.md``, generated from ``build_scripts/contract.py``
so that the docs cannot drift from the schemas the importers write; the problem codes of
``docs/validation.md``, generated from ``build_scripts/validate/codes.py``; and the
importers and the reasons of their reports in ``docs/importing.md``.

A Markdown file marks each generated block with a pair of comments::

    <!-- schema:indicator start -->
    (generated; edit contract.py, not this)
    <!-- schema:indicator end -->

Regenerate every block of a file in place with::

    .venv/bin/python -m build_scripts.reference docs/data-format.md

``--check`` only reports the files that differ (exit code 1), for CI.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from build_scripts.contract import (
    EVIDENCE_KEY_CANDIDATES,
    Table,
    every_framework_table,
    evidence_table,
    indicator_table,
    places_table,
)
from build_scripts.errors import NpfError
from build_scripts.validate.codes import markdown as codes_markdown

COMMAND = ".venv/bin/python -m build_scripts.reference"
MARKER = re.compile(
    r"(?P<open><!-- schema:(?P<name>[a-z-]+) start -->\n)"
    r"(?P<body>.*?)"
    r"(?P<close><!-- schema:(?P=name) end -->)",
    re.DOTALL,
)
OPENING = re.compile(r"<!-- schema:([a-z-]+) (start|end) -->")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _code(values: Sequence[Any]) -> str:
    return ", ".join(f"`{v}`" for v in values)


def _constraints(field: dict[str, Any], references: dict[str, str]) -> str:
    out: list[str] = []
    name = field["name"]
    for key, value in field.get("constraints", {}).items():
        if key == "required":
            continue
        if key == "enum":
            out.append(f"one of {_code(value)}")
        elif key == "pattern":
            out.append(f"matches `{value}`")
        else:
            out.append(f"{key} `{value}`")
    if name in references:
        out.append(f"→ {references[name]}")
    return "; ".join(out)


def table_markdown(table: Table, key_note: str = "") -> str:
    """One Markdown table of the columns of ``table``, as its schema says, then its primary
    key, followed by ``key_note``."""
    schema = table.schema()
    references = {
        fields[0]: f"`{k['reference']['resource']}.{k['reference']['fields'][0]}`"
        for k in schema.get("foreignKeys", [])
        if len(fields := k["fields"]) == 1
    }
    lines = [
        "| column | type | required | description | constraints |",
        "|---|---|---|---|---|",
    ]
    for field in schema["fields"]:
        required = "yes" if field.get("constraints", {}).get("required") else "no"
        lines.append(
            f"| `{field['name']}` | {field['type']} | {required} "
            f"| {_cell(field.get('description', ''))} "
            f"| {_cell(_constraints(field, references))} |"
        )
    if schema.get("primaryKey"):
        lines.extend(["", f"Primary key: {_code(schema['primaryKey'])}{key_note}."])
    return "\n".join(lines)


def _framework() -> str:
    parts = []
    for table in every_framework_table():
        parts.append(f"### `{table.name}` (`{table.path}`)\n\n{table_markdown(table)}")
    places = places_table("<places>")
    parts.append(
        f"### The places of a geography (`{places.path}`)\n\nOne resource per `[[geography]]` "
        "of `npf.toml`, named by its `resource` (the NPF's: `council-areas`).\n\n"
        + table_markdown(places)
    )
    return "\n\n".join(parts)


def _indicator() -> str:
    return table_markdown(indicator_table("<slug>", [], [], [], [], []))


def _evidence() -> str:
    note = (
        ", less any of them that is blank on every row of the dataset "
        "(a key column may not be blank)"
    )
    return table_markdown(evidence_table("<slug>", EVIDENCE_KEY_CANDIDATES), note)


def _importers() -> str:
    from build_scripts.importers.registry import markdown

    return markdown()


def _reasons() -> str:
    from build_scripts.importers.report import markdown

    return markdown()


def _settings() -> str:
    from build_scripts.config import settings_markdown

    return settings_markdown()


BLOCKS: dict[str, Callable[[], str]] = {
    "framework": _framework,
    "indicator": _indicator,
    "evidence": _evidence,
    "settings": _settings,
    "codes": codes_markdown,
    "importers": _importers,
    "reasons": _reasons,
}
SOURCES = {
    "settings": "build_scripts/config.py",
    "codes": "build_scripts/validate/codes.py",
    "importers": "build_scripts/importers/registry.py",
    "reasons": "build_scripts/importers/report.py",
}
"""Where a block is generated from, when not ``build_scripts/contract.py``."""


def block(name: str) -> str:
    """The generated Markdown of the block ``name`` (a key of ``BLOCKS``)."""
    if name not in BLOCKS:
        raise NpfError(f"unknown schema block {name!r}; use one of {', '.join(BLOCKS)}")
    source = SOURCES.get(name, "build_scripts/contract.py")
    note = f"<!-- generated from {source} by `{COMMAND}`; do not edit -->"
    return f"{note}\n\n{BLOCKS[name]()}\n\n"


def render(text: str) -> str:
    """``text`` with every marked block regenerated; markers that do not pair are an error."""
    opened = [m.group(1) for m in OPENING.finditer(text) if m.group(2) == "start"]
    closed = [m.group(1) for m in OPENING.finditer(text) if m.group(2) == "end"]
    paired = [m.group("name") for m in MARKER.finditer(text)]
    if opened != paired or closed != paired:
        raise NpfError(
            "schema markers do not pair: each <!-- schema:NAME start --> needs its "
            "<!-- schema:NAME end --> after it, on lines of their own"
        )
    return MARKER.sub(lambda m: m.group("open") + block(m.group("name")) + m.group("close"), text)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m build_scripts.reference",
        description="Regenerate the schema tables between <!-- schema:NAME --> markers.",
    )
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 on a diff")
    args = parser.parse_args(argv)
    stale = []
    try:
        for path in args.files:
            text = path.read_text(encoding="utf-8")
            new = render(text)
            if new == text:
                continue
            stale.append(path)
            if not args.check:
                path.write_text(new, encoding="utf-8")
    except (OSError, NpfError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for path in stale:
        if args.check:
            print(f"{path}: out of date; run `{COMMAND} {path}`", file=sys.stderr)
        else:
            print(f"{path}: regenerated")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
