"""Text typed with the legacy Vietnamese fonts, detected and converted to Unicode.

Before Unicode, offices typed Vietnamese with TCVN3 (ABC) fonts (.VnTime: one byte per letter)
or VNI fonts (VNI-Times: a base letter followed by a mark byte). Excel stores such text as the
Windows-1252 characters of those bytes, so "Hợp tác xã" arrives as "Hîp t¸c x·" (TCVN3) or
"Hôïp taùc xaõ" (VNI). A cell is converted only when every character it holds can come from
that font and at least one of them cannot be Unicode Vietnamese."""

import re
import unicodedata

TCVN3, VNI = "TCVN3 (ABC)", "VNI"

_TCVN3_CHARS = {
    0xB8: "á", 0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB9: "ạ",
    0xA8: "ă", 0xBE: "ắ", 0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xC6: "ặ",
    0xA9: "â", 0xCA: "ấ", 0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCB: "ậ",
    0xD0: "é", 0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD1: "ẹ",
    0xAA: "ê", 0xD5: "ế", 0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD6: "ệ",
    0xDD: "í", 0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDE: "ị",
    0xE3: "ó", 0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE4: "ọ",
    0xAB: "ô", 0xE8: "ố", 0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE9: "ộ",
    0xAC: "ơ", 0xED: "ớ", 0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xEE: "ợ",
    0xF3: "ú", 0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF4: "ụ",
    0xAD: "ư", 0xF8: "ứ", 0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF9: "ự",
    0xFD: "ý", 0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFE: "ỵ",
    0xAE: "đ",
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
}  # fmt: skip
_TCVN3_TABLE = {chr(byte): letter for byte, letter in _TCVN3_CHARS.items()}

# Latin-1 letters that Unicode Vietnamese uses too: their presence proves nothing.
_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_TCVN3_ONLY = set(_TCVN3_TABLE) - _VIETNAMESE_LATIN1
# Bytes A1-BF hold TCVN3's commonest letters (à ả ã á ạ ă â ê ô ơ ư đ); VNI never uses them.
_TCVN3_SURE = re.compile("[\u00a1-\u00bf]")

_VNI_TONES = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_CIRCUMFLEX_TONES = {"\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_BREVE_TONES = {"\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_I = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def _vni_of(letter: str) -> str:
    """The VNI spelling of one Unicode Vietnamese letter (lower case)."""
    base, *marks = unicodedata.normalize("NFD", letter)
    tone = next((m for m in marks if m in _VNI_TONES), None)
    if base == "i" and tone:
        return _VNI_I[tone]
    if letter == "ỵ":
        return "î"
    if "\u031b" in marks:  # horn: ơ and ư are single characters in VNI
        return {"o": "ô", "u": "ö"}[base] + (_VNI_TONES[tone] if tone else "")
    if "\u0302" in marks:
        return base + (_VNI_CIRCUMFLEX_TONES[tone] if tone else "â")
    if "\u0306" in marks:
        return base + (_VNI_BREVE_TONES[tone] if tone else "ê")
    return base + _VNI_TONES[tone]


def _vni_table() -> dict[str, str]:
    table = {"ñ": "đ", "Ñ": "Đ"}
    for letter in {letter.lower() for letter in _TCVN3_TABLE.values()} - {"đ"}:
        vni = _vni_of(letter)
        table[vni] = letter
        table[vni.upper()] = letter.upper()
    return table


_VNI_TABLE = _vni_table()
_VNI_CHARS = {char for seq in _VNI_TABLE for char in seq if not char.isascii()}
_VNI_ONLY = set("øïûåäëüöñæîØÏÛÅÄËÜÖÑÆÎ")
# A vowel followed by a VNI mark, in pairs that Unicode Vietnamese never writes.
_VNI_PAIR = re.compile("[aAeE][ùõâêáàãéèúÙÕÂÊÁÀÃÉÈÚ]|[oOuUyY][ùõÙÕ]")


# Unicode Vietnamese nearly always has a letter beyond Latin-1 (ạ ư đ ...): a quick no.
_BEYOND_LEGACY = re.compile("[^\x00-\xff\u2013\u2014\u2018-\u201e\u2022\u2026]")


def detect(text: str, *, strict: bool = False) -> str | None:
    """TCVN3, VNI, or None for text that is (or may as well be) Unicode. `strict` takes only
    the sure signs, for a whole file: a long text in a legacy font always shows them."""
    if text.isascii() or _BEYOND_LEGACY.search(text):
        return None
    foreign = {char for char in text if not char.isascii()}
    if foreign <= set(_TCVN3_TABLE) and _TCVN3_SURE.search(text):
        return TCVN3
    if foreign <= _VNI_CHARS and (foreign & _VNI_ONLY or (not strict and _VNI_PAIR.search(text))):
        return VNI
    if not strict and foreign <= set(_TCVN3_TABLE) and foreign & _TCVN3_ONLY:
        return TCVN3
    return None


def could_be(text: str, legacy: str) -> bool:
    """Whether every character of `text` can come from that font: once a sheet is known to be
    typed in it, short cells such as "Ghi chó" (Ghi chú) are converted too."""
    if text.isascii() or _BEYOND_LEGACY.search(text):
        return False
    charset = set(_TCVN3_TABLE) if legacy == TCVN3 else _VNI_CHARS
    return all(char.isascii() or char in charset for char in text)


def to_unicode(text: str, legacy: str) -> str:
    if legacy == TCVN3:
        return "".join(_TCVN3_TABLE.get(char, char) for char in text)
    out, i = [], 0
    while i < len(text):
        pair = text[i : i + 2]
        if pair in _VNI_TABLE:
            out.append(_VNI_TABLE[pair])
            i += 2
        else:
            out.append(_VNI_TABLE.get(text[i], text[i]))
            i += 1
    return "".join(out)


def convert(text: str) -> tuple[str, str | None]:
    """(Unicode text, the legacy font it was typed in or None)."""
    legacy = detect(text)
    return (to_unicode(text, legacy), legacy) if legacy else (text, None)


def from_unicode(text: str, legacy: str) -> str:
    """The reverse, to make test data: how a legacy font stores `text`."""
    if legacy == TCVN3:
        back = {letter: char for char, letter in _TCVN3_TABLE.items()}
        return "".join(back.get(char, back.get(char.lower(), char)) for char in text)
    back = {letter: seq for seq, letter in _VNI_TABLE.items()}
    return "".join(back.get(char, char) for char in unicodedata.normalize("NFC", text))
