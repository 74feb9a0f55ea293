"""The log chained by SHA-256, so that an entry edited or removed behind the application's back
is found (docs/audit.md#the-hash-chain). Each entry gets one link, in audit_chainlink: its
position in the chain and `hash = sha256(previous link's hash + sha256(the entry as canonical
JSON, then each import change it owns, one a line))`. A check walks the links in order and names
the first entry that no longer matches, or the place where one is missing.

Why links in a table of their own, written by Python after each commit, rather than a hash
column filled by a database trigger:
- The entries stay untouched: their append-only triggers and the application role's rights
  (no UPDATE on the log, scripts/postgres-grants.sql) need no exception for "fill in the hash".
- One canonical form, in Python, for both databases and every writer (django-auditlog's
  signals, the importer's bulk rows, the migrations): SQLite has no SHA-256, and a second copy
  of the serialisation in PL/pgSQL would have to agree with the check's byte for byte.
- Concurrent writers: entries' ids come from a sequence in the order transactions *begin*,
  not commit. Chaining at insert would need one lock held by every writing transaction until
  its commit (a page edit waiting for an import). Sealing after commit takes the lock only for
  the seal itself, and the chain follows the order entries were sealed (its positions), not
  their ids.
- Set-wise: an import of 50,000 rows is one entry with its changes read in one query; a seal
  is one INSERT of links per thousand entries, never one query per row.

What it cannot do: an entry is chained a moment after its transaction commits (the seal runs
on commit; a process killed in between leaves it for the next seal, and the check counts
entries not yet chained). And anyone who can write both tables (the database's owner, with the
triggers dropped) can rewrite the chain from the edited entry on, or cut its tail: only a head
noted outside the database (`ocop audit_chain` prints it; `--expect-head` compares) shows that.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import connections, transaction
from django.utils import timezone

GENESIS = "0" * 64
# Frozen: the columns a link's hash covers. A column added to the entry later stays out of the
# hash (adding it here would break the links of every entry made before).
ENTRY_FIELDS = (
    "id", "timestamp", "action", "content_type_id", "object_pk", "object_id", "object_repr",
    "serialized_data", "changes_text", "changes", "cid", "remote_addr", "remote_port",
    "additional_data", "actor_email", "actor_id", "actor_name", "source", "path",
    "province_id", "search_text",
)  # fmt: skip
CHANGE_FIELDS = ("id", "content_type_id", "object_id", "object_repr", "action", "changes")
BATCH = 1000
# An entry is chained as its transaction commits: one still unchained after this long was left
# by a process stopped between the two, or written straight into the database.
UNCHAINED_GRACE = timedelta(minutes=10)
RECENT = timedelta(hours=1)
# pg_advisory_xact_lock's key: "OCOP" in ASCII. SQLite's IMMEDIATE transactions already take
# the one write lock as they begin (ocop.settings.database_from_url).
LOCK_KEY = 0x4F434F50


def _json(values: tuple) -> bytes:
    """A row as read back from the database, in one byte form on SQLite and PostgreSQL."""
    plain = [v.astimezone(UTC).isoformat() if isinstance(v, datetime) else v for v in values]
    return json.dumps(plain, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def link_hash(previous: str, content: str) -> str:
    return hashlib.sha256(f"{previous}{content}".encode()).hexdigest()


def _models(apps=None):
    if apps is None:
        from django.apps import apps
    return [apps.get_model("audit", name) for name in ("Entry", "ImportChange", "ChainLink")]


def contents(Entry, ImportChange, using: str, ids: list[int]) -> dict[int, str]:
    """SHA-256 of each entry of `ids` (sorted) with its import changes: the entry's row, then
    each change's, one a line. Two queries, the changes streamed in order and hashed as they
    come: an import's 100,000 rows are never held at once."""
    rows = Entry.objects.using(using).filter(pk__in=ids).order_by("id")
    digests = {row[0]: hashlib.sha256(_json(row)) for row in rows.values_list(*ENTRY_FIELDS)}
    changes = (
        ImportChange.objects.using(using)
        .filter(entry__gte=ids[0], entry__lte=ids[-1])
        .order_by("entry_id", "id")
        .values_list("entry_id", *CHANGE_FIELDS)
    )
    for entry_id, *row in changes.iterator(chunk_size=5000):
        if entry_id in digests:
            digests[entry_id].update(b"\n" + _json(row))
    return {pk: digest.hexdigest() for pk, digest in digests.items()}


