"""The JSON download, streamed piece by piece (constant memory whatever the registry's size).
CSV and XLSX are written by the shared writer (ocop.shared.exports), as every spreadsheet the
registry hands out."""

import json
from collections.abc import Iterable, Iterator

from ocop.shared import exports


def json_chunks(head: dict, key: str, items: Iterable[dict]) -> Iterator[bytes]:
    """`head` with `key` holding the items as a list: {"as_of": ..., "products": [...]}."""
    opening = json.dumps({**head, key: []}, ensure_ascii=False)
    yield opening[:-2].encode("utf-8") + b"\n"  # ends with "[": `]}` closes after the items
    pieces = []
    for count, item in enumerate(items, start=1):
        pieces.append(("" if count == 1 else ",\n") + json.dumps(item, ensure_ascii=False))
        if count % exports.ROWS_PER_CHUNK == 0:
            yield "".join(pieces).encode("utf-8")
            pieces = []
    pieces.append("\n]}\n")
    yield "".join(pieces).encode("utf-8")
