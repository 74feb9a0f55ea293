"""The readable part of a public page's address: the display name folded (ocop.domain.names),
"Chè Shan tuyết Tả Ngảo" -> "che-shan-tuyet-ta-ngao". The page is found by its id; the slug
only reads well in a shared link, so a changed name never breaks an old one (it redirects)."""

import re

from ocop.domain.names import fold

MAX_LENGTH = 80


def slug(name: str) -> str:
    words = re.findall(r"[a-z0-9]+", fold(name))
    text = "-".join(words)[:MAX_LENGTH].rstrip("-")
    return text or "san-pham"
