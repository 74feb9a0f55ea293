"""Cell values as the department types them: stars, dates, decision numbers."""

from datetime import date, datetime

import pytest

from ocop.imports.values import (
    looks_like_issuer,
    parse_date,
    parse_decision,
    parse_number,
    parse_stars,
)


@pytest.mark.parametrize(
    ("value", "stars"),
    [
        (3, 3),
        (4.0, 4),
        ("3", 3),
        ("3 sao", 3),
        ("3*", 3),
        ("3 *", 3),
        ("4 SAO", 4),
        ("Ba sao", 3),
        ("bốn sao", 4),
        ("Năm sao", 5),
        ("***", 3),
        ("★★★★", 4),
        (" 5  Sao ", 5),
    ],
)
def test_it_reads_stars_in_every_form(value, stars):
    assert parse_stars(value) == stars


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("7 sao", "hạng sao phải là 3, 4 hoặc 5"),
        (2, "hạng sao phải là 3, 4 hoặc 5"),
        ("3,5", "không đọc được"),
        (3.5, "không đọc được"),
        ("", "không đọc được"),
        ("cao", "không đọc được"),
    ],
)
def test_it_refuses_impossible_ratings(value, message):
    with pytest.raises(ValueError, match=message):
        parse_stars(value)


@pytest.mark.parametrize(
    ("value", "day"),
    [
        (date(2023, 3, 15), date(2023, 3, 15)),
        (datetime(2023, 3, 15, 0, 0), date(2023, 3, 15)),
        (45000, date(2023, 3, 15)),
        (45000.0, date(2023, 3, 15)),
        ("45000", date(2023, 3, 15)),
        ("15/03/2023", date(2023, 3, 15)),
        ("15/3/2023", date(2023, 3, 15)),
        ("15-03-2023", date(2023, 3, 15)),
        ("6-8-2025", date(2025, 8, 6)),
        ("15.03.2023", date(2023, 3, 15)),
        ("15/3/23", date(2023, 3, 15)),
        ("ngày 15 tháng 3 năm 2023", date(2023, 3, 15)),
        ("Ngày 05 tháng 01 năm 2026", date(2026, 1, 5)),
        ("2023-03-15", date(2023, 3, 15)),
        # Always day before month: 03/04 is the 3rd of April.
        ("03/04/2024", date(2024, 4, 3)),
    ],
)
def test_it_reads_dates_day_first(value, day):
    assert parse_date(value) == day


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31/02/2024", "ngày 31/02/2024 không tồn tại"),
        ("29/02/2023", "ngày 29/02/2023 không tồn tại"),
        ("03/15/2023", "ngày 03/15/2023 không tồn tại"),
        ("ngày 31 tháng 4 năm 2024", "không tồn tại"),
        ("tháng 3", "ngày không đọc được"),
        ("", "thiếu ngày"),
        (12, "không phải một ngày"),
        ("15/03/1923", "không hợp lý"),
    ],
)
def test_it_refuses_dates_that_do_not_exist(value, message):
    with pytest.raises(ValueError, match=message):
        parse_date(value)


@pytest.mark.parametrize(
    ("value", "number", "day"),
    [
        ("Số 123/QĐ-UBND ngày 15/3/2023", "123/QĐ-UBND", date(2023, 3, 15)),
        ("QĐ số 123/QĐ-UBND ngày 06-08-2025", "123/QĐ-UBND", date(2025, 8, 6)),
        ("123/QĐ-UBND, 15/03/2023", "123/QĐ-UBND", date(2023, 3, 15)),
        ("123/QĐ-UBND ngày 15 tháng 3 năm 2023", "123/QĐ-UBND", date(2023, 3, 15)),
        ("Quyết định số 45 / qđ - ubnd ngày 1/2/2024", "45/QĐ-UBND", date(2024, 2, 1)),
        ("12/2024/QĐ-UBND ngày 3/4/2024", "12/2024/QĐ-UBND", date(2024, 4, 3)),
        ("1234/QĐ-BNNMT", "1234/QĐ-BNNMT", None),
    ],
)
def test_it_reads_decision_strings(value, number, day):
    assert parse_decision(value)[:2] == (number, day)


def test_it_reads_the_issuer_written_after_the_date():
    assert parse_decision("123/QĐ-UBND ngày 15/3/2023 của UBND huyện Tam Đường")[2] == (
        "UBND huyện Tam Đường"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Số 12/QĐ-UBND ngày 31/02/2024", "không tồn tại"),
        ("ngày 15/3/2023", "không tìm thấy số quyết định"),
        ("", "thiếu quyết định"),
    ],
)
def test_it_refuses_broken_decision_strings(value, message):
    with pytest.raises(ValueError, match=message):
        parse_decision(value)


@pytest.mark.parametrize(
    ("value", "number"),
    [
        (332, "332"),
        (332.0, "332"),
        ("Số 332/QĐ-UBND", "332/QĐ-UBND"),
        ("332/qđ-ubnd", "332/QĐ-UBND"),
    ],
)
def test_it_writes_decision_numbers_one_way(value, number):
    assert parse_number(value) == number


@pytest.mark.parametrize(
    ("note", "issuer"),
    [
        ("UBND huyện Nậm Nhùn", True),
        ("UBND tỉnh", True),
        ("Ủy ban nhân dân tỉnh Lai Châu", True),
        ("Bộ Nông nghiệp và Môi trường", True),
        ("Sản phẩm tiềm năng 4 sao", False),
        ("", False),
    ],
)
def test_it_tells_an_issuer_from_a_note(note, issuer):
    assert looks_like_issuer(note) is issuer


NAMES = [
    "Hợp tác xã Chè Nậm Sỏ",
    "  HTX  chè nậm sỏ ",
    "H.T.X Chè Nậm Sỏ",
    "Cty CP Ong - Mật",
    "C.ty TNHH Nông sản (Mường Kim).",
    "Công ty cổ phần chè",
    "HKD Lò Văn A",
    "Hộ ông Lò Văn A",
    "Hồ Văn B",
    "THT dệt thổ cẩm",
    "DNTN Mai Anh",
    "HTXanh",
    "Bánh te\u0301\u0302t",
    "Che\u0300 Sha\u0301n",
    "Hợp\u00ad tác\u200b xã",
    "“Mật ong”",
    "",
]


@pytest.mark.parametrize("name", NAMES)
def test_the_fast_path_of_normalize_text_agrees_with_the_full_treatment(name):
    from ocop.domain import names

    assert names.normalize_text(name) == names.compose(name)
