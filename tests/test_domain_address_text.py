"""Addresses as places are written (issue 19, ocop.domain.address_text): every syllable of a
place name capitalised, the unit tables' spelling where they know the name, the words for a
kind of unit in lower case before it (Decree 30/2020/NĐ-CP, Appendix II), and today's unit
beside a former one. No database: the tables come in as plain data."""

import pytest

from ocop.domain.address_text import PlaceBook, display_address, hamlet_names
from ocop.registry.reference import data_file, read_csv, split_kind


def lai_chau() -> PlaceBook:
    names = {"Lai Châu"}
    for row in read_csv(data_file("laichau_units_2025.csv")):
        names.add(row["new_name"])
        for old in filter(None, row["old_units"].split(";")):
            commune, district = old.split("|")
            names.update((split_kind(commune)[1], split_kind(district)[1]))
    return PlaceBook.of(names)


BOOK = lai_chau()
BAN_BO = ("xã", "Bản Bo")


@pytest.mark.parametrize(
    ("written", "today", "shown"),
    [
        # The issue's own: three styles and lower case, one style out.
        (
            "Bản Lao Chải, xã bản bo, huyện tam đường",
            BAN_BO,
            "Bản Lao Chải, xã Bản Bo, huyện Tam Đường (nay là xã Bản Bo)",
        ),
        (
            "Bản Lao Chải, Xã Nà Tăm, Huyện Tam Đường",
            BAN_BO,
            "Bản Lao Chải, xã Nà Tăm, huyện Tam Đường (nay là xã Bản Bo)",
        ),
        ("xã Bản Bo", BAN_BO, "Xã Bản Bo"),
        ("bản lao chải, xã bản bo", BAN_BO, "Bản Lao Chải, xã Bản Bo"),
        # The tables' spelling: without marks, or another spelling of the same name.
        (
            "Bản Lao Chải, xã na tam, huyện tam duong",
            BAN_BO,
            "Bản Lao Chải, xã Nà Tăm, huyện Tam Đường (nay là xã Bản Bo)",
        ),
        ("xã Ma Ly Pho, huyện Phong Thổ", ("xã", "Phong Thổ"), None),
        # Abbreviations and no commas.
        (
            "TT Tân Uyên, H. Tân Uyên",
            ("xã", "Tân Uyên"),
            "Thị trấn Tân Uyên, huyện Tân Uyên (nay là xã Tân Uyên)",
        ),
        (
            "Bản Hon xã Nậm Sỏ huyện Tân Uyên tỉnh Lai Châu",
            ("xã", "Nậm Sỏ"),
            "Bản Hon, xã Nậm Sỏ, huyện Tân Uyên, tỉnh Lai Châu (nay là xã Nậm Sỏ)",
        ),
        # A town is a former unit too.
        (
            "Khu phố 12, Thị trấn Mường Tè",
            ("xã", "Bum Tở"),
            "Khu phố 12, thị trấn Mường Tè (nay là xã Bum Tở)",
        ),
        # Hamlets: a name or a number after the word; anything else as typed.
        ("tổ 7, phường tân phong", ("phường", "Tân Phong"), "Tổ 7, phường Tân Phong"),
        ("thôn đông pao, xã Bản Bo", BAN_BO, "Thôn Đông Pao, xã Bản Bo"),
        ("gần chợ trung tâm, xã Bản Bo", BAN_BO, "Gần chợ trung tâm, xã Bản Bo"),
        ("bản Hon (cũ), xã Bản Bo", BAN_BO, "Bản Hon (cũ), xã Bản Bo"),
        ("Số nhà 12, đường trần phú, phường tân phong", None, None),
        # Already said, not said twice; nothing to say without today's unit.
        ("Bản Hon, xã Nà Tăm, huyện Tam Đường (nay là xã Bản Bo)", BAN_BO, None),
        ("Bản Hon, xã Nà Tăm, huyện Tam Đường", None, "Bản Hon, xã Nà Tăm, huyện Tam Đường"),
        ("", BAN_BO, ""),
    ],
)
def test_it_writes_an_address_as_places_are_written(written, today, shown):
    expected = {
        "xã Ma Ly Pho, huyện Phong Thổ": "Xã Ma Li Pho, huyện Phong Thổ (nay là xã Phong Thổ)",
        "Số nhà 12, đường trần phú, phường tân phong": (
            "Số nhà 12, đường trần phú, phường Tân Phong"
        ),
        "Bản Hon, xã Nà Tăm, huyện Tam Đường (nay là xã Bản Bo)": (
            "Bản Hon, xã Nà Tăm, huyện Tam Đường (nay là xã Bản Bo)"
        ),
    }.get(written, shown)
    assert display_address(written, BOOK, today) == expected


@pytest.mark.parametrize(
    "written",
    [
        "Bản Lao Chải, xã bản bo, huyện tam đường",
        "TT Tân Uyên, H. Tân Uyên",
        "thôn đông pao, xã Bản Bo",
    ],
)
def test_it_is_stable(written):
    once = display_address(written, BOOK, BAN_BO)
    assert display_address(once, BOOK, BAN_BO) == once


def test_a_name_the_tables_spell_two_ways_is_only_capitalised():
    book = PlaceBook.of(["Mường Than", "Muong Than"])
    assert display_address("xã mường than", book) == "Xã Mường Than"


def test_the_hamlets_of_two_syllables_an_address_names_are_known_places():
    addresses = [
        "bản vàng pheo, xã Mù Cả, huyện Mường Tè",
        "Bản Hon, xã Nậm Sỏ",  # one syllable: also a word
        "Tổ dân phố Sin Chải, phường Tân Phong",
        "Khu phố 12, thị trấn Mường Tè",  # a number
        "bản Lao Chải (cũ), xã Bản Bo",  # ambiguous
        "xã Bản Bo",  # a commune, not a hamlet
    ]
    assert hamlet_names(addresses) == {"Vàng Pheo", "Sin Chải"}
