"""Public codes for new decisions, on every write path (Decision.save, bulk_create, the
importer's raw insert, the generator through bulk_create). The codes come from
ocop.domain.public_codes; this module makes them unique against the database."""

from django.db import IntegrityError, transaction

from ocop.domain.public_codes import new_code

_CHUNK = 900  # stays under SQLite's limit of variables in one statement
ATTEMPTS = 5


def assign_public_codes(decisions, choice=None) -> None:
    """Give each decision without a code one that no other decision has (in this batch or in
    the database). Between this check and the insert another writer could take the same code
    (about one chance in 10^11 per pair); the unique constraint then refuses the write."""
    from ocop.registry.models import Decision

    missing = [d for d in decisions if not d.public_code]
    taken = {d.public_code for d in decisions if d.public_code}
    make = (lambda: new_code(choice)) if choice else new_code
    while missing:
        fresh = {}
        for decision in missing:
            code = make()
            if code not in taken and code not in fresh:
                fresh[code] = decision
        codes = sorted(fresh)
        in_database = set()
        for start in range(0, len(codes), _CHUNK):
            in_database.update(
                Decision.objects.filter(public_code__in=codes[start : start + _CHUNK]).values_list(
                    "public_code", flat=True
                )
            )
        for code, decision in fresh.items():
            if code not in in_database:
                decision.public_code = code
                taken.add(code)
        missing = [d for d in missing if not d.public_code]


def save_with_new_code(decision, save) -> None:
    """Insert `decision` with a fresh code, drawing again when another row took it meanwhile
    (the unique constraint is the judge, inside a savepoint)."""
    from ocop.registry.models import Decision

    for attempt in range(ATTEMPTS):
        assign_public_codes([decision])
        try:
            with transaction.atomic(using=decision._state.db or "default"):
                save()
            return
        except IntegrityError:
            clash = Decision.objects.filter(public_code=decision.public_code).exists()
            if not clash or attempt == ATTEMPTS - 1:
                raise
            decision.public_code = ""
