import unicodedata

import pytest

from ocop.domain.producers import ProducerType, producer_type_of


@pytest.mark.parametrize(
    ("producer_type", "value", "label"),
    [
        (ProducerType.COOPERATIVE, "cooperative", "Hợp tác xã"),
        (ProducerType.COMPANY, "company", "Công ty"),
        (ProducerType.HOUSEHOLD, "household", "Hộ kinh doanh"),
        (ProducerType.COOPERATIVE_GROUP, "cooperative_group", "Tổ hợp tác"),
        (ProducerType.OTHER, "other", "Khác"),
    ],
)
def test_it_names_each_producer_type(producer_type, value, label):
    assert ProducerType(value) is producer_type
    assert producer_type.label == label


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("HTX Chè Nậm Sỏ", ProducerType.COOPERATIVE),
        ("Hợp tác xã Chè Nậm Sỏ", ProducerType.COOPERATIVE),
        ("hợp  tác xã chè nậm sỏ", ProducerType.COOPERATIVE),
        ("H.T.X Mường Khoa", ProducerType.COOPERATIVE),
        ("Cty CP Chè Tam Đường", ProducerType.COMPANY),
        ("C.ty TNHH Đoàn Kết", ProducerType.COMPANY),
        ("Công ty Cổ phần Chè", ProducerType.COMPANY),
        ("CÔNG TY TNHH MTV Hoàng Long", ProducerType.COMPANY),
        ("Doanh nghiệp tư nhân Hoàng Long", ProducerType.COMPANY),
        ("DNTN Hoàng Long", ProducerType.COMPANY),
        ("HKD Giàng Mý Sình", ProducerType.HOUSEHOLD),
        ("Hộ kinh doanh Giàng Mý Sình", ProducerType.HOUSEHOLD),
        ("Hộ gia đình ông Lò Văn Pọm", ProducerType.HOUSEHOLD),
        ("Hộ sản xuất Lò Thị Ngọc", ProducerType.HOUSEHOLD),
        ("Hộ ông Lò Văn Pọm", ProducerType.HOUSEHOLD),
        ("THT Mây tre đan", ProducerType.COOPERATIVE_GROUP),
        ("Tổ hợp tác Mây tre đan Bản Hon", ProducerType.COOPERATIVE_GROUP),
        (unicodedata.normalize("NFD", "Tổ hợp tác Bản Hon"), ProducerType.COOPERATIVE_GROUP),
        # A bare person's name says nothing about the legal form.
        ("Giàng Mý Sình", ProducerType.OTHER),
        ("Hồ Văn Nam", ProducerType.OTHER),
        ("HTXanh Tam Đường", ProducerType.OTHER),
        ("Hộp quà Tam Đường", ProducerType.OTHER),
        ("Trung tâm Khuyến nông", ProducerType.OTHER),
        ("", ProducerType.OTHER),
    ],
)
def test_it_reads_the_producer_type_from_the_name(name, expected):
    assert producer_type_of(name) is expected
