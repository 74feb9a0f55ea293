"""One typo in a word: what a search forgives. A word typed with one letter wrong, missing,
extra, or two neighbours swapped ("ngaa", "ngo", "ngaoo", "ngoa" for "ngao") is one edit from
the word meant. Words are compared folded (ocop.domain.names.fold), so accents are never typos."""

from collections.abc import Iterable

# Shorter words have too many neighbours one edit away ("ta" is one edit from "to", "tu",
# "tay"...): they are taken as typed.
MIN_LENGTH = 3


def within_one_edit(a: str, b: str) -> bool:
    """Whether `b` is `a` with at most one letter replaced, inserted, deleted, or two
    neighbouring letters swapped (Damerau-Levenshtein distance ≤ 1)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    if len(a) < len(b):
        return a[start:] == b[start + 1 :]
    swapped = a[start + 1 : start + 2] + a[start : start + 1]
    return a[start + 1 :] == b[start + 1 :] or (
        swapped == b[start : start + 2] and a[start + 2 :] == b[start + 2 :]
    )


def corrections(word: str, vocabulary: Iterable[str]) -> list[str]:
    """The words of `vocabulary` one edit away from `word`, sorted; none for a short word."""
    if len(word) < MIN_LENGTH:
        return []
    return sorted({v for v in vocabulary if v != word and within_one_edit(word, v)})
