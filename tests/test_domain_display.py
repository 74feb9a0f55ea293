"""Display names (ocop.domain.display): the type written out, careless case mended, place names
capitalised, the identity key unchanged; and which of two spellings is the better written."""

import pytest

from ocop.domain.display import (
    better_name,
    name_quality,
    producer_display_name,
    product_display_name,
)
from ocop.domain.names import producer_key, product_key

# As the unit tables give them: communes, old communes, districts, the province.
PLACES = frozenset(
    ["Bản Bo", "Pu Sam Cáp", "Vàng Ma Chải", "Lê Lợi", "Nậm Sỏ", "Phong Thổ", "Sin Suối Hồ",
     "Thèn Sin", "Mường Kim", "Tân Uyên", "Lai Châu", "Đoàn Kết", "Khun Há", "Bum Tở"]
)  # fmt: skip

PRODUCERS = [
    # The three of the issue.
    ("Hkd lê mý thanh", "Hộ kinh doanh Lê Mý Thanh"),
    ("Cty tnhh chè pu sam cáp", "Công ty TNHH Chè Pu Sam Cáp"),
    ("Htx thổ cẩm vàng ma chải", "Hợp tác xã Thổ cẩm Vàng Ma Chải"),
    # Abbreviated types, any case, with or without dots.
    ("HTX Chè Nậm Sỏ", "Hợp tác xã Chè Nậm Sỏ"),
    ("H.T.X Chè Nậm Sỏ", "Hợp tác xã Chè Nậm Sỏ"),
    ("Cty CP Chè Nà Tăm", "Công ty Cổ phần Chè Nà Tăm"),
    ("C.ty CP Chè Nà Tăm", "Công ty Cổ phần Chè Nà Tăm"),
    ("Công ty CP Nông nghiệp Hồ Thầu", "Công ty Cổ phần Nông nghiệp Hồ Thầu"),
    ("Công  ty cp chè sin suối hồ", "Công ty Cổ phần Chè Sin Suối Hồ"),
    ("Công ty cổ phần chè nậm mạ", "Công ty Cổ phần Chè Nậm Mạ"),
    ("Cty TNHH Nông sản Mường Kim ", "Công ty TNHH Nông sản Mường Kim"),
    ("Công ty TNHH MTV Nông sản Bum Tở", "Công ty TNHH MTV Nông sản Bum Tở"),
    ("công ty tnhh mtv nông sản bum tở", "Công ty TNHH MTV Nông sản Bum Tở"),
    ("THT chăn nuôi Khun Há", "Tổ hợp tác Chăn nuôi Khun Há"),
    ("THT  dệt thổ cẩm Sì Lở Lầu", "Tổ hợp tác Dệt thổ cẩm Sì Lở Lầu"),
    ("Tổ  hợp tác chăn nuôi khun há", "Tổ hợp tác Chăn nuôi Khun Há"),
    ("HKD  Chu Đức Ơn", "Hộ kinh doanh Chu Đức Ơn"),
    ("HKD Đỗ Láo Chinh", "Hộ kinh doanh Đỗ Láo Chinh"),
    ("DNTN Đoàn Kết", "Doanh nghiệp tư nhân Đoàn Kết"),
    # A household's name is a person's: every word capitalised.
    ("Hộ kinh doanh lê a pư", "Hộ kinh doanh Lê A Pư"),
    ("Hộ  kinh doanh Lò Văn thanh", "Hộ kinh doanh Lò Văn Thanh"),
    ("hộ kinh doanh đỗ văn hải", "Hộ kinh doanh Đỗ Văn Hải"),
    # Typed all in capitals.
    ("HỢP TÁC XÃ CHÈ NẬM SỎ", "Hợp tác xã Chè Nậm Sỏ"),
    ("HTX ĐOÀN KẾT", "Hợp tác xã Đoàn Kết"),
    # Lower case but for a place name, or a place name in lower case inside a cared-for name.
    ("Hợp  tác xã thổ cẩm phong thổ", "Hợp tác xã Thổ cẩm Phong Thổ"),
    ("Hợp tác xã Dịch vụ nông nghiệp thèn sin", "Hợp tác xã Dịch vụ nông nghiệp Thèn Sin"),
    # Issue 19, one rule for organisation names (Decree 30/2020/NĐ-CP, Appendix II, II.3.a):
    # the type, each field of activity with its first letter capitalised, the proper name.
    ("Hợp tác xã Dịch Vụ Nông Nghiệp Nậm Chà", "Hợp tác xã Dịch vụ nông nghiệp Nậm Chà"),
    ("Hợp tác xã Nông nghiệp Nà Tăm", "Hợp tác xã Nông nghiệp Nà Tăm"),
    ("Tổ hợp tác dệt thổ cẩm sin suối hồ", "Tổ hợp tác Dệt thổ cẩm Sin Suối Hồ"),
    ("HTX chè và thảo dược tân uyên", "Hợp tác xã Chè và Thảo dược Tân Uyên"),
    ("Cty TNHH MTV TM DV hoa ban", "Công ty TNHH MTV TM DV Hoa Ban"),
    ("Hợp tác xã Đồng Tâm", "Hợp tác xã Đồng Tâm"),
    # Well written already: unchanged.
    ("Hợp tác xã Thổ cẩm Phong Thổ", "Hợp tác xã Thổ cẩm Phong Thổ"),
    ("Tổ hợp tác dệt thổ cẩm Nậm Sỏ", "Tổ hợp tác Dệt thổ cẩm Nậm Sỏ"),
    ("Công ty Cổ phần Đầu tư phát triển Bản Bo", "Công ty Cổ phần Đầu tư phát triển Bản Bo"),
    ("Hộ kinh doanh Tẩn Thị Thiện", "Hộ kinh doanh Tẩn Thị Thiện"),
    ("Hợp tác xã Bình An", "Hợp tác xã Bình An"),
    # No type word: the name alone, its case mended only when it says nothing.
    ("Bình An", "Bình An"),
    ("đoàn kết", "Đoàn Kết"),
    # "HTXanh" is a name, not a cooperative.
    ("HTXanh Nậm Sỏ", "HTXanh Nậm Sỏ"),
]

