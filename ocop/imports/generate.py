"""Seeded generator of large department-style workbooks (one sheet per year, title rows, a
two-row merged header, section rows, old addresses before 01/07/2025 and new ones after), for
the import benchmark and the kill test. Same seed, same file."""

import random
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

from ocop.domain.dates import format_date
from ocop.domain.validity import VALIDITY_MONTHS, add_months
from ocop.registry.generate import COOPERATIVE_TRADES, PRODUCT_STEMS
from ocop.registry.reference import data_file, read_csv, split_kind

REORGANISED = date(2025, 7, 1)
HEADER_TOP = ["STT", "Tên sản phẩm", "Chủ thể", "Địa chỉ", "Hạng sao", "Quyết định công nhận", None]
HEADER_SUB = [None, None, None, None, None, "Số QĐ", "Ngày"]
HAMLETS = ["Bản Mới", "Bản Hon", "Bản Cốc Pa", "Thôn Đông Pao", "Bản Nà Khuổng", "Tổ 7"]
HOUSEHOLD_NAMES = ["Lò Văn", "Tẩn Thị", "Giàng A", "Vàng Seo", "Lý Thị", "Hoàng Văn", "Chu Đức"]


def _units() -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(current unit name, [(old commune kind, name, district)]) for Lai Châu."""
    units = []
    for row in read_csv(data_file("laichau_units_2025.csv")):
        old = []
        for pair in filter(None, row["old_units"].split(";")):
            commune, district = pair.split("|")
            kind, name = split_kind(commune)
            district_kind, district_name = split_kind(district)
            old.append((kind, name, f"{district_kind} {district_name}"))
        units.append((row["new_name"], row["new_type"], old))
    return units


def decision_rows(count: int, seed: int = 1) -> list[list]:
    """`count` decision rows: products of numbered producers, re-evaluated after 36 months."""
    rng = random.Random(seed)
    units = _units()
    rows, producer_no = [], 0
    numbers = {}
    while len(rows) < count:
        producer_no += 1
        unit_name, unit_kind, old = rng.choice(units)
        producer = _producer_name(rng, producer_no)
        hamlet = rng.choice(HAMLETS)
        for product_no in range(rng.randint(1, 4)):
            stem, _ = rng.choice(PRODUCT_STEMS)
            product = f"{stem} {unit_name} {producer_no}-{product_no + 1}"
            day = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 2400))
            stars = rng.choice((3, 3, 3, 4))
            while day < date(2027, 1, 1) and len(rows) < count:
                numbers[day.year] = numbers.get(day.year, 0) + 1
                number = f"{numbers[day.year]}/QĐ-UBND"
                if day < REORGANISED:
                    kind, name, district = rng.choice(old)
                    address = f"{hamlet}, {kind} {name}, {district}"
                else:
                    address = f"{hamlet}, {unit_kind} {unit_name}"
                rows.append([product, producer, address, f"{stars} sao", number, day])
                if rng.random() > 0.45:
                    break
                day = add_months(day, VALIDITY_MONTHS) + timedelta(days=rng.randrange(1, 90))
    return rows


def _producer_name(rng: random.Random, n: int) -> str:
    kind = rng.random()
    if kind < 0.45:
        return f"{rng.choice(['HTX', 'Hợp tác xã'])} {rng.choice(COOPERATIVE_TRADES)} số {n}"
    if kind < 0.75:
        return f"{rng.choice(['HKD', 'Hộ kinh doanh'])} {rng.choice(HOUSEHOLD_NAMES)} {n}"
    return f"{rng.choice(['Cty TNHH', 'Công ty TNHH'])} Nông sản số {n}"


def write_workbook(path: Path, count: int, seed: int = 1) -> Path:
    """A workbook of `count` decision rows, one sheet per year of decision."""
    return write_rows(path, decision_rows(count, seed))


def write_rows(path: Path, rows: list[list]) -> Path:
    """A workbook of rows of `decision_rows` (or a slice of them), one sheet per year."""
    by_year = {}
    for values in rows:
        by_year.setdefault(values[-1].year, []).append(values)
    book = Workbook(write_only=True)
    for year in sorted(by_year):
        sheet = book.create_sheet(f"Năm {year}")
        sheet.append([f"DANH SÁCH SẢN PHẨM ĐƯỢC CÔNG NHẬN OCOP NĂM {year}"])
        sheet.append(["(Kèm theo báo cáo của Sở Nông nghiệp và Môi trường)"])
        sheet.append([])
        sheet.append(HEADER_TOP)
        sheet.append(HEADER_SUB)
        for n, (product, producer, address, stars, number, day) in enumerate(by_year[year], 1):
            sheet.append([n, product, producer, address, stars, number, format_date(day)])
    book.save(path)
    return path
