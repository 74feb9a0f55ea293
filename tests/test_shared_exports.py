"""The one writer of every CSV and XLSX the registry hands out (ocop.shared.exports): a byte
order mark, dates as the department writes them, formula-like text kept as text, codes kept as
text, streamed or in one piece, and the same cells either way."""

import csv
import io
from datetime import date, datetime

from openpyxl import load_workbook

from ocop.shared.exports import Layout, csv_response, unquote_csv_value, xlsx_response

HEADER = ["Sản phẩm", "Mã xã/phường", "Ngày quyết định", "Nhận lúc", "Số sao"]
ROWS = [
    ['=HYPERLINK("http://x")', "03613", date(2025, 12, 31), datetime(2026, 1, 5, 14, 30), 4],
    ["'Chè", None, None, None, None],
]


def read_csv(raw: bytes) -> list[list[str]]:
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_a_csv_has_the_bom_dates_as_printed_and_no_formula():
    response = csv_response("a.csv", HEADER, ROWS)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="a.csv"'
    rows = read_csv(response.content)
    assert rows[0] == HEADER
    assert rows[1] == ['\'=HYPERLINK("http://x")', "03613", "31/12/2025", "05/01/2026 14:30", "4"]
    assert [unquote_csv_value(cell) for cell in (rows[1][0], rows[2][0])] == [
        '=HYPERLINK("http://x")',
        "'Chè",
    ]


def test_a_streamed_csv_is_the_same_bytes_in_pieces(monkeypatch):
    monkeypatch.setattr("ocop.shared.exports.ROWS_PER_CHUNK", 1)
    streamed = csv_response("a.csv", HEADER, ROWS, stream=True)

    pieces = list(streamed.streaming_content)
    assert len(pieces) == 3
    assert b"".join(pieces) == csv_response("a.csv", HEADER, ROWS).content


def test_an_xlsx_has_real_dates_text_codes_and_no_formula():
    layout = Layout(sheet="Thử", title=["DANH SÁCH", ""], bold=True, text_columns={1})
    response = xlsx_response("a.xlsx", HEADER, ROWS, layout)

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content))["Thử"]
    assert sheet["A1"].value == "DANH SÁCH" and sheet["A1"].font.bold
    assert [cell.value for cell in sheet[3]] == HEADER
    name, code, decided, received, stars = sheet[4]
    assert (name.value, name.data_type, name.quotePrefix) == ('=HYPERLINK("http://x")', "s", True)
    assert (code.value, code.number_format) == ("03613", "@")
    assert (decided.value.date(), decided.number_format) == (date(2025, 12, 31), "dd/mm/yyyy")
    assert received.value == datetime(2026, 1, 5, 14, 30)
    assert stars.value == 4