PRODUCTS = [
    ("Ớt khô bản bo", "Ớt khô Bản Bo"),
    ("Cá hồi lê lợi", "Cá hồi Lê Lợi"),
    ("Mật ong bạc hà pu sam cáp", "Mật ong bạc hà Pu Sam Cáp"),
    ("Tinh dầu sả bản bo", "Tinh dầu sả Bản Bo"),
    ("măng khô bum tở", "Măng khô Bum Tở"),
    ("CHÈ SHAN TUYẾT NẬM SỎ", "Chè shan tuyết Nậm Sỏ"),
    ("Bột  sắn dây Nậm Sỏ ", "Bột sắn dây Nậm Sỏ"),
    # Generic words stay lower; a place not in the tables is left as written.
    ("Bạch trà", "Bạch trà"),
    ("Đào hoàng liên", "Đào hoàng liên"),
    ("Du lịch cộng đồng bản Mường Kim", "Du lịch cộng đồng bản Mường Kim"),
    # Well written, mixed case and Vietnamese capitals: unchanged.
    ("Chè Shan Tuyết", "Chè Shan Tuyết"),
    ("Chè Shan tuyết Nậm Sỏ", "Chè Shan tuyết Nậm Sỏ"),
    ("Sâm Lai Châu Dào San", "Sâm Lai Châu Dào San"),
    ("Đông trùng hạ thảo Khun Há", "Đông trùng hạ thảo Khun Há"),
    ("Ớt khô Vàng Pheo", "Ớt khô Vàng Pheo"),
    ("Chè Ô long Bản Bo", "Chè Ô long Bản Bo"),
]


@pytest.mark.parametrize(("written", "shown"), PRODUCERS)
def test_it_prints_a_producer_with_its_type_written_out_and_its_name_capitalised(written, shown):
    assert producer_display_name(written, PLACES) == shown


@pytest.mark.parametrize(("written", "shown"), PRODUCTS)
def test_it_prints_a_product_with_its_place_names_capitalised(written, shown):
    assert product_display_name(written, PLACES) == shown


