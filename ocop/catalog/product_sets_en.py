"""The 26 product sets (bộ sản phẩm), their 17 groups and 6 sectors in English, for the /en/
pages. The registry keeps the Vietnamese names of the OCOP programme's classification
(ocop/registry/data/product_sets.csv); the English pages look them up here, by the set's key
(I.1.a …) and by the group's Vietnamese name. A set or group added later without an English
name shows its Vietnamese name.

These are reference data beside the registry's rows, not words of the site: they stay out of
the gettext catalogue, which holds what the code says (makemessages would drop names it does
not find in the code), and are keyed by the programme's codes rather than by a wording."""

from django.utils import translation

SETS = {
    "I.1.a": "Fresh vegetables, tubers, fruits and nuts",
    "I.1.b": "Fresh meat, seafood, eggs and milk",
    "I.2.a": "Rice, cereals and other minimally processed grains",
    "I.2.b": "Honey, other syrups and other farm food products",
    "I.3.a": "Convenience food",
    "I.3.b": "Processed rice and cereal products",
    "I.3.c": "Processed vegetables, tubers, fruits and nuts",
    "I.3.d": "Processed meat, seafood, eggs, milk, honey and other farm food products",
    "I.4.a": "Sauces, fish sauce and other liquid condiments",
    "I.4.b": "Other spices and condiments",
    "I.5.a": "Fresh and processed tea",
    "I.5.b": "Teas from other plants",
    "I.6": "Coffee and cocoa",
    "II.1.a": "Rice spirits",
    "II.1.b": "Other alcoholic drinks",
    "II.2.a": "Natural mineral water and bottled water",
    "II.2.b": "Other non-alcoholic drinks",
    "III.1": "Functional foods, herbal and traditional medicines",
    "III.2": "Cosmetics with herbal ingredients",
    "III.3": "Essential oils and other medicinal herbs",
    "IV.1": "Household and decorative handicrafts",
    "IV.2": "Textiles and garments",
    "V.1": "Flowers",
    "V.2": "Ornamental plants",
    "V.3": "Ornamental animals",
    "VI.1": "Community tourism, ecotourism and tourist sites",
}

GROUPS = {
    "Thực phẩm tươi sống": "Fresh food",
    "Thực phẩm thô, sơ chế": "Raw and minimally processed food",
    "Thực phẩm chế biến": "Processed food",
    "Gia vị": "Spices and condiments",
    "Chè": "Tea",
    "Cà phê, ca cao": "Coffee and cocoa",
    "Đồ uống có cồn": "Alcoholic drinks",
    "Đồ uống không cồn": "Non-alcoholic drinks",
    "Thực phẩm chức năng, thuốc dược liệu, thuốc cổ truyền": (
        "Functional foods, herbal and traditional medicines"
    ),
    "Mỹ phẩm có thành phần từ dược liệu": "Cosmetics with herbal ingredients",
    "Tinh dầu và dược liệu khác": "Essential oils and other medicinal herbs",
    "Thủ công mỹ nghệ gia dụng, trang trí": "Household and decorative handicrafts",
    "Vải, may mặc": "Textiles and garments",
    "Hoa": "Flowers",
    "Cây cảnh": "Ornamental plants",
    "Động vật cảnh": "Ornamental animals",
    "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch": (
        "Community tourism, ecotourism and tourist sites"
    ),
}

SECTORS = {
    "Thực phẩm": "Food",
    "Đồ uống": "Drinks",
    "Dược liệu và sản phẩm từ dược liệu": "Medicinal herbs and herbal products",
    "Hàng thủ công mỹ nghệ": "Handicrafts",
    "Sinh vật cảnh": "Ornamental plants and animals",
    "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch": (
        "Community tourism, ecotourism and tourist sites"
    ),
}


def _in_english() -> bool:
    return translation.get_language() == "en"


def set_name(product_set) -> str:
    """The set's name in the active language."""
    return SETS.get(product_set.key, product_set.name) if _in_english() else product_set.name


def group_name(group: str) -> str:
    """A group's name (as the registry stores it, in Vietnamese) in the active language."""
    return GROUPS.get(group, group) if _in_english() else group
