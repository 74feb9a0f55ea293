"""A small registry whose letter on 31/12/2025 is known by heart, for the report tests.

On 31/12/2025: valid are Mật ong bạc hà (4★, re-evaluated), Ấm trà (3★), Chè Shan tuyết (3★),
Đông trùng hạ thảo (3★), Hồng trà (4★, last valid day that very day); expired are Măng khô and
Bạch trà (last valid day 30/12/2025); Ớt khô is revoked and Gạo nếp Tan not yet recognised."""

from datetime import date

from ocop.registry.models import ProducerType
from tests.factories import make_decision, make_producer, make_product

DAY = date(2025, 12, 31)
# Item 1 of the letter, worded as the department's letter of January 2026.
SENTENCE = (
    "1. Số sản phẩm OCOP còn thời hạn: 5 sản phẩm, trong đó 2 sản phẩm đạt hạng 4 sao, "
    "3 sản phẩm đạt hạng 3 sao, của 3 chủ thể tại 3 xã, phường;"
)
# The figures in one sentence, as the home page, `ocop summary` and the command print them.
SUMMARY = (
    "Tính đến ngày 31/12/2025, có 5 sản phẩm OCOP còn thời hạn, trong đó 2 sản phẩm đạt hạng 4 "
    "sao, 3 sản phẩm đạt hạng 3 sao, của 3 chủ thể tại 3 xã, phường; 2 sản phẩm OCOP đã hết "
    "thời hạn công nhận và chưa thực hiện đánh giá, phân hạng lại; 1 sản phẩm OCOP bị thu hồi."
)
# (number, product, commune/ward) in the order of the lists: communes, then products, in
# Vietnamese order (Đ after D, before H: not the order of the code points).
VALID_ROWS = [
    (1, "Mật ong bạc hà", "Xã Bum Tở"),
    (2, "Ấm trà", "Phường Đoàn Kết"),
    (3, "Chè Shan tuyết", "Xã Nậm Sỏ"),
    (4, "Đông trùng hạ thảo", "Xã Nậm Sỏ"),
    (5, "Hồng trà", "Xã Nậm Sỏ"),
]
EXPIRED_ROWS = [(1, "Măng khô", "Xã Bum Tở"), (2, "Bạch trà", "Xã Nậm Sỏ")]
GROUPS = ["Xã Bum Tở", "Phường Đoàn Kết", "Xã Nậm Sỏ"]


def small_registry() -> None:
    tea = make_producer("Hợp tác xã Chè Nậm Sỏ", "Nậm Sỏ")
    thanh = make_producer(
        "Hộ kinh doanh Lò Văn Thanh",
        "Bum Tở",
        kind=ProducerType.HOUSEHOLD,
        representative="Lò Văn Thanh",
        phone="+84 912 345 678",
        address="Bản Mới, thị trấn Mường Tè, huyện Mường Tè",
    )
    company = make_producer("Công ty TNHH Đoàn Kết", "Đoàn Kết", kind=ProducerType.COMPANY)
    make_decision(make_product("Chè Shan tuyết", tea), date(2023, 3, 15), number="101/QĐ-UBND")
    make_decision(make_product("Hồng trà", tea), date(2022, 12, 31), stars=4, number="102/QĐ-UBND")
    make_decision(make_product("Bạch trà", tea), date(2022, 12, 30), number="103/QĐ-UBND")
    make_decision(make_product("Đông trùng hạ thảo", tea), date(2024, 5, 5), number="104/QĐ-UBND")
    honey = make_product("Mật ong bạc hà", thanh)
    make_decision(honey, date(2021, 3, 1), number="201/QĐ-UBND", issuer="UBND huyện Mường Tè")
    make_decision(honey, date(2024, 2, 20), stars=4, number="202/QĐ-UBND", issuer="UBND tỉnh")
    make_decision(make_product("Măng khô", thanh), date(2019, 3, 5), number="203/QĐ-UBND")
    make_decision(
        make_product("Ớt khô", thanh),
        date(2023, 1, 10),
        number="204/QĐ-UBND",
        revoked_on=date(2024, 5, 2),
    )
    make_decision(make_product("Ấm trà", company), date(2024, 6, 1), number="301/QĐ-UBND")
    make_decision(make_product("Gạo nếp Tan", company), date(2026, 1, 15), number="302/QĐ-UBND")
