"""How many items each list of the desk holds, for the desk and the workspace home."""

from ocop.quality import lists, pairs


def desk_counts(staff) -> dict[str, int]:
    return {
        "producer_pairs": len(pairs.producer_pairs(staff)),
        "product_pairs": len(pairs.product_pairs(staff)),
        "without_number": lists.decisions_without_number(staff).count(),
        "without_set": lists.products_without_set(staff).count(),
        "presumed": lists.presumed_issuers(staff).count(),
        "import_warnings": lists.import_warning_rows_count(staff),
    }
