"""The Excel download of an indicator: typed cells, an About sheet, reproducible bytes."""

from __future__ import annotations

import csv
import io
import shutil
import time
import zipfile
from datetime import UTC, datetime, timezone, tzinfo
from pathlib import Path
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from build_scripts.downloads import collect_downloads
from build_scripts.errors import NpfError
from build_scripts.excel import workbook_bytes
from build_scripts.load import read_catalogue
from build_scripts.metadata import published_descriptor
from build_scripts.tables import read_descriptor

VALID = Path(__file__).resolve().parent / "fixtures" / "packages" / "valid"
PACKAGE = VALID / "indicators" / "healthy-life-expectancy"


def test_data_sheet_holds_the_csv_with_numbers_and_dates() -> None:
    wb = load_workbook(io.BytesIO(workbook_bytes(PACKAGE, "npf")))
    assert wb.sheetnames == ["Data", "About"]
    rows = list(wb["Data"].values)
    with (PACKAGE / "healthy-life-expectancy.csv").open(encoding="utf-8", newline="") as f:
        expected = list(csv.reader(f))
    assert list(rows[0]) == expected[0]
    assert len(rows) == len(expected)
    header = expected[0]
    first = dict(zip(header, rows[1], strict=True))
    source = dict(zip(header, expected[1], strict=True))
    assert first["value"] == float(source["value"])
    assert isinstance(first["period_start"], datetime)
    assert first["period_start"].date().isoformat() == source["period_start"]


def test_about_sheet_names_the_catalogue_metadata_and_sources() -> None:
    indicator = read_catalogue(VALID)["healthy-life-expectancy"]
    own = read_descriptor(PACKAGE / "datapackage.json")
    book = workbook_bytes(PACKAGE, "npf", published_descriptor(own, indicator, "npf"))
    about = dict(load_workbook(io.BytesIO(book))["About"].values)
    assert about["Title"] == "Healthy life expectancy"
    assert (
        about["Measure: females"] == "Healthy life expectancy of females (years; higher is better)"
    )
    assert about["Source"]


def _freeze_clock(monkeypatch: pytest.MonkeyPatch, when: datetime) -> None:
    """Every clock the workbook's bytes could read: openpyxl's document dates (it stamps
    "created" and "modified" with ``datetime.now``) and zip entry times (``time.time``,
    and ``time.localtime`` of a temporary file's time for the sheets)."""

    class Clock(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> Clock:
            return cls.fromtimestamp(when.timestamp(), tz)

    frozen = SimpleNamespace(datetime=Clock, timezone=timezone)
    monkeypatch.setattr("openpyxl.writer.excel.datetime", frozen)
    monkeypatch.setattr("openpyxl.packaging.core.datetime", frozen)
    real_localtime = time.localtime
    monkeypatch.setattr(time, "time", when.timestamp)
    monkeypatch.setattr(time, "localtime", lambda secs=None: real_localtime(when.timestamp()))


def test_same_package_same_bytes_whatever_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    _freeze_clock(monkeypatch, datetime(2021, 3, 4, 5, 6, 7, tzinfo=UTC))
    first = workbook_bytes(PACKAGE, "npf")
    _freeze_clock(monkeypatch, datetime(2035, 11, 12, 13, 14, 15, tzinfo=UTC))
    assert workbook_bytes(PACKAGE, "npf") == first
    monkeypatch.undo()
    assert workbook_bytes(PACKAGE, "npf") == first  # and with the real clock


def test_the_clock_is_frozen_where_openpyxl_reads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test above proves something: with the clock frozen, an untreated workbook
    carries the frozen time, so the clocks frozen there are the ones openpyxl reads."""
    from openpyxl import Workbook

    _freeze_clock(monkeypatch, datetime(2035, 11, 12, 13, 14, 15, tzinfo=UTC))
    raw = io.BytesIO()
    Workbook().save(raw)
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as zf:
        assert b"2035-11-12T13:14:15Z" in zf.read("docProps/core.xml")
        assert {info.date_time[0] for info in zf.infolist()} == {2035}


def test_cached_downloads_are_made_once_and_match_a_fresh_make(tmp_path: Path) -> None:
    first = collect_downloads(VALID, tmp_path / "cache", "npf")
    made = {d.source: d.source.stat().st_mtime_ns for d in first if d.source}
    second = collect_downloads(VALID, tmp_path / "cache", "npf")
    assert [d.name for d in first] == [d.name for d in second]
    assert any(d.name.endswith(".xlsx") for d in first)
    fresh = collect_downloads(VALID, tmp_path / "other", "npf")
    for a, b, c in zip(first, second, fresh, strict=True):
        assert a.source == b.source  # the same cached file, not made again
        assert b.source is not None and made[b.source] == b.source.stat().st_mtime_ns
        assert c.source is not None and b.source.read_bytes() == c.source.read_bytes()


HOSTILE = ['=HYPERLINK("https://example.com","click")', "+1", "-2+3", "@SUM(1)", "\tx"]


def test_text_is_never_a_formula(tmp_path: Path) -> None:
    """Text beginning with = + - @, a tab or a carriage return is written as quoted text;
    numbers stay numbers (issue 8)."""
    import json
    import shutil
    import zipfile

    package = tmp_path / "healthy-life-expectancy"
    shutil.copytree(PACKAGE, package)
    table = package / "healthy-life-expectancy.csv"
    with table.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row, text in zip(rows, HOSTILE, strict=False):
        row["note"] = text
    with table.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(rows)
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["title"] = HOSTILE[0]
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")

    raw = workbook_bytes(package, "npf")
    wb = load_workbook(io.BytesIO(raw))
    cells = [c for sheet in wb for row in sheet.iter_rows() for c in row if c.value is not None]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert set(HOSTILE) <= texts
    assert all(c.quotePrefix for c in cells if c.value in HOSTILE)
    data = list(wb["Data"].values)
    assert all(isinstance(r[8], int | float) for r in data[1:])  # value: numbers stay numbers
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)


def test_a_cell_the_schema_cannot_read_is_located(tmp_path: Path) -> None:
    """The workbook reads the CSV through the typed reader: a number Python would read
    but a CSV reader would not is refused with its place, not written."""
    package = tmp_path / "healthy-life-expectancy"
    shutil.copytree(PACKAGE, package)
    table = package / "healthy-life-expectancy.csv"
    lines = table.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",61.3,", ",61_3,", 1)
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(NpfError) as caught:
        workbook_bytes(package, "npf")
    [problem] = caught.value.problems
    assert (problem.path, problem.row, problem.column) == (str(table), 3, "value")


def test_the_workbooks_words_are_the_catalogues(tmp_path: Path) -> None:
    """The sheets' names and the About sheet's labels come from the catalogue in use, and
    a workbook made in another language is cached apart from the English one."""
    from build_scripts.messages import Catalogue, english, use

    words = dict(english().templates)
    words.update({"workbook.about_sheet": "Mu dheidhinn", "workbook.title": "Tiotal"})
    other = Catalogue("gd", words)
    english_books = collect_downloads(VALID, tmp_path / "cache", "npf")
    with use(other):
        other_books = collect_downloads(VALID, tmp_path / "cache", "npf")
    book = next(d.source for d in other_books if d.name.endswith(".xlsx") and d.source)
    wb = load_workbook(io.BytesIO(book.read_bytes()))
    assert wb.sheetnames == ["Data", "Mu dheidhinn", "Notes"]
    assert "Tiotal" in dict(wb["Mu dheidhinn"].values)
    english_sources = {d.source for d in english_books if d.name.endswith(".xlsx")}
    assert book not in english_sources
