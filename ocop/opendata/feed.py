"""The Atom feed (RFC 4287) of the registry's changes, /du-lieu/feed.atom: new recognitions,
renewals, expiries and revocations of the last FEED_DAYS days, newest first, for the press and
the provincial e-portal. Written by Django's Atom1Feed; the events come from
ocop.opendata.changes."""

from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from ocop.domain.dates import format_date
from ocop.opendata.changes import ChangeRecord, changes_between

FEED_DAYS = 90
MAX_ENTRIES = 200
TITLE = "Thay đổi trong danh sách sản phẩm OCOP tỉnh Lai Châu"
SUBTITLE = (
    "Sản phẩm được công nhận mới, đánh giá lại, hết thời hạn và bị thu hồi, "
    "theo sổ đăng ký của Sở Nông nghiệp và Môi trường tỉnh Lai Châu."
)
AUTHOR = "Sở Nông nghiệp và Môi trường tỉnh Lai Châu"
# The year in the entries' tag URIs (RFC 4151): the programme's first, so ids never change.
TAG_YEAR = 2018


def atom_feed(today: date, base: str, feed_url: str, home_url: str) -> str:
    changes = changes_between(today - timedelta(days=FEED_DAYS - 1), today, base)
    newest = sorted(changes, key=lambda c: c.day, reverse=True)[:MAX_ENTRIES]
    feed = Atom1Feed(
        title=TITLE,
        link=home_url,
        description=SUBTITLE,
        subtitle=SUBTITLE,
        language="vi",
        feed_url=feed_url,
        feed_guid=feed_url,
        author_name=AUTHOR,
        feed_copyright=f"Giấy phép {settings.OCOP_DATA_LICENCE}: {settings.OCOP_DATA_LICENCE_URL}",
    )
    host = urlsplit(base).hostname or "localhost"
    for change in newest:
        _add_entry(feed, change, host)
    if not newest:
        # Atom requires the feed's <updated>: without entries, the start of today.
        feed.latest_post_date = lambda: _moment(today)
    return feed.writeString("utf-8")


def _add_entry(feed: Atom1Feed, change: ChangeRecord, host: str) -> None:
    record = change.record
    stars = f" ({record.stars} sao)" if record.stars else ""
    summary = (
        f"{change.kind_label} ngày {format_date(change.day)}: {record.product_name}{stars} "
        f"của {record.producer_name}, {record.commune_name}. Quyết định số "
        f"{record.decision_number} ngày {format_date(record.decided_on)}"
        f"{f' của {record.issuer}' if record.issuer else ''}. "
        f"Xác minh: {record.verify_url}"
    )
    feed.add_item(
        title=f"{change.kind_label}: {record.product_name}{stars}",
        link=record.product_url,
        description=escape(summary),
        unique_id=f"tag:{host},{TAG_YEAR}:ocop/{change.kind}/{record.public_code}/{change.day}",
        updateddate=_moment(change.day),
        pubdate=_moment(change.day),
        categories=[change.kind_label],
    )


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
