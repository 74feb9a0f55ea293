"""A registry worth backing up, and what must come back identical after a restore: run inside
an `ocop shell` of the installation under test (tests/test_backup.py), so each side is read
through its own settings, database and media folder."""

import hashlib
import io
import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from PIL import Image

from ocop.audit import chain as audit_chain
from ocop.audit import triggers as audit_triggers
from ocop.audit.models import ChainLink, Entry
from ocop.catalog.models import MisuseReport, ProductPhoto
from ocop.registry.models import Product
from ocop.registry.summary import summarize
from ocop.shared import freshness
from tests.factories import make_decision, make_producer, make_product

# Before the first decision, while both are valid, after the first expired, today's far future.
DAYS = [date(2020, 1, 1), date(2023, 6, 30), date(2025, 12, 31), date(2027, 3, 1)]


def jpeg(colour: str) -> ContentFile:
    out = io.BytesIO()
    Image.new("RGB", (900, 600), colour).save(out, "JPEG")
    return ContentFile(out.getvalue(), name="anh.jpg")


def make() -> None:
    producer = make_producer(email="htx.namso@example.vn")
    tea = make_product(producer=producer)
    make_decision(tea, date(2021, 3, 15), stars=3)
    make_decision(tea, date(2024, 5, 4), stars=4)
    honey = make_product("Mật ong Tam Đường", producer=make_producer("Hộ Lò Văn Khánh"))
    make_decision(honey, date(2022, 8, 1), stars=3)
    tea.description = "Chè búp một tôm hai lá, sao tay."
    tea.save()  # a change in the audit log, beside the creations
    ProductPhoto.objects.create(product=tea, image=jpeg("green"), alt="Hộp chè 100 g")
    MisuseReport.objects.create(place="Chợ Tam Đường", description="Nhãn giả", photo=jpeg("red"))
    # A private folder's file that no row names: the archive keeps the folder whole.
    private = Path(settings.MEDIA_ROOT) / "ho-so" / "ghi-chu.txt"
    private.parent.mkdir(parents=True, exist_ok=True)
    private.write_text("Biên bản thẩm định", encoding="utf-8")


def describe() -> None:
    """Print, as JSON, everything a restore must give back."""
    tea = Product.objects.get(name="Chè Shan tuyết Nậm Sỏ")
    client = Client(HTTP_HOST="localhost")
    media = Path(settings.MEDIA_ROOT)
    found = {
        "figures": [summarize(day, breakdowns=True).to_dict() for day in DAYS],
        "page": client.get(tea.get_absolute_url()).content.decode(),
        "search": client.get("/san-pham/", {"q": "che shan tuyet"}).content.decode(),
        "files": {
            str(f.relative_to(media)): hashlib.sha256(f.read_bytes()).hexdigest()
            for f in sorted(media.rglob("*"))
            if f.is_file()
        },
        "audit": [
            [str(value) for value in row]
            for row in Entry.objects.order_by("pk").values_list(
                "pk", "timestamp", "action", "object_repr", "changes", "source", "path"
            )
        ],
        "chain": [
            list(link) for link in ChainLink.objects.values_list("position", "entry_id", "hash")
        ],
        "chain_verdict": audit_chain.verify().problem or audit_chain.verify().head,
        "audit_guarded": audit_triggers.in_place(connection),
        "triggers": triggers(),
        "freshness_missing": freshness.missing_triggers(connection),
        "registry_version": freshness.token(connection) is not None,
    }
    print(json.dumps(found, ensure_ascii=False))


def triggers() -> list[str]:
    """Every trigger of the database: the audit log's guard, the registry's version and change
    log, the search index, the decisions' links."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname || ' ' || tgrelid::regclass::text FROM pg_trigger"
                " WHERE NOT tgisinternal"
            )
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return sorted(row[0] for row in cursor.fetchall())
