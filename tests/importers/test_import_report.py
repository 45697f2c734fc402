"""Importers as plugins, and nothing silently dropped: the registry of formats, the
command line, and the import report of the NPF's importer on extracts of the real files
(tests/fixtures/source-data), where every data row of every file read is either a figure
written or a line of the report."""

from __future__ import annotations

import ast
import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from build_scripts.cli import main
from build_scripts.errors import NpfError
from build_scripts.importers import ImportOptions, ImportResult, ImportSummary, import_source
from build_scripts.importers.equality_evidence_source import SOURCE_FILE as EVIDENCE_FILE
from build_scripts.importers.npf_database import DATABASE_FILE
from build_scripts.importers.registry import IMPORTERS, importer
from build_scripts.importers.report import REASONS, ImportReport, Skip
from build_scripts.reference import render

FIXTURES = Path(__file__).parent.parent / "fixtures" / "source-data"
ROOT = Path(__file__).resolve().parents[2]
WEM = Path("wellbeing-economy-monitor")


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> ImportResult:
    return import_source(FIXTURES, tmp_path_factory.mktemp("import") / "datapackages")


def data_rows(path: Path) -> int:
    """The records of a CSV file after its header (quoted line breaks read as one)."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def origins(result: ImportResult) -> Counter[str]:
    """How many written figures were read from each file."""
    return Counter(
        f.origin.path for p in result.imported.packages for f in p.figures if f.origin is not None
    )


def skipped(result: ImportResult) -> Counter[str]:
    return Counter(s.path for s in result.report.skips)


# --- the registry --------------------------------------------------------------------


def test_an_unknown_format_lists_the_known_ones() -> None:
    with pytest.raises(NpfError, match="no importer of that format") as caught:
        importer("csv-of-mine")
    for name in IMPORTERS:
        assert name in caught.value.message


def test_the_command_refuses_an_unknown_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["import", "--from", "nope", "--source", str(FIXTURES), "--out", str(tmp_path / "o")]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "--from nope" in err and "npf-database" in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()


def test_an_option_the_importer_does_not_read_is_refused(tmp_path: Path) -> None:
    options = ImportOptions(translations=tmp_path)
    with pytest.raises(NpfError, match="--translations: the npf-database importer takes no"):
        import_source(FIXTURES, tmp_path / "out", "npf-database", options=options)


def test_the_docs_list_every_importer_and_reason() -> None:
    text = (ROOT / "docs" / "importing.md").read_text(encoding="utf-8")
    command = ".venv/bin/python -m build_scripts.reference docs/importing.md"
    assert render(text) == text, f"run `{command}`"
    for name in IMPORTERS:
        assert f"| `{name}` |" in text
    for code, reason in REASONS.items():
        assert f"| `{code}` | {reason.title} |" in text


def _reasons_in(path: Path) -> set[str]:
    """The reasons written in a module: the first argument of ``Skip(...)``, of
    ``.skip(...)`` and of ``.add(...)`` on a report, where it is a string."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        first = node.args[0]
        if name in ("Skip", "skip", "add") and isinstance(first, ast.Constant):
            found.add(str(first.value))
    return found


USED = {
    reason
    for path in sorted((ROOT / "build_scripts" / "importers").glob("*.py"))
    for reason in _reasons_in(path)
}


def test_every_reason_used_is_registered_and_every_registered_one_used() -> None:
    assert USED, "the scan found no reason"
    assert set(REASONS) == USED, set(REASONS) ^ USED


def test_a_skip_with_an_unknown_reason_is_a_mistake() -> None:
    with pytest.raises(ValueError, match="unknown reason"):
        Skip("lost", "a.csv", 2)


# --- nothing silently dropped (npf-database) --------------------------------------------


def test_every_database_row_is_written_or_reported(result: ImportResult) -> None:
    path = DATABASE_FILE.as_posix()
    assert origins(result)[path] + skipped(result)[path] == data_rows(FIXTURES / DATABASE_FILE)
    reasons = Counter(s.reason for s in result.report.skips if s.path == path)
    assert reasons["no-figure"] > 0 and reasons["repeated-figure"] > 0
    assert reasons["replaced-by-newer-release"] > 0


def test_every_monitor_row_is_written_or_reported(result: ImportResult) -> None:
    files = sorted((FIXTURES / WEM / "scotland").glob("*.csv"))
    files += sorted((FIXTURES / WEM / "regional").glob("*.csv"))
    assert files
    written, left_out = origins(result), skipped(result)
    # a statistics.gov.scot cube's confidence limits are rows written as bounds
    assert isinstance(result.summary, ImportSummary) and result.summary.cubes is not None
    for outcome in result.summary.cubes.outcomes:
        written[outcome.file] += outcome.bounds
    assert written[(WEM / "scotland" / "lifeexp_sco.csv").as_posix()] > 0
    for file in files:
        path = file.relative_to(FIXTURES).as_posix()
        if not written[path] and not left_out[path]:
            continue  # a file no mapping reads
        assert written[path] + left_out[path] == data_rows(file), path
    # a regional file's Scotland row is read to check it, and reported
    assert any(s.reason == "check-only" and "regional/" in s.path for s in result.report.skips)


def test_every_evidence_row_is_written_or_reported(result: ImportResult) -> None:
    path = str(EVIDENCE_FILE)
    rows = sum(len(e.rows) for e in result.imported.evidence)
    assert rows + skipped(result)[path] == data_rows(FIXTURES / EVIDENCE_FILE)


def test_each_skip_names_its_row(result: ImportResult) -> None:
    db = FIXTURES / DATABASE_FILE
    with db.open(encoding="utf-8", newline="") as f:
        records = list(csv.DictReader(f))
    for skip in result.report.skips:
        assert skip.row is not None and skip.row >= 2
        if skip.path == DATABASE_FILE.as_posix() and skip.reason == "no-figure":
            assert records[skip.row - 2]["Figure"].strip() == ""


def test_the_report_is_written_as_csv_or_json(result: ImportResult, tmp_path: Path) -> None:
    report = result.report
    report.write(tmp_path / "report.csv")
    with (tmp_path / "report.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(report.skips)
    assert set(rows[0]) == {"reason", "path", "row", "column", "detail"}
    report.write(tmp_path / "report.json")
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert data["counts"] == report.counts()
    assert len(data["skips"]) == len(report.skips)
    assert sum(data["counts"].values()) == len(report.skips)


def test_the_command_prints_counts_and_writes_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, report = tmp_path / "out", tmp_path / "left-out.csv"
    argv = ["import", "--source", str(FIXTURES), "--out", str(out), "--report", str(report)]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "left out: " in printed and " no-figure" in printed
    assert report.is_file() and (out / "framework" / "datapackage.json").is_file()
    # the command's report is the library's
    api = import_source(FIXTURES, tmp_path / "again")
    with report.open(encoding="utf-8", newline="") as f:
        assert len(list(csv.DictReader(f))) == len(api.report.skips)


def test_summary_counts_by_reason() -> None:
    report = ImportReport()
    report.add("no-figure", "a.csv", 3)
    report.add("repeated-figure", "a.csv", 4)
    report.add("no-figure", "b.csv", 2)
    assert report.counts() == {"no-figure": 2, "repeated-figure": 1}
    assert report.summary() == "left out: 2 no-figure, 1 repeated-figure (3 in all)"
    assert ImportReport().summary() == "left out: nothing"
