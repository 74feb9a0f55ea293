import random
import unicodedata

import pytest

from ocop.domain.names import (
    SORT_TEXT_LENGTH,
    expand_producer_type,
    fold,
    normalize_text,
    producer_key,
    producer_search_key,
    product_key,
    sort_text,
    text_key,
    vn_sort_key,
)

NBSP = "\u00a0"


def nfd(s):
    return unicodedata.normalize("NFD", s)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Chè Shan tuyết", "Chè Shan tuyết"),
        ("  Chè   Shan\ttuyết \n", "Chè Shan tuyết"),
        (f"Chè{NBSP}Shan{NBSP}{NBSP}tuyết{NBSP}", "Chè Shan tuyết"),
        ("Chè\u2009Shan\u3000tuyết", "Chè Shan tuyết"),
        ("Chè\u200b Shan tuyết\ufeff", "Chè Shan tuyết"),
        (nfd("Mật ong Sìn Hồ"), "Mật ong Sìn Hồ"),
        (nfd("Nậm Sỏ"), "Nậm Sỏ"),
        # "Unicode tổ hợp": precomposed vowel, separate tone mark.
        ("Tha\u0301i ngư\u0303", "Thái ngữ"),
        ("\u00ea\u0301", "ế"),
        # Tone typed before the vowel's own mark.
        ("e\u0301\u0302", "ế"),
        ("a\u0300\u0306", "ằ"),
        ("o\u0309\u0302", "ổ"),
        ("o\u0323\u0302", "ộ"),
        ("u\u0303\u031b", "ữ"),
        ("o\u0323\u031b", "ợ"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_it_normalizes_text(raw, expected):
    assert normalize_text(raw) == expected


@pytest.mark.parametrize("text", ["Chè Shan tuyết", "Hợp tác xã Nậm Sỏ", "Đoàn Kết"])
def test_it_returns_composed_text(text):
    assert unicodedata.is_normalized("NFC", normalize_text(nfd(text)))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Chè Shan Tuyết", "chè shan tuyết"),
        ("  CHÈ  SHAN TUYẾT. ", "chè shan tuyết"),
        ('"Chè Shan tuyết"', "chè shan tuyết"),
        ("“Chè Shan tuyết”", "chè shan tuyết"),
        ("(Chè Shan tuyết);", "chè shan tuyết"),
        ("- Chè Shan tuyết –", "chè shan tuyết"),
        ("*Chè Shan tuyết*", "chè shan tuyết"),
        (nfd("ĐOÀN KẾT"), "đoàn kết"),
        (f"Mật{NBSP}ong", "mật ong"),
        # Inner punctuation is part of the name.
        ("Gạo Séng Cù - Tam Đường", "gạo séng cù - tam đường"),
        ("Chè 2.0", "chè 2.0"),
    ],
)
def test_it_makes_text_keys(raw, expected):
    assert text_key(raw) == expected


