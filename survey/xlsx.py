"""A minimal streaming XLSX writer: plain values, inline strings, no styles per cell.

openpyxl's write-only workbook builds an object and an XML element for every
cell, which for the export's width is about 1,000 rows a second (100,000
responses took minutes). This writes each sheet's XML straight into the zip
entry as rows arrive, so memory stays constant and 100,000 rows take seconds.
It writes only what the export needs: text (as inline strings), numbers and
blanks, one or more sheets, a frozen header row. Cells must already have passed
``survey.exports.cells.cell_from_text``; no cell is ever written as a formula.
"""

import math
import re
import zipfile
from collections.abc import Iterable
from xml.sax.saxutils import escape

# Besides the control characters cell_from_text drops, XML 1.0 cannot hold these.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_CELL_CHARACTERS = 32_767  # Excel's limit for one cell
CR = {"\r": "&#13;"}

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "{sheets}</Types>"
)
SHEET_CONTENT_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats'
    '.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    "<sheets>{sheets}</sheets></workbook>"
)
WORKBOOK_SHEET = '<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>'
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships">{sheets}<Relationship Id="rId{styles}" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/></Relationships>'
)
WORKBOOK_SHEET_REL = (
    '<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>'
)
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/>'
    "</border></borders>"
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    "</cellStyleXfs>"
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" '
    'xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    "</cellStyles></styleSheet>"
)
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
    'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
    "<sheetData>"
)
SHEET_END = "</sheetData></worksheet>"


def column_letter(index: int) -> str:
    """A, B, ..., Z, AA, ... for a 0-based column index."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _text_body(value: str) -> str:
    """A text cell's XML after its reference: an inline string."""
    value = XML_ILLEGAL.sub("", value)[:MAX_CELL_CHARACTERS]
    space = (
        ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
    )
    # An XML parser turns a bare carriage return into a line feed.
    return f' t="inlineStr"><is><t{space}>{escape(value, CR)}</t></is></c>'


# Choice labels repeat on every row: their XML is kept, up to this many texts,
# then the cache starts again (so memory stays bounded).
TEXT_CACHE_SIZE = 5000


def row_xml(number: int, letters: list[str], values: Iterable, cache=None) -> str:
    """One ``<row>``: text as inline strings, numbers as numbers, blanks left out."""
    if cache is None:
        cache = {}
    cells = []
    append = cells.append
    for letter, value in zip(letters, values, strict=False):
        if value is None or value == "":
            continue
        kind = value.__class__
        if kind is int or (kind is float and math.isfinite(value)):
            append(f'<c r="{letter}{number}"><v>{value}</v></c>')
        elif kind is bool:
            append(f'<c r="{letter}{number}"><v>{int(value)}</v></c>')
        else:
            text = value if kind is str else str(value)
            body = cache.get(text)
            if body is None:
                body = _text_body(text)
                if len(cache) >= TEXT_CACHE_SIZE:
                    cache.clear()
                cache[text] = body
            append(f'<c r="{letter}{number}"{body}')
    return f'<row r="{number}">{"".join(cells)}</row>'


class StreamingWorkbook:
    """Sheets written one after another, each row as it comes, into a zip file."""

    # Deflate level 1: a little larger than the default, several times faster.
    COMPRESS_LEVEL = 1
    BUFFER_ROWS = 200

    def __init__(self, path):
        self._zip = zipfile.ZipFile(
            path, "w", zipfile.ZIP_DEFLATED, compresslevel=self.COMPRESS_LEVEL
        )
        self._names: list[str] = []

    def write_sheet(self, name: str, header: list, rows: Iterable[list]) -> int:
        """Write one sheet: the header row, then ``rows``; return the row count."""
        self._names.append(name)
        entry = f"xl/worksheets/sheet{len(self._names)}.xml"
        letters = [column_letter(i) for i in range(len(header))]
        count = 0
        cache: dict[str, str] = {}
        with self._zip.open(entry, "w", force_zip64=True) as raw:
            buffer = [SHEET_START, row_xml(1, letters, header, cache)]
            for count, row in enumerate(rows, start=1):
                if len(row) > len(letters):
                    letters += [column_letter(i) for i in range(len(letters), len(row))]
                buffer.append(row_xml(count + 1, letters, row, cache))
                if len(buffer) >= self.BUFFER_ROWS:
                    raw.write("".join(buffer).encode())
                    buffer = []
            buffer.append(SHEET_END)
            raw.write("".join(buffer).encode())
        return count

    def close(self) -> None:
        """Write the parts that describe the sheets, and finish the file."""
        numbers = range(1, len(self._names) + 1)
        self._zip.writestr(
            "[Content_Types].xml",
            CONTENT_TYPES.format(
                sheets="".join(SHEET_CONTENT_TYPE.format(n=n) for n in numbers)
            ),
        )
        self._zip.writestr("_rels/.rels", ROOT_RELS)
        self._zip.writestr(
            "xl/workbook.xml",
            WORKBOOK.format(
                sheets="".join(
                    WORKBOOK_SHEET.format(name=escape(name, {'"': "&quot;"}), n=n)
                    for n, name in zip(numbers, self._names, strict=True)
                )
            ),
        )
        self._zip.writestr(
            "xl/_rels/workbook.xml.rels",
            WORKBOOK_RELS.format(
                sheets="".join(WORKBOOK_SHEET_REL.format(n=n) for n in numbers),
                styles=len(self._names) + 1,
            ),
        )
        self._zip.writestr("xl/styles.xml", STYLES)
        self._zip.close()
