"""The streaming XLSX writer: what goes in is what a spreadsheet reads back."""

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from survey.exports.cells import cell_from_text
from survey.xlsx import StreamingWorkbook, column_letter


def _write_and_read(tmp_path, rows, header=("a", "b", "c")):
    path = tmp_path / "out.xlsx"
    workbook = StreamingWorkbook(path)
    count = workbook.write_sheet("Responses", list(header), rows)
    workbook.write_sheet("Second & <last>", ["x"], [["y"]])
    workbook.close()
    book = load_workbook(path)
    return count, book


def test_column_letters_go_past_z():
    assert [column_letter(i) for i in (0, 25, 26, 51, 52, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]


def test_values_come_back_with_their_types_and_blanks(tmp_path):
    rows = [
        ["Agree", 1, None],
        ["Agree", 0, 3.5],
        [True, float("inf"), "  spaced  "],
        ["<b>&amp;</b>", "'=1+1", "line\nbreak\r\nend\r"],
    ]
    count, book = _write_and_read(tmp_path, rows)
    assert count == 4
    assert book.sheetnames == ["Responses", "Second & <last>"]
    sheet = book["Responses"]
    assert list(sheet.values) == [
        ("a", "b", "c"),
        ("Agree", 1, None),
        ("Agree", 0, 3.5),
        (1, "inf", "  spaced  "),
        ("<b>&amp;</b>", "'=1+1", "line\nbreak\r\nend\r"),
    ]
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert list(book["Second & <last>"].values) == [("x",), ("y",)]


def test_characters_xml_cannot_hold_are_dropped(tmp_path):
    _count, book = _write_and_read(tmp_path, [["a\x00b\x1fc\ufffe", 1, 2]])
    assert list(book["Responses"].values)[1] == ("abc", 1, 2)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=5))
def test_any_safe_text_reads_back_as_text_never_a_formula(tmp_path_factory, texts):
    tmp_path = tmp_path_factory.mktemp("xlsx")
    safe = [cell_from_text(text) for text in texts]
    _count, book = _write_and_read(tmp_path, [safe], header=[f"h{i}" for i in safe])
    sheet = book["Responses"]
    read = list(list(sheet.values)[1]) if sheet.max_row > 1 else []
    expected = [
        None if not value else value.replace("\ufffe", "").replace("\uffff", "")
        for value in safe
    ]
    assert (read + [None] * len(expected))[: len(expected)] == [
        value or None for value in expected
    ]
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