@pytest.mark.parametrize(("written", "_"), PRODUCERS)
def test_a_producer_display_name_keeps_its_identity_and_is_stable(written, _):
    shown = producer_display_name(written, PLACES)
    assert producer_key(shown) == producer_key(written)
    assert producer_display_name(shown, PLACES) == shown


@pytest.mark.parametrize(("written", "_"), PRODUCTS)
def test_a_product_display_name_keeps_its_identity_and_is_stable(written, _):
    shown = product_display_name(written, PLACES)
    assert product_key(shown) == product_key(written)
    assert product_display_name(shown, PLACES) == shown


def test_without_place_names_only_the_case_and_type_change():
    assert product_display_name("Ớt khô bản bo") == "Ớt khô bản bo"
    assert producer_display_name("Hkd lê mý thanh") == "Hộ kinh doanh Lê Mý Thanh"


@pytest.mark.parametrize(
    ("better", "worse"),
    [
        ("Hợp tác xã Chè Nậm Sỏ", "HTX Chè Nậm Sỏ"),
        ("Hợp tác xã Chè Nậm Sỏ", "hợp tác xã chè nậm sỏ"),
        ("Hợp tác xã Chè Nậm Sỏ", "HỢP TÁC XÃ CHÈ NẬM SỎ"),
        ("Hợp tác xã Chè Nậm Sỏ", "Hợp tác xã Chè nậm sỏ"),
        ("Hợp tác xã Chè Nậm Sỏ", "Hợp  tác xã Chè Nậm Sỏ"),
        ("Hợp tác xã Chè Nậm Sỏ", "Hợp tác xã CHè Nậm Sỏ"),
        ("Hợp tác xã Chè Nậm Sỏ", "Hop tac xa Che Nam So"),
        ("Hộ kinh doanh Lê Mý Thanh", "Hộ kinh doanh Lê Mý thanh"),
        ("Hộ kinh doanh Lê Mý Thanh", "Hkd lê mý thanh"),
        # A case a person chose over the mechanical capitalisation of every word.
        ("Hợp tác xã Thổ cẩm Phong Thổ", "Hợp tác xã Thổ Cẩm Phong Thổ"),
    ],
)
def test_it_ranks_a_well_written_producer_name_above_a_careless_one(better, worse):
    assert name_quality(better, PLACES, producer=True) > name_quality(worse, PLACES, producer=True)


@pytest.mark.parametrize(
    ("better", "worse"),
    [
        ("Ớt khô Bản Bo", "Ớt khô bản bo"),
        ("Ớt khô Bản Bo", "ớt khô Bản Bo"),
        ("Ớt khô Bản Bo", "ỚT KHÔ BẢN BO"),
        ("Bạch trà", "bạch trà"),
        ("Chè Shan tuyết Nậm Sỏ", "Chè Shan tuyết  Nậm Sỏ"),
    ],
)
def test_it_ranks_a_well_written_product_name_above_a_careless_one(better, worse):
    assert name_quality(better, PLACES, producer=False) > name_quality(
        worse, PLACES, producer=False
    )


def test_a_worse_spelling_never_replaces_a_better_one():
    stored = "Hộ kinh doanh Lê Mý Thanh"
    for worse in ["Hkd lê mý thanh", "HKD LÊ MÝ THANH", "Hộ kinh doanh Lê Mý thanh"]:
        assert better_name(stored, worse, PLACES, producer=True) == stored
    assert better_name("Ớt khô Bản Bo", "ớt khô bản bo", PLACES, producer=False) == "Ớt khô Bản Bo"


def test_a_better_spelling_replaces_a_worse_one_in_its_display_form():
    assert (
        better_name("Hợp tác xã Thổ Cẩm Phong Thổ", "HTX  Thổ cẩm Phong Thổ", PLACES, producer=True)
        == "Hợp tác xã Thổ cẩm Phong Thổ"
    )
    assert better_name("Ớt khô bản bo", "Ớt khô Bản Bo", PLACES, producer=False) == "Ớt khô Bản Bo"


def test_an_equally_good_spelling_keeps_what_is_stored():
    assert better_name("Bạch trà", "Bạch Trà", PLACES, producer=False) == "Bạch trà"
    assert better_name("Chè Shan Tuyết", "Chè Shan tuyết", PLACES, producer=False) == (
        "Chè Shan Tuyết"
    )
