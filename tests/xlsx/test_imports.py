"""``npf import-xlsx``: a workbook read back into its package, all or nothing; a round
trip with no edits changes no byte."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl.worksheet.worksheet import Worksheet

from build_scripts.errors import NpfError
from build_scripts.validate import validate_path
from build_scripts.xlsx import export_workbook, import_workbook
from build_scripts.xlsx.layout import read_csv
from tests.command_line import npf
from tests.synthetic import Size, write_packages
from tests.validate.mutations import GS, GS_JSON, PA, copy_valid
from tests.xlsx.helpers import ROOT, column, edited, exported, tree

REPOSITORY = ROOT / "datapackages"
# A sample of the repository's indicators (all 81 take about 80 s; measured: none changes
# a byte): the largest, those with quoted cells, places, an in-development one, and every
# ninth of the rest.
_ALL = sorted(p.name for p in (REPOSITORY / "indicators").iterdir() if p.is_dir())
SAMPLE = sorted(
    {
        "educational-attainment",
        "number-of-businesses",
        "natural-capital",
        "high-growth-businesses",
        "confidence-of-children-and-young-people",
        *_ALL[::9],
    }
)


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("repository") / "datapackages"
    shutil.copytree(REPOSITORY, root)
    return root


def _round_trip(data: Path, slug: str, book: Path) -> None:
    before = tree(data)
    result = import_workbook(exported(data, slug, book), data)
    assert not result.changed
    assert tree(data) == before
    for csv_file in (data / "indicators" / slug).glob("*.csv"):
        read = read_csv(csv_file)
        # and the writer itself gives the same bytes from the rows
        assert read.text(read.rows).encode("utf-8") == read.raw


@pytest.mark.parametrize("slug", SAMPLE)
def test_a_round_trip_changes_no_byte_of_the_repository(
    repository: Path, slug: str, tmp_path: Path
) -> None:
    _round_trip(repository, slug, tmp_path / f"{slug}.xlsx")


def test_a_round_trip_of_synthetic_cross_classified_data(tmp_path: Path) -> None:
    data = tmp_path / "datapackages"
    write_packages(data, Size(indicators=2, rows=1500, areas=5))
    slugs = sorted(p.name for p in (data / "indicators").iterdir())
    crossed = 0
    for slug in slugs:
        crossed += any(r[6] for r in read_csv(data / "indicators" / slug / f"{slug}.csv").rows)
        _round_trip(data, slug, tmp_path / f"{slug}.xlsx")
    assert crossed  # the sample has cross-classified figures


HOSTILE = [
    "a note, with a comma",
    'a "quoted" note',
    "a; semicolon, and 'single' quotes",
    "éàü – “curly” quotes",
    "  spaces around  ",
]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_round_trip_keeps_the_files_own_text_line_ends_and_figures(
    tmp_path: Path, newline: str
) -> None:
    """Notes a spreadsheet could mangle (validation allows no line break or formula in a
    cell), figures written ``65.50`` and ``66.1000``, and Windows line ends all come back
    as they were."""
    data = copy_valid(tmp_path)
    read = read_csv(data / PA)
    rows = [list(r) for r in read.rows]
    note, value = read.header.index("note"), read.header.index("value")
    for i, text in enumerate(HOSTILE):
        rows[i][note] = text
    rows[0][value] = "65.50"
    rows[1][value] = "66.1000"
    (data / PA).write_bytes(read.__class__(read.header, [], newline).text(rows).encode())
    assert validate_path(data / "indicators" / "physical-activity").valid
    _round_trip(data, "physical-activity", tmp_path / "p.xlsx")


def test_an_edit_changes_only_its_line(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    before = (data / GS).read_text(encoding="utf-8").splitlines()

    def edit(sheet: Worksheet) -> None:
        sheet.cell(3, column(sheet, "value")).value = 67.25

    book = edited(exported(data, "green-space", tmp_path / "g.xlsx"), edit)
    result = import_workbook(book, data)

    assert result.changed
    after = (data / GS).read_text(encoding="utf-8").splitlines()
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed == [2]
    assert after[2].split(",")[8] == "67.25"
    assert validate_path(data).valid


def test_a_new_row_takes_dates_from_its_period_and_a_new_group_joins_the_enum(
    tmp_path: Path,
) -> None:
    data = copy_valid(tmp_path)
    descriptor = json.loads((data / GS_JSON).read_text(encoding="utf-8"))
    fields = descriptor["resources"][0]["schema"]["fields"]
    groups = [r[5] for r in read_csv(data / GS).rows]
    enum = list(dict.fromkeys(groups))  # the groups it has, as the importer lists them
    next(f for f in fields if f["name"] == "breakdown_group")["constraints"] = {"enum": enum}
    (data / GS_JSON).write_text(json.dumps(descriptor, indent=2) + "\n", encoding="utf-8")
    group = "Female"  # a group of the framework the package has no figure of
    assert group not in enum

    def edit(sheet: Worksheet) -> None:
        header = [c.value for c in sheet[1]]
        row: dict[str, object] = {
            "measure": "near-green-space",
            "period": "2019",
            "breakdown_type": "sex",
        }
        row |= {"breakdown_group": group, "value": 61.5, "unit": "percent"}
        row |= {"source": "synthetic-survey"}
        sheet.append([row.get(str(name)) for name in header])

    book = edited(exported(data, "green-space", tmp_path / "g.xlsx"), edit)
    import_workbook(book, data)

    last = (data / GS).read_text(encoding="utf-8").splitlines()[-1]
    assert (
        last == "near-green-space,2019,2019-01-01,2019-12-31,sex,Female,,,61.5,,,percent,,,"
        "synthetic-survey"
    )
    descriptor = json.loads((data / GS_JSON).read_text(encoding="utf-8"))
    fields = descriptor["resources"][0]["schema"]["fields"]
    assert next(f for f in fields if f["name"] == "breakdown_group")["constraints"]["enum"] == [
        *enum,
        group,
    ]
    assert validate_path(data).valid


def _bad(sheet: Worksheet) -> None:
    """Five mistakes in five rows of physical-activity."""
    value, group = column(sheet, "value"), column(sheet, "breakdown_group")
    period = column(sheet, "period")
    assert sheet.cell(5, column(sheet, "breakdown_type")).value == "sex"
    sheet.append([c.value for c in sheet[6]])  # row 6 again: a duplicate
    sheet.cell(2, value).value = "n/a"  # text in a number column
    sheet.cell(5, group).value = "Nowhere"  # unknown group
    sheet.cell(3, value).value = None  # a required cell left empty
    sheet.cell(4, period).value = datetime(2019, 1, 1)  # a date where text belongs


def test_every_problem_is_located_and_nothing_is_written(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    book = edited(exported(data, "physical-activity", tmp_path / "p.xlsx"), _bad)
    before = tree(data)

    with pytest.raises(NpfError) as raised:
        import_workbook(book, data)

    assert tree(data) == before
    found = {(p.sheet, p.row, p.column, p.code) for p in raised.value.problems}
    last = len(read_csv(data / PA).rows) + 2
    assert found == {
        ("Data", 2, "value", "not-a-number"),
        ("Data", 3, "value", "missing-value"),
        ("Data", 4, "period", "wrong-cell-type"),
        ("Data", 5, "breakdown_group", "unknown-group"),
        ("Data", last, None, "primary-key"),
    }, found
    assert all(p.path == str(book) for p in raised.value.problems)


def test_a_group_of_another_type_is_refused_whatever_the_spreadsheet_let_in(
    tmp_path: Path,
) -> None:
    """The drop-down offers a row only its type's groups, but a pasted value gets past
    it: import-xlsx checks each group against its own type all the same."""
    data = copy_valid(tmp_path)

    def mismatched(sheet: Worksheet) -> None:
        kind, group = column(sheet, "breakdown_type"), column(sheet, "breakdown_group")
        assert sheet.cell(5, kind).value == "sex"
        sheet.cell(5, group).value = "16-24"  # a group of age, not of sex

    book = edited(exported(data, "physical-activity", tmp_path / "p.xlsx"), mismatched)
    before = tree(data)
    with pytest.raises(NpfError) as raised:
        import_workbook(book, data)
    assert tree(data) == before
    found = {(p.sheet, p.row, p.column, p.code) for p in raised.value.problems}
    assert found == {("Data", 5, "breakdown_group", "unknown-group")}


def test_the_command_line_prints_file_sheet_row_column_and_what_to_do(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    edited(exported(data, "physical-activity", tmp_path / "p.xlsx"), _bad)
    before = tree(data)

    run = npf("import-xlsx", "p.xlsx", "--data", str(data), cwd=tmp_path)

    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert 'p.xlsx: Data: row 2: value: "n/a" is not a number; type the figure' in run.stderr
    assert "p.xlsx: Data: row 5: breakdown_group: unknown group 'Nowhere'" in run.stderr
    assert "error: nothing was written" in run.stderr
    assert tree(data) == before


def _renamed(sheet: Worksheet) -> None:
    sheet.title = "Figures"


def _columns(sheet: Worksheet) -> None:
    sheet.cell(1, column(sheet, "note")).value = "notes"


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (_renamed, {("Data", None, None, "missing-sheet")}),
        (
            _columns,
            {("Data", 1, "notes", "unknown-column"), ("Data", 1, "note", "missing-column")},
        ),
    ],
)
def test_the_shape_of_the_workbook_is_checked(
    tmp_path: Path, edit: object, expected: set[tuple[object, ...]]
) -> None:
    data = copy_valid(tmp_path)
    book = edited(exported(data, "green-space", tmp_path / "g.xlsx"), edit)
    with pytest.raises(NpfError) as raised:
        import_workbook(book, data)
    assert {(p.sheet, p.row, p.column, p.code) for p in raised.value.problems} == expected


def test_the_indicator_is_named_in_the_instructions(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)

    def slug(sheet: Worksheet) -> None:
        sheet["B2"] = "../framework"

    book = edited(exported(data, "green-space", tmp_path / "g.xlsx"), slug, "Instructions")
    with pytest.raises(NpfError) as raised:
        import_workbook(book, data)
    [problem] = raised.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("Instructions", 2, "B")
    assert problem.code == "workbook-indicator"


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, content in parts.items():
            z.writestr(name, content)
    return out.getvalue()


def _broken(data: Path, part: str) -> bytes:
    """A workbook of ``data`` with ``part`` of its zip not XML."""
    book = zipfile.ZipFile(io.BytesIO(export_workbook(data, "green-space")))
    parts = {name: book.read(name) for name in book.namelist()}
    assert part in parts
    return _zip(parts | {part: b"<not xml"})


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda data: b"measure,period\n", "not-a-workbook"),
        (lambda data: b"", "not-a-workbook"),
        (lambda data: _zip({}), "not-a-workbook"),
        (lambda data: _broken(data, "xl/workbook.xml"), "not-a-workbook"),
        (lambda data: _broken(data, "xl/worksheets/sheet2.xml"), "not-a-workbook"),
        (lambda data: None, "no-workbook"),
    ],
)
def test_a_file_that_is_not_a_workbook(
    tmp_path: Path, make: Callable[[Path], bytes | None], code: str
) -> None:
    data = copy_valid(tmp_path)
    book = tmp_path / "figures.xlsx"
    content = make(data)
    if content is not None:
        book.write_bytes(content)

    run = npf("import-xlsx", str(book), "--data", str(data), cwd=tmp_path)

    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith(f"{book}: ")
    with pytest.raises(NpfError) as raised:
        import_workbook(book, data)
    assert [p.code for p in raised.value.problems] == [code]


def test_the_other_packages_are_left_alone(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    before = tree(data)

    def edit(sheet: Worksheet) -> None:
        sheet.cell(2, column(sheet, "value")).value = 63.5

    import_workbook(edited(exported(data, "physical-activity", tmp_path / "p.xlsx"), edit), data)
    after = tree(data)
    assert {k for k in after if after[k] != before.get(k)} == {PA}


def test_blank_rows_are_skipped_and_rows_are_named_as_the_sheet_numbers_them(
    tmp_path: Path,
) -> None:
    data = copy_valid(tmp_path)
    figures = len(read_csv(data / PA).rows)

    def blank(sheet: Worksheet) -> None:
        sheet.insert_rows(3)  # an empty row 3: the figures below move down one

    book = edited(exported(data, "physical-activity", tmp_path / "p.xlsx"), blank)
    before = tree(data)
    assert not import_workbook(book, data).changed
    assert tree(data) == before

    def duplicate(sheet: Worksheet) -> None:
        sheet.append([c.value for c in sheet[5]])  # CSV line 4, the sheet's row 5

    with pytest.raises(NpfError) as raised:
        import_workbook(edited(book, duplicate), data)
    [problem] = raised.value.problems
    assert (problem.sheet, problem.row, problem.code) == ("Data", figures + 3, "primary-key")
    assert " as row 5;" in problem.message
    assert tree(data) == before
