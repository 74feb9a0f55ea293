"""Public codes of recognitions: what is printed on a certificate and under its QR, typed by
anyone into /xac-minh/ to check a product. Short, and without the characters people confuse
when reading a label or typing it on a phone."""

import re
import secrets

# 30 symbols: no 0/O, 1/I/L (read as one another) and no U (read as V). 30**8 codes is about
# 6.6e11, so random codes rarely collide; the database's unique constraint catches the rest.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUP = 4
LENGTH = 2 * GROUP
SEPARATOR = "-"
_TYPED_SEPARATORS = re.compile(r"[\s\-_.·–—]+")


# A random byte below 240 (8 x 30) stands for one symbol, each as likely as the others; bytes
# from 240 up are dropped, so that no symbol comes out more often.
_SYMBOL_OF_BYTE = bytes(ord(ALPHABET[byte % len(ALPHABET)]) for byte in range(256))
_DROPPED = bytes(range(8 * len(ALPHABET), 256))


def new_code(choice=None) -> str:
    """A random code written as it is printed: two groups of four, "H7KQ-3MXP". `choice`
    (one symbol at a time) is for tests; by default the eight come from one read of the
    system's random source (a read per symbol, 400,000 of them, was a tenth of the writing
    of a 50,000-row import)."""
    if choice is None:
        symbols = b""
        while len(symbols) < LENGTH:  # 12 bytes give 8 symbols but about once in 1,000 draws
            symbols += secrets.token_bytes(LENGTH + 4).translate(_SYMBOL_OF_BYTE, _DROPPED)
        return written(symbols[:LENGTH].decode())
    return written("".join(choice(ALPHABET) for _ in range(LENGTH)))


def written(symbols: str) -> str:
    return f"{symbols[:GROUP]}{SEPARATOR}{symbols[GROUP:]}"


def normalize(typed: str) -> str | None:
    """The printed form of a typed code ("h7kq 3mxp", "H7KQ3MXP" -> "H7KQ-3MXP"), or None when
    what was typed cannot be a code (a product name, a code with a letter we never print)."""
    symbols = _TYPED_SEPARATORS.sub("", typed).upper()
    if len(symbols) != LENGTH or any(symbol not in ALPHABET for symbol in symbols):
        return None
    return written(symbols)