def seal(using: str = "default", apps=None, since: datetime | None = None) -> int:
    """Chain every entry not chained yet (only those written `since`, if given: the seal after
    a commit looks at the last hour's entries through the timestamp's index instead of the
    whole log), in order of id; returns how many it chained."""
    Entry, ImportChange, ChainLink = _models(apps)
    sealed = 0
    with transaction.atomic(using=using):
        connection = connections[using]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        links = ChainLink.objects.using(using)
        position, previous = links.order_by("-position").values_list(
            "position", "hash"
        ).first() or (0, GENESIS)
        pending = Entry.objects.using(using)
        if since is not None:
            pending = pending.filter(timestamp__gte=since)
        pending = pending.exclude(pk__in=links.filter(entry__in=pending).values("entry_id"))
        ids = list(pending.order_by("id").values_list("id", flat=True))
        for start in range(0, len(ids), BATCH):
            made = []
            for entry_id, content in contents(
                Entry, ImportChange, using, ids[start : start + BATCH]
            ).items():
                position, previous = position + 1, link_hash(previous, content)
                made.append(ChainLink(position=position, entry_id=entry_id, hash=previous))
            links.bulk_create(made)
            sealed += len(made)
    return sealed


def seal_on_commit(sender, instance, created, using, **kwargs) -> None:
    """post_save of an entry: chain it once its transaction commits (once per transaction)."""
    # Outside a transaction on_commit runs it at once; inside, once for all its entries.
    registered = connections[using].run_on_commit
    if created and not any(func is _seal_pending for _, func, _ in registered):
        transaction.on_commit(_seal_pending, using=using)


def _seal_pending() -> None:
    # The log lives in the default database. An entry older than the hour (its transaction
    # ran that long, or its process stopped before this ran) is left to `ocop audit_chain
    # --seal`, which `ocop doctor` calls for (UNCHAINED_GRACE).
    seal(since=timezone.now() - RECENT)


@dataclass(frozen=True)
class Verdict:
    links: int
    head: str  # "position:hash" of the last link, to note outside the database
    problem: str | None = None  # the first thing wrong, in Vietnamese
    entry_id: int | None = None  # the first entry found wrong
    unchained: int = 0  # entries left unchained for longer than UNCHAINED_GRACE

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify(using: str = "default", expect_head: str | None = None) -> Verdict:
    """Walk the chain from its start; stop at the first entry that is gone, changed or out of
    place. Reads the links and entries a thousand at a time."""
    Entry, ImportChange, ChainLink = _models()
    expected, previous, count, last = 1, GENESIS, 0, 0
    links = ChainLink.objects.using(using).order_by("position")
    while batch := list(links.filter(position__gt=last)[:BATCH].values_list(
        "position", "entry_id", "hash"
    )):  # fmt: skip
        found = contents(Entry, ImportChange, using, sorted(e for _, e, _ in batch))
        for position, entry_id, stored in batch:
            problem = _problem(position, expected, found.get(entry_id), entry_id)
            if problem is None and link_hash(previous, found[entry_id]) != stored:
                problem = (
                    f"Mục nhật ký #{entry_id} (vị trí {position} của chuỗi) đã bị sửa: nội dung "
                    "của nó, hoặc các thay đổi do nhập danh sách nó ghi, không còn khớp mã băm."
                )
            if problem:
                return Verdict(count, f"{last}:{previous}", problem, entry_id)
            expected, previous, count, last = position + 1, stored, count + 1, position
    head = f"{last}:{previous}"
    unchained = (
        Entry.objects.using(using)
        .exclude(pk__in=ChainLink.objects.using(using).values("entry_id"))
        .filter(timestamp__lt=timezone.now() - UNCHAINED_GRACE)
    )
    verdict = Verdict(count, head, unchained=unchained.count())
    if expect_head and not _holds(links, expect_head):
        return Verdict(
            count,
            head,
            f"Chuỗi không còn chứa đầu chuỗi đã ghi lại {expect_head} (nay: {head}): các mục "
            "cuối đã bị xóa, hoặc chuỗi đã bị viết lại.",
            unchained=verdict.unchained,
        )
    return verdict


def _problem(position: int, expected: int, content: str | None, entry_id: int) -> str | None:
    if position != expected:
        return (
            f"Chuỗi nhật ký bị đứt trước mục #{entry_id}: thiếu vị trí {expected}"
            + (f" đến {position - 1}" if position - 1 > expected else "")
            + " (các mục đó đã bị xóa cùng mắt xích của chúng)."
        )
    if content is None:
        return f"Mục nhật ký #{entry_id} (vị trí {position} của chuỗi) đã bị xóa."
    return None


def _holds(links, head: str) -> bool:
    position, _, digest = head.partition(":")
    return links.filter(position=int(position) if position.isdigit() else -1, hash=digest).exists()
