"""Search that ignores case and accents: "bach tra" and "BẠCH TRÀ" both find "Bạch trà".

Names are matched on their stored `search_key` (the name folded by ocop.domain.names.fold when
the row is saved), so the query only has to fold what was typed; the database compares plain
lower-case ASCII the same way on SQLite and PostgreSQL."""

from django.db.models import Q
from django.utils.text import smart_split, unescape_string_literal

from ocop.domain.names import expand_producer_type, fold

FOLDED_SUFFIX = "search_key"


def words(term: str) -> list[str]:
    """The words of a search box, "quoted phrases" kept whole, as the admin splits them."""
    found = []
    for word in smart_split(term):
        if word[0] in "\"'" and word[0] == word[-1]:
            word = unescape_string_literal(word)
        if word:
            found.append(word)
    return found


def matching(term: str, fields) -> Q:
    """Rows where every word of `term` is in one of `fields`. A field ending in `search_key`
    holds folded text and is compared with the folded word, or the abbreviation it stands
    for ("htx" also finds "hợp tác xã"); any other field with the word as typed, ignoring
    case (tax codes, decision numbers)."""
    condition = Q()
    for word in words(term):
        keys = {fold(word), fold(expand_producer_type(word))}
        either = Q(_connector=Q.OR)
        for field in fields:
            if field.endswith(FOLDED_SUFFIX):
                for key in keys:
                    either |= Q(**{f"{field}__contains": key})
            else:
                either |= Q(**{f"{field}__icontains": word})
        condition &= either
    return condition
