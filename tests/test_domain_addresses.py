"""OCOP.md §4: an address as written -> the current commune/ward, with the traps of 2025."""

import pytest

from ocop.domain.addresses import (
    NEW,
    OLD,
    AddressResolver,
    CurrentUnit,
    MergedUnit,
    UnresolvedAddress,
    parse_address,
)
from ocop.registry.reference import data_file, read_csv, split_kind


def lai_chau() -> AddressResolver:
    units, merged = [], []
    for row in read_csv(data_file("laichau_units_2025.csv")):
        units.append(CurrentUnit(row["new_code"], row["new_name"], row["new_type"]))
        for old in filter(None, row["old_units"].split(";")):
            commune, district = old.split("|")
            kind, name = split_kind(commune)
            district_kind, district_name = split_kind(district)
            merged.append(
                MergedUnit(
                    kind,
                    name,
                    district_name,
                    row["new_code"],
                    row["confidence"] == "low",
                    district_kind,
                )
            )
    return AddressResolver(units, merged)


RESOLVER = lai_chau()
NAMES = {unit.code: unit.name for unit in RESOLVER.units.values()}


@pytest.mark.parametrize(
    ("address", "unit", "scheme"),
    [
        # The trap: old Mường Than is now part of Than Uyên; today's Mường Than was Phúc Than.
        ("Bản Mới, xã Mường Than, huyện Than Uyên", "Than Uyên", OLD),
        ("Bản Mới, xã Mường Than", "Mường Than", NEW),
        ("Xã Phúc Than, Huyện Than Uyên, tỉnh Lai Châu", "Mường Than", OLD),
        # Old "thị trấn Mường Tè" is now xã Bum Tở; old "xã Mường Tè" is today's Mường Tè.
        ("Khu phố 12, Thị trấn Mường Tè, Huyện Mường Tè", "Bum Tở", OLD),
        ("Bản Sin Chải, xã mường tè, huyện mường tè", "Mường Tè", OLD),
        ("Bản Sin Chải, xã Mường Tè", "Mường Tè", NEW),
        ("Bản Lao Chải, Thị trấn Phong Thổ, Huyện Phong Thổ", "Phong Thổ", OLD),
        ("Thôn Đông Pao, xã thèn sin, huyện tam đường", "Sin Suối Hồ", OLD),
        ("Bản Mới, xã lê lợi, huyện nậm nhùn", "Lê Lợi", OLD),
        ("Tổ 7, xã Chăn Nưa, Huyện Sìn Hồ", "Lê Lợi", OLD),
        ("Phường Tân Phong", "Tân Phong", NEW),
        # Spellings vary.
        ("xã Ma Ly Pho, huyện Phong Thổ", "Phong Thổ", OLD),
        ("xã Hua Bun, huyện Nậm Nhùn", "Hua Bum", OLD),
        ("xã Hua Bun", "Hua Bum", NEW),
        # Written without commas, with abbreviations, or with dashes.
        ("Bản Mới xã Nậm Sỏ huyện Tân Uyên", "Nậm Sỏ", OLD),
        ("Bản Hon, X. Tà Mít, H. Tân Uyên", "Nậm Sỏ", OLD),
        ("Bản Hon - xã Pa Tần - huyện Sìn Hồ", "Pa Tần", OLD),
        ("Tổ 5, TT. Tân Uyên, H. Tân Uyên", "Tân Uyên", OLD),
        ("Phường Đoàn Kết, TP. Lai Châu", "Đoàn Kết", OLD),
    ],
)
def test_it_resolves_addresses_of_both_schemes(address, unit, scheme):
    place = RESOLVER.resolve(address)
    assert (NAMES[place.unit_code], place.scheme) == (unit, scheme)


def test_it_keeps_the_old_district_for_the_presumed_issuer():
    assert RESOLVER.resolve("xã Pha Mu, huyện Than Uyên").old_district == "Than Uyên"
    assert RESOLVER.resolve("Phường Quyết Thắng, Thành phố Lai Châu").old_district == (
        "thành phố Lai Châu"
    )
    assert RESOLVER.resolve("xã Mường Kim").old_district is None


@pytest.mark.parametrize(
    ("address", "warning"),
    [
        ("Xã San Thàng, Thành phố Lai Châu", "độ tin cậy thấp"),
        ("xã Ma Ly Pho, huyện Phong Thổ", "tên viết khác"),
        # An old commune written without its district still resolves, with a warning.
        ("Bản Hon, xã Tà Mít", "không còn từ 01/07/2025"),
        ("Tổ 3, thị trấn Than Uyên", "không còn từ 01/07/2025"),
    ],
)
def test_it_resolves_uncertain_addresses_with_a_warning(address, warning):
    place = RESOLVER.resolve(address)
    assert any(warning in note for note in place.warnings)


def test_it_gives_no_warning_for_a_plain_address():
    assert RESOLVER.resolve("Bản Mới, xã Nậm Sỏ, huyện Tân Uyên").warnings == ()


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("Bản Mới", "không ghi xã/phường"),
        ("Bản Mới, huyện Tân Uyên", "không ghi xã/phường"),
        ("xã Nậm Sỏ, huyện Than Uyên", "không thuộc huyện Than Uyên"),
        ("xã Hà Nội, huyện Tân Uyên", "không tìm thấy xã Hà Nội"),
        ("xã Hà Nội", "không tìm thấy xã Hà Nội"),
    ],
)
def test_it_refuses_addresses_that_match_no_unit(address, message):
    with pytest.raises(UnresolvedAddress, match=message):
        RESOLVER.resolve(address)


def test_it_takes_the_commune_from_the_section_rows_when_the_address_has_none():
    place = RESOLVER.resolve("Bản Mới", context=("I. HUYỆN THAN UYÊN", "Xã Mường Than"))
    assert (NAMES[place.unit_code], place.scheme) == ("Than Uyên", OLD)
    place = RESOLVER.resolve("Bản Mới", context=("Xã Mường Than",))
    assert (NAMES[place.unit_code], place.scheme) == ("Mường Than", NEW)


def test_it_parses_levels_without_confusing_thi_xa_with_xa():
    parts = parse_address("Phường Na Lay, thị xã Mường Lay")
    assert [(p.level, p.kind, p.name) for p in parts] == [
        ("commune", "phường", "Na Lay"),
        ("district", "thị xã", "Mường Lay"),
    ]
