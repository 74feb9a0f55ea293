"""Reference tables shipped with the package: provinces, the 2025 communes/wards with the old
units merged into them, and the product sets. Loaders take an app registry so the data
migration (historical models) and the `load_units` command (current ones) share them."""

import csv
from importlib import resources
from pathlib import Path

from ocop.domain import names

LEVEL_PREFIXES = ("thị trấn", "thành phố", "thị xã", "phường", "huyện", "xã", "đặc khu")


def data_file(name: str) -> Path:
    return Path(str(resources.files("ocop.registry") / "data" / name))


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def split_kind(text: str) -> tuple[str, str]:
    """'Thị trấn Than Uyên' -> ('thị trấn', 'Than Uyên')."""
    text = names.normalize_text(text)
    lowered = text.lower()
    for prefix in LEVEL_PREFIXES:
        if lowered.startswith(prefix + " "):
            return prefix, text[len(prefix) + 1 :]
    raise ValueError(f"không rõ cấp hành chính của {text!r}")


def load_provinces(apps) -> None:
    Province = apps.get_model("registry", "Province")
    for row in read_csv(data_file("provinces_2025.csv")):
        Province.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "kind": row["kind"]}
        )


def load_units(apps, path: Path, province_code: str) -> tuple[int, int]:
    """Load a province's 2025 units and merger table; idempotent. Returns (units, old units)."""
    Province = apps.get_model("registry", "Province")
    Unit = apps.get_model("registry", "Unit")
    OldUnit = apps.get_model("registry", "OldUnit")
    province = Province.objects.get(code=province_code)
    rows = read_csv(path)
    old_count = 0
    for row in rows:
        unit, _ = Unit.objects.update_or_create(
            code=row["new_code"],
            defaults={
                "name": names.normalize_text(row["new_name"]),
                "kind": row["new_type"].strip().lower(),
                "province": province,
                "name_key": names.text_key(row["new_name"]),
            },
        )
        for old in filter(None, row["old_units"].split(";")):
            commune, district = old.split("|")
            kind, name = split_kind(commune)
            district_kind, district_name = split_kind(district)
            OldUnit.objects.update_or_create(
                province=province,
                kind=kind,
                name=name,
                district=district_name,
                defaults={
                    "district_kind": district_kind,
                    "successor": unit,
                    "confidence": row.get("confidence") or "high",
                    "note": row.get("note", ""),
                },
            )
            old_count += 1
    return len(rows), old_count


def load_product_sets(apps) -> None:
    ProductSet = apps.get_model("registry", "ProductSet")
    for row in read_csv(data_file("product_sets.csv")):
        ProductSet.objects.update_or_create(
            number=int(row["set"]),
            defaults={
                "key": row["key"],
                "sector": row["sector"],
                "group": row["group"],
                "name": row["name"],
            },
        )


def load_all(apps) -> None:
    load_provinces(apps)
    load_units(apps, data_file("laichau_units_2025.csv"), "12")
    load_product_sets(apps)
