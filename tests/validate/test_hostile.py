"""Malformed descriptors of every shape give located problems, never a Python error, and
nothing is fetched from the network."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from build_scripts.validate import validate_path
from build_scripts.validate.codes import CODES
from tests.validate.mutations import EV_JSON, PA, PA_JSON, copy_valid, edit_json, set_cell

FW_JSON = "framework/datapackage.json"
Edit = Callable[[dict[str, Any]], None]


def _res(key: str, value: Any) -> Edit:
    return lambda d: d["resources"][0].__setitem__(key, value)


def _schema(key: str, value: Any) -> Edit:
    return lambda d: d["resources"][0]["schema"].__setitem__(key, value)


def _top(key: str, value: Any) -> Edit:
    return lambda d: d.__setitem__(key, value)


HOSTILE: dict[str, tuple[str, Edit, str]] = {
    "fields not a list": (PA_JSON, _schema("fields", "x"), "resources[0].schema.fields"),
    "a field not an object": (
        PA_JSON,
        lambda d: d["resources"][0]["schema"]["fields"].__setitem__(0, 5),
        "resources[0].schema.fields[0]",
    ),
    "a field type unknown": (
        PA_JSON,
        lambda d: d["resources"][0]["schema"]["fields"][8].__setitem__("type", "numbr"),
        "",
    ),
    "primary key names no field": (PA_JSON, _schema("primaryKey", ["nope"]), ""),
    "foreign key not an object": (
        FW_JSON,
        lambda d: d["resources"][2]["schema"].__setitem__("foreignKeys", [5]),
        "resources[2].schema.foreignKeys[0]",
    ),
    "npf:measures a string": (PA_JSON, _top("npf:measures", "x"), "npf:measures"),
    "npf:measures of strings": (PA_JSON, _top("npf:measures", ["x", 1]), "npf:measures"),
    "npf:outcomes a dict": (PA_JSON, _top("npf:outcomes", {"a": 1}), "npf:outcomes"),
    "npf:outcomes of lists": (PA_JSON, _top("npf:outcomes", [[1]]), "npf:outcomes"),
    "npf:criteria a list": (PA_JSON, _top("npf:criteria", [1]), "npf:criteria"),
    "npf:characteristic a list": (EV_JSON, _top("npf:characteristic", [1]), "npf:characteristic"),
    "name a number": (PA_JSON, _top("name", 5), "name"),
    "resources an object": (FW_JSON, _top("resources", {"a": 1}), "resources"),
    "a resource a string": (FW_JSON, lambda d: d["resources"].__setitem__(0, "x"), "resources[0]"),
    "dialect a URL": (
        PA_JSON,
        _res("dialect", "http://example.com/d.json"),
        "resources[0].dialect",
    ),
    "schema a URL": (PA_JSON, _res("schema", "http://example.com/s.json"), "resources[0].schema"),
    "encoding Latin-1": (PA_JSON, _res("encoding", "latin-1"), "resources[0].encoding"),
    "list of paths": (PA_JSON, _res("path", ["a.csv", "b.csv"]), "resources[0].path"),
    "custom profile URL": (PA_JSON, _top("profile", "https://example.com/p.json"), "profile"),
    "custom $schema URL": (PA_JSON, _top("$schema", "https://example.com/p.json"), "$schema"),
    "resource $schema URL": (
        PA_JSON,
        _res("$schema", "https://example.com/p.json"),
        "resources[0].$schema",
    ),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_descriptor_is_a_located_problem(name: str, tmp_path: Path) -> None:
    rel, edit, column = HOSTILE[name]
    root = copy_valid(tmp_path)
    edit_json(rel, edit)(root)
    report = validate_path(root)
    at_descriptor = [p for p in report.problems if p.path == str(root / rel)]
    assert at_descriptor, report.format()
    if column:
        assert column in {p.column for p in at_descriptor}, report.format()
    assert all(p.code in CODES and p.code != "invalid" for p in report.problems)


def test_a_link_out_of_the_package_is_refused(tmp_path: Path) -> None:
    root = copy_valid(tmp_path)
    (root / PA).unlink()
    (root / PA).symlink_to(tmp_path)
    report = validate_path(root)
    assert [(p.path, p.column) for p in report.problems] == [
        (str(root / PA_JSON), "resources[0].path")
    ]


@pytest.mark.parametrize(
    "address", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "//x.org"]
)
def test_a_source_page_that_is_no_web_address_is_located(address: str, tmp_path: Path) -> None:
    """Pages link a source's page: an address in another scheme than ``http(s)`` is
    refused where it is written, in ``sources.csv`` and in a descriptor's ``sources``."""
    root = copy_valid(tmp_path)
    sources = root / "framework" / "sources.csv"
    set_cell("framework/sources.csv", 2, "url", address)(root)
    edit_json(PA_JSON, lambda d: d["sources"][0].__setitem__("url", address))(root)
    found = [
        (p.path, p.row, p.column)
        for p in validate_path(root).problems
        if p.code == "not-a-web-address"
    ]
    assert found == [(str(sources), 2, "url"), (str(root / PA_JSON), None, "sources[0].url")]


def test_a_source_page_on_the_web_is_valid(tmp_path: Path) -> None:
    root = copy_valid(tmp_path)
    edit_json(PA_JSON, lambda d: d["sources"][0].__setitem__("url", "https://example.org/a?b"))(
        root
    )
    assert validate_path(root).valid
