"""Words that name the same kind of product: what a buyer types for it in Vietnamese (either of
two regional words: "chè" in the north, "trà" in the south) or in English. One table, read by
the public search: any word of a group also finds the products named with the others.

Each entry is written as people write it; the search folds it (no accents, no case). An entry
of several words ("mật ong") matches a product whose names hold all of them."""

from functools import cache

from ocop.domain.names import fold

SAME_PRODUCT = [
    ("chè", "trà", "tea"),
    ("mật ong", "honey"),
    ("gạo", "rice"),
    ("rượu", "wine", "liquor"),
    ("cà phê", "coffee"),
    ("sâm", "ginseng"),
    ("thảo quả", "cardamom"),
    ("đông trùng hạ thảo", "cordyceps"),
    ("thịt trâu", "buffalo"),
    ("thịt lợn", "pork"),
    ("thịt bò", "beef"),
    ("miến", "noodles", "vermicelli"),
    ("măng", "bamboo"),
    ("nấm", "mushroom", "mushrooms"),
    ("cá", "fish"),
    ("thổ cẩm", "brocade"),
    ("dược liệu", "herbs", "herbal"),
    ("chuối", "banana", "bananas"),
    ("mắc ca", "macadamia"),
    ("dứa", "pineapple"),
    ("xà phòng", "soap"),
]


@cache
def _groups() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Folded single word -> the other entries of its group, each a tuple of folded words."""
    found: dict[str, list] = {}
    for group in SAME_PRODUCT:
        entries = [tuple(fold(entry).split()) for entry in group]
        for entry in entries:
            if len(entry) == 1:
                others = [e for e in entries if e != entry]
                found.setdefault(entry[0], []).extend(others)
    return {word: tuple(dict.fromkeys(others)) for word, others in found.items()}


def same_product(word: str) -> tuple[tuple[str, ...], ...]:
    """The other ways of writing the product a folded `word` names, each a tuple of folded words:
    "che" -> (("tra",), ("tea",)); "honey" -> (("mat", "ong"),); a word of no group -> ()."""
    return _groups().get(word, ())