@pytest.mark.parametrize(("first", "second"), [("Chè", "Che"), ("Đoàn", "Doan"), ("Mù", "Mu")])
def test_it_keeps_diacritics_in_keys(first, second):
    assert text_key(first) != text_key(second)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTX Chè Nậm Sỏ", "Hợp tác xã Chè Nậm Sỏ"),
        ("htx Chè Nậm Sỏ", "Hợp tác xã Chè Nậm Sỏ"),
        ("Htx  Chè Nậm Sỏ", "Hợp tác xã Chè Nậm Sỏ"),
        ("H.T.X Chè Nậm Sỏ", "Hợp tác xã Chè Nậm Sỏ"),
        ("HTX. Chè Nậm Sỏ", "Hợp tác xã Chè Nậm Sỏ"),
        ("HTX", "Hợp tác xã"),
        ("Cty Chè Tam Đường", "Công ty Chè Tam Đường"),
        ("CTY Chè Tam Đường", "Công ty Chè Tam Đường"),
        ("CTy Chè Tam Đường", "Công ty Chè Tam Đường"),
        ("C.ty Chè Tam Đường", "Công ty Chè Tam Đường"),
        ("C. Ty Chè Tam Đường", "Công ty Chè Tam Đường"),
        ("Cty. Chè Tam Đường", "Công ty Chè Tam Đường"),
        ("Công ty CP Chè Tam Đường", "Công ty Cổ phần Chè Tam Đường"),
        ("Cty CP Chè Tam Đường", "Công ty Cổ phần Chè Tam Đường"),
        ("cty cp Chè Tam Đường", "Công ty Cổ phần Chè Tam Đường"),
        ("C.ty C.P Chè Tam Đường", "Công ty Cổ phần Chè Tam Đường"),
        ("CÔNG TY CP Chè Tam Đường", "Công ty Cổ phần Chè Tam Đường"),
        ("Công ty cổ phần Chè Tam Đường", "Công ty Cổ phần Chè Tam Đường"),
        ("Cty TNHH Chè Tam Đường", "Công ty TNHH Chè Tam Đường"),
        ("cty tnhh MTV Chè Tam Đường", "Công ty TNHH MTV Chè Tam Đường"),
        ("Công ty trách nhiệm hữu hạn Chè", "Công ty TNHH Chè"),
        ("HKD Giàng Mý Sình", "Hộ kinh doanh Giàng Mý Sình"),
        ("Hkd giàng mý sình", "Hộ kinh doanh giàng mý sình"),
        ("hkd  Giàng Mý Sình", "Hộ kinh doanh Giàng Mý Sình"),
        ("THT Mây tre đan", "Tổ hợp tác Mây tre đan"),
        ("tht Mây tre đan", "Tổ hợp tác Mây tre đan"),
        ("DNTN Hoàng Long", "Doanh nghiệp tư nhân Hoàng Long"),
        (nfd("HTX Chè Nậm Sỏ"), "Hợp tác xã Chè Nậm Sỏ"),
        (f"HTX{NBSP}Chè", "Hợp tác xã Chè"),
    ],
)
def test_it_expands_a_leading_producer_type_abbreviation(raw, expected):
    assert expand_producer_type(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "HTXanh Tam Đường",
        "Ctyx Chè",
        "Chè HTX Nậm Sỏ",
        "Giàng Mý Sình",
        "THTT Mây tre",
        "Hợp tác xã Chè Nậm Sỏ",
    ],
)
def test_it_leaves_a_name_without_a_leading_abbreviation_alone(raw):
    assert expand_producer_type(raw) == raw


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("HTX Chè Nậm Sỏ", "Hợp tác xã Chè Nậm Sỏ "),
        ("HTX Chè Nậm Sỏ", "hợp  tác xã chè nậm sỏ"),
        ("HTX Chè Nậm Sỏ", nfd("H.T.X chè Nậm Sỏ.")),
        ("Hkd giàng mý sình", "Hộ kinh doanh Giàng Mý Sình"),
        ("C.ty CP Chè Tam Đường", "Công ty cổ phần chè Tam Đường"),
        ("Cty TNHH MTV Đoàn Kết", "Công ty TNHH MTV Đoàn Kết"),
        ("THT Mây tre đan", "Tổ hợp tác mây tre đan"),
    ],
)
def test_it_gives_differently_written_producers_one_key(first, second):
    assert producer_key(first) == producer_key(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("HTX Chè Nậm Sỏ", "HTX Che Nam So"),
        ("HKD Giàng Mý Sình", "HTX Giàng Mý Sình"),
        ("Cty CP Chè", "Cty TNHH Chè"),
    ],
)
def test_it_keeps_different_producers_apart(first, second):
    assert producer_key(first) != producer_key(second)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Chè Shan tuyết Tà Xùa", "chè shan tuyết tà xùa"),
        (f" Chè{NBSP}Shan  tuyết.", "chè shan tuyết"),
        (nfd("Mật ong bạc hà"), "mật ong bạc hà"),
        # Product names are not producer names: no expansion.
        ("HTX Chè", "htx chè"),
    ],
)
def test_it_makes_product_keys(raw, expected):
    assert product_key(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Đoàn Kết", "doan ket"),
        ("Chè Shan tuyết", "che shan tuyet"),
        ("ĐẶC SẢN ĐỊA PHƯƠNG", "dac san dia phuong"),
        (nfd("Mường Thẳm"), "muong tham"),
        ("Ơ Ư Ă Â Ê Ô", "o u a a e o"),
        (f"Bún{NBSP}Pắc Ta", "bun pac ta"),
        ("Tam Đường", "tam duong"),
        # Marks outside the Vietnamese block go too; the grapheme joiner in it is no mark.
        ("ב\u05b0רָכָה", "ברכה"),
        ("a\u034fb", "a\u034fb"),
    ],
)
def test_it_folds_text_for_search(raw, expected):
    assert fold(raw) == expected


def test_it_sorts_in_vietnamese_dictionary_order():
    names = ["Đào", "Dưa", "Ăn", "An", "Bắp", "Âm", "Ba", "Bà", "Bá"]
    assert sorted(names, key=vn_sort_key) == [
        "An",
        "Ăn",
        "Âm",
        "Ba",
        "Bà",
        "Bá",
        "Bắp",
        "Dưa",
        "Đào",
    ]


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("a", "ă"),
        ("ă", "â"),
        ("â", "b"),
        ("d", "đ"),
        ("đ", "e"),
        ("e", "ê"),
        ("ê", "f"),
        ("f", "g"),
        ("i", "j"),
        ("j", "k"),
        ("o", "ô"),
        ("ô", "ơ"),
        ("ơ", "p"),
        ("u", "ư"),
        ("ư", "v"),
        ("v", "w"),
        ("w", "x"),
        ("y", "z"),
        # Tones: ngang < huyền < hỏi < ngã < sắc < nặng.
        ("ma", "mà"),
        ("mà", "mả"),
        ("mả", "mã"),
        ("mã", "má"),
        ("má", "mạ"),
        # Syllable by syllable: a syllable's tone before the next syllable's letters.
        ("Ba Xe", "Bà Xa"),
        ("Sin Suối Hồ", "Sìn Hồ"),
        ("Tà Tổng", "Tả Lèng"),
        ("Mương Tè", "Mường Tè"),
        ("Nậm Cuổi", "Nậm Tăm"),
        ("Hoà Bình", "Hòa Bình 1"),
        ("mạ", "mai"),
        ("Đà", "Đan"),
        # Case does not matter.
        ("an", "Ăn"),
        ("AN", "ăn"),
        ("Đào", "đầm"),
        # Spaces, digits and punctuation before letters.
        ("An Bình", "Anh"),
        ("1 Chè", "Chè"),
        ("(Chè)", "Chè"),
        ("Chè 2", "Chè A"),
        # Numbers by their value.
        ("Lô 2", "Lô 10"),
        ("Lô 09", "Lô 10"),
        ("Chè 2026", "Chè Shan"),
        # Letters outside the Vietnamese alphabet come after it.
        ("Chè z", "Chè ø"),
    ],
)
def test_it_orders_a_pair_like_a_vietnamese_dictionary(earlier, later):
    assert vn_sort_key(earlier) < vn_sort_key(later)


