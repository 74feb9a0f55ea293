"""Public codes for new decisions, on every write path (Decision.save, bulk_create, the
importer's raw insert, the generator through bulk_create). The codes come from
ocop.domain.public_codes; this module makes them unique against the database."""

import json

from django.db import IntegrityError, connections, router, transaction

from ocop.domain.public_codes import new_code

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
        in_database = _stored(Decision, sorted(fresh))
        for code, decision in fresh.items():
            if code not in in_database:
                decision.public_code = code
                taken.add(code)
        missing = [d for d in missing if not d.public_code]


def _stored(model, codes: list[str]) -> set[str]:
    """Which of `codes` stored decisions already have, in one statement however many there
    are (an import draws 50,000): the database written to, as a list of values it expands
    itself (no limit on query parameters)."""
    connection = connections[router.db_for_write(model)]
    table = connection.ops.quote_name(model._meta.db_table)
    if connection.vendor == "postgresql":
        among, values = "= ANY(%s)", codes
    else:
        among, values = "IN (SELECT value FROM json_each(%s))", json.dumps(codes)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT public_code FROM {table} WHERE public_code {among}", [values])
        return {code for (code,) in cursor.fetchall()}


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
