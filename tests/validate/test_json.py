"""``npf validate --json`` gives the report of the Python API, as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from build_scripts.validate import validate_path
from tests.command_line import npf
from tests.validate.mutations import PA, PA_JSON, all_of, copy_valid, edit_json, set_cell

ROOT = Path(__file__).resolve().parents[2]


def test_json_equals_the_python_api_on_a_broken_tree(tmp_path: Path) -> None:
    root = copy_valid(tmp_path)
    all_of(
        set_cell(PA, 3, "value", "NaN"),
        set_cell(PA, 4, "period", "2017ish"),
        edit_json(PA_JSON, lambda d: d.__setitem__("npf:criteria", {"method": "trend"})),
    )(root)

    run = npf("validate", "datapackages", "--json", cwd=tmp_path)

    assert run.returncode == 1, run.stderr
    assert run.stderr == ""
    got = json.loads(run.stdout)
    problems = validate_path(root).sorted_problems()
    assert got["valid"] is False
    assert got["problems"] == [
        {
            "path": str(Path("datapackages") / Path(p.path).relative_to(root)),
            "row": p.row,
            "column": p.column,
            "code": p.code,
            "message": p.message,
        }
        for p in problems
    ]
    codes = {p["code"] for p in got["problems"]}
    assert {"not-a-figure", "unreadable-period", "catalogue-property"} <= codes
    assert "invalid" not in codes


def test_json_of_a_valid_tree(tmp_path: Path) -> None:
    root = copy_valid(tmp_path)
    report = validate_path(root)

    run = npf("validate", str(root), "--json", cwd=tmp_path)

    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {
        "valid": True,
        "packages": report.packages,
        "rows": report.rows,
        "problems": [],
    }
    assert report.packages > 1 and report.rows > 1