def test_it_sorts_nfd_and_nfc_spellings_alike():
    assert vn_sort_key(nfd("Mường Tè")) == vn_sort_key("Mường Tè")
    assert sort_text(nfd("Mường Tè")) == sort_text("Mường Tè")


@pytest.mark.parametrize(
    "ordered",
    [
        ["An", "Ăn", "Ân"],
        ["Dương", "Đường"],
        ["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"],
        ["Sin Suối Hồ", "Sìn Hồ"],
        ["Tà Tổng", "Tả Lèng"],
        ["A", "A Bình", "Ai", "An", "An Bình", "Anh", "Ăn"],
        ["Ô", "Ô Tô", "Ôm", "Ơ"],
        ["Bản Bo", "Bản Giang", "Bản Hon", "Bản Lang"],
        ["Mù Cả", "Mường Khoa", "Mường Kim", "Mường Tè", "Mường Than", "Nậm Hàng"],
        ["Chè 1", "Chè 2", "Chè 10", "Chè Shan tuyết"],
    ],
)
def test_it_sorts_syllable_by_syllable(ordered):
    shuffled = list(reversed(ordered))
    assert sorted(shuffled, key=vn_sort_key) == ordered
    assert sorted(shuffled, key=sort_text) == ordered


@pytest.mark.parametrize("text", ["Sìn Hồ", "Mường Tè (Lai Châu) 2026", "Ø ß 中", "", "  "])
def test_its_sort_text_uses_only_digits_and_lowercase_ascii_letters(text):
    assert set(sort_text(text)) <= set("0123456789abcdefghijklmnopqrstuvwxyz")


def test_its_sort_text_orders_like_the_sort_key():
    """The stored key (sort_text) sorts random Vietnamese names as vn_sort_key does."""
    rng = random.Random(8)
    syllables = [
        "a", "à", "ả", "ã", "á", "ạ", "ă", "ằ", "ắ", "â", "ầ", "ậ", "an", "ăn", "ân", "anh",
        "sin", "sìn", "suối", "hồ", "hố", "tà", "tả", "tổng", "lèng", "đường", "dương", "mường",
        "mương", "tè", "ơ", "ờ", "ư", "ứ", "ô", "ồ", "hoà", "hòa", "nậm", "bản", "bo", "za",
    ]  # fmt: skip
    extras = ["1", "2", "10", "09", "-", "(", ")", "Ø", "ß"]
    names = [
        " ".join(rng.choice(syllables + extras[: rng.randrange(len(extras))]).capitalize()
                 for _ in range(rng.randint(0, 5)))
        for _ in range(3000)
    ]  # fmt: skip
    by_text = [vn_sort_key(name)[0] for name in sorted(names, key=sort_text)]
    assert by_text == sorted(vn_sort_key(name)[0] for name in names)
    assert len(set(map(sort_text, names))) == len({vn_sort_key(n)[0] for n in names})


def test_its_sort_text_is_cut_without_inverting_two_names():
    long_a, long_b = "Chè " * 100 + "A", "Chè " * 100 + "B"
    assert len(sort_text(long_a)) == SORT_TEXT_LENGTH
    assert sort_text(long_a) <= sort_text(long_b)


def test_it_sorts_the_empty_string_first():
    assert sorted(["A", "", "1"], key=vn_sort_key) == ["", "1", "A"]


@pytest.mark.parametrize(
    "name, key",
    [
        ("Hợp tác xã Đồng Tâm", "hop tac xa dong tam"),
        ("HTX Đồng Tâm", "htx dong tam hop tac xa dong tam"),
        ("Cty TNHH Ong Mật", "cty tnhh ong mat cong ty tnhh ong mat"),
        ("  Hộ kinh doanh  Lò Văn A ", "ho kinh doanh lo van a"),
        ("HTXanh Đà Lạt", "htxanh da lat"),
    ],
)
def test_a_producer_is_searched_by_its_name_as_written_and_spelled_out(name, key):
    assert producer_search_key(name) == key
