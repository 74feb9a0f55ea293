"""The letter's figures on every day at once, for /api/v1/summary on any date.

summarize() counts the registry in the database on the day asked: about 0.2-0.3 s of CPU at
50,000 products, on every date a client asks for. A product's status and stars can only change
on a day one of its decisions is signed, the day after one runs out, or the day one is revoked;
so the statuses are asked of ocop.domain.status (status_on, stars_on: the rule, written once)
on those days only, and the figures are added up day by day into one table. Any date's figures
are then one bisect into it.

Built once per registry version (ocop.shared.freshness) in each server process: the gunicorn
workers build it in a thread when they start (ocop.gunicorn_conf) and again after a write,
answering with summarize() meanwhile; elsewhere (tests, runserver) the first request builds it.
"""

import bisect
import logging
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby

from django.db import connections

from ocop.domain.status import DecisionFacts, Status, stars_on, status_on
from ocop.registry.models import Decision
from ocop.registry.summary import Figures
from ocop.shared.freshness import token

logger = logging.getLogger(__name__)
_ONE_DAY = timedelta(days=1)
_STARS = tuple(Decision.Stars.values)
# A snapshot: valid, valid by each of _STARS, expired, revoked, producers, communes.
_VALID, _EXPIRED, _REVOKED, _PRODUCERS, _COMMUNES = 0, -4, -3, -2, -1
_NOTHING = (0,) * (len(_STARS) + 5)


@dataclass(frozen=True)
class Timeline:
    days: list[date]  # the days some product's status or stars changed, in order
    figures: list[tuple]  # the snapshot from each of those days on

    def summary(self, day: date) -> Figures:
        at = bisect.bisect_right(self.days, day) - 1
        counts = self.figures[at] if at >= 0 else _NOTHING
        return Figures(
            as_of=day,
            valid_products=counts[_VALID],
            valid_by_stars={str(stars): counts[1 + i] for i, stars in enumerate(_STARS)},
            producers=counts[_PRODUCERS],
            communes=counts[_COMMUNES],
            expired_products=counts[_EXPIRED],
            revoked_products=counts[_REVOKED],
        )


def build(alias: str = "default") -> Timeline:
    """Every product's status through time, from its decisions, added up by day."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, producer_id, unit_id FROM registry_product")
        places = {pk: (producer, unit) for pk, producer, unit in cursor.fetchall()}
        cursor.execute(
            "SELECT product_id, decided_on, last_valid_day, stars, revoked_on, id"
            " FROM registry_decision ORDER BY product_id"
        )
        rows = cursor.fetchall()
    changes = defaultdict(list)  # day -> (product, state before, state after)
    for product, decisions in groupby(rows, key=lambda row: row[0]):
        facts, days = [], set()
        for _, decided_on, last_day, stars, revoked_on, pk in decisions:
            decided_on, last_day = _day(decided_on), _day(last_day)
            revoked_on = _day(revoked_on) if revoked_on else None
            facts.append(DecisionFacts(decided_on, last_day, stars, revoked_on, order=pk))
            days.update((decided_on, last_day + _ONE_DAY))
            if revoked_on:
                days.add(revoked_on)
        before = None
        for day in sorted(days):
            status = status_on(facts, day)
            state = (
                None
                if status == Status.NOT_RECOGNISED
                else (status, stars_on(facts, day) if status == Status.VALID else None)
            )
            if state != before:
                changes[day].append((product, before, state))
                before = state
    return _added_up(changes, places)


def _day(value) -> date:
    # SQLite's cursor gives dates back as text unless Django's converters are on.
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _added_up(changes: dict, places: dict) -> Timeline:
    statuses, stars = Counter(), Counter()
    by_producer, by_commune = Counter(), Counter()
    days, figures = [], []
    for day in sorted(changes):
        for product, before, after in changes[day]:
            producer, commune = places[product]
            for state, step in ((before, -1), (after, 1)):
                if state is None:
                    continue
                status, counted = state
                statuses[status] += step
                if status == Status.VALID:
                    stars[counted] += step
                    by_producer[producer] += step
                    by_commune[commune] += step
                    if by_producer[producer] == 0:
                        del by_producer[producer]
                    if by_commune[commune] == 0:
                        del by_commune[commune]
        days.append(day)
        figures.append(
            (
                statuses[Status.VALID],
                *(stars[s] for s in _STARS),
                statuses[Status.EXPIRED],
                statuses[Status.REVOKED],
                len(by_producer),
                len(by_commune),
            )
        )
    return Timeline(days, figures)


class _Held:
    """The timeline of each database, with the registry version it was built from."""

    def __init__(self):
        self.lock = threading.Lock()
        self.timelines: dict = {}  # (alias, database name) -> (token, Timeline)
        self.building: set = set()
        self.in_background = False


_HELD = _Held()


def figures_on(day: date, alias: str = "default") -> Figures | None:
    """The letter's figures on `day` for the whole registry as it is now; None while the
    timeline of this version is being built in the background (then ask summarize())."""
    connection = connections[alias]
    now = token(connection)
    if now is None:
        return None
    key = (alias, connection.settings_dict.get("NAME"))
    held = _HELD.timelines.get(key)
    if held is not None and held[0] == now:
        return held[1].summary(day)
    if not _HELD.in_background:
        _keep(key, now, build(alias), alias)
        held = _HELD.timelines.get(key)
        return held[1].summary(day) if held and held[0] == now else None
    _start(key, now, alias)
    return None


def _keep(key, built_from: str, timeline: Timeline, alias: str) -> None:
    # A write committed while building moves the token: that timeline is thrown away.
    if token(connections[alias]) == built_from:
        with _HELD.lock:
            _HELD.timelines[key] = (built_from, timeline)


def _start(key, now: str, alias: str) -> None:
    with _HELD.lock:
        if (key, now) in _HELD.building:
            return
        _HELD.building.add((key, now))
    threading.Thread(target=_build_kept, args=(key, now, alias), daemon=True).start()


def _build_kept(key, now: str, alias: str) -> None:
    try:
        _keep(key, now, build(alias), alias)
    except Exception:
        logger.exception("the timeline of the figures could not be built")
    finally:
        with _HELD.lock:
            _HELD.building.discard((key, now))
        connections[alias].close()


def warm(alias: str = "default") -> None:
    """Build the timeline now (a server process starting; requests meanwhile are answered by
    summarize()), and from then on in a thread whenever the registry changes."""
    _HELD.in_background = True
    connection = connections[alias]
    now = token(connection)
    if now is not None:
        key = (alias, connection.settings_dict.get("NAME"))
        with _HELD.lock:
            _HELD.building.add((key, now))
        try:
            _keep(key, now, build(alias), alias)
        finally:
            with _HELD.lock:
                _HELD.building.discard((key, now))


def forget() -> None:
    with _HELD.lock:
        _HELD.timelines.clear()
