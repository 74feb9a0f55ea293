"""Names that could be the same producer or product written differently: equal once
diacritics are removed ("Chè" / "Che"), or one typing slip apart ("Nậm Sỏ" / "Nậm Sò" folds
equal; "Mường Khoa" / "Mường Khao" is one transposition). Such pairs are reported for a person
to confirm, never merged (OCOP.md §3). Names that differ in their numbers ("Tổ 7" / "Tổ 8") are
different things."""

import re
from collections import defaultdict

from ocop.domain.names import fold

_DIGITS = re.compile(r"\d+")


def _deletions(text: str) -> set[str]:
    return {text} | {text[:i] + text[i + 1 :] for i in range(len(text))}


def near_matches(new: list[str], known: list[str]) -> dict[str, str]:
    """For each key of `new`, one key of `new` or `known` (a different key) that looks like
    the same name; keys with no look-alike are left out."""
    if len(new) * (len(new) + len(known)) > 400:
        # Only names with the same numbers can be alike: compare within those buckets.
        buckets = defaultdict(lambda: ([], []))
        for key in new:
            buckets[tuple(_DIGITS.findall(key))][0].append(key)
        for key in known:
            buckets[tuple(_DIGITS.findall(key))][1].append(key)
        found = {}
        for bucket_new, bucket_known in buckets.values():
            if bucket_new and len(bucket_new) + len(bucket_known) > 1:
                found.update(_within(bucket_new, bucket_known))
        return found
    return _within(new, known)


def _within(new: list[str], known: list[str]) -> dict[str, str]:
    everything = sorted({*new, *known})
    if len(new) * len(everything) <= 400:  # a producer's few products: compare each pair
        found = {}
        for key in new:
            alike = [other for other in everything if other != key and close(key, other)]
            if alike:
                found[key] = alike[0]
        return found
    return _by_index(new, known)


def close(a: str, b: str) -> bool:
    """One edit or one swap of neighbours apart once folded, with the same numbers."""
    x, y = fold(a), fold(b)
    if min(len(x), len(y)) < 6 or abs(len(x) - len(y)) > 1 or not _same_numbers(a, b):
        return False
    if x == y:
        return True
    start = 0
    while start < min(len(x), len(y)) and x[start] == y[start]:
        start += 1
    x, y = x[start:], y[start:]
    return (
        x[1:] == y[1:]  # one letter changed
        or x[1:] == y  # one letter more
        or x == y[1:]  # one letter less
        or (len(x) > 1 and x[0] == y[1] and x[1] == y[0] and x[2:] == y[2:])  # swapped
    )


def _by_index(new: list[str], known: list[str]) -> dict[str, str]:
    index = defaultdict(set)
    folded = {key: fold(key) for key in {*new, *known}}
    for key, bare in folded.items():
        if len(bare) >= 6:  # short names are too alike to tell anything
            for variant in _deletions(bare):
                index[variant].add(key)
    found = {}
    for key in new:
        bare = folded[key]
        if len(bare) < 6:
            continue
        candidates = set().union(*(index.get(v, ()) for v in _deletions(bare))) - {key}
        alike = sorted(c for c in candidates if _same_numbers(key, c))
        if alike:
            found[key] = alike[0]
    return found


def _same_numbers(a: str, b: str) -> bool:
    return _DIGITS.findall(a) == _DIGITS.findall(b)
