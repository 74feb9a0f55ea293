"""The embedded default cache: Django's file cache in the data folder, shared by every server
process of the machine (docs/configuration.md, "Cache"). A deployment on several machines sets
CACHE_URL to a Redis server instead.

Django's file cache reads and then writes in add() and incr(), so two processes counting at the
same moment could both read 41 and both write 42: a rate limit of N would let more through.
Here both run under one exclusive lock on a file beside the entries (Django's own file locks),
which every process of the machine takes in turn for the few microseconds they last.

Django's file cache also lists its whole folder on every set() to see whether it must drop
entries: with thousands of kept pages that listing cost more than the page it kept. Here it
looks every `CULL_EVERY` sets of a process, so the folder may pass MAX_ENTRIES by that many
entries per process before a third of them is dropped. And Django drops a third chosen at
random: the pages kept for today's version as likely as those of versions no page will ask
for again, so a full cache under writes threw away its hot pages every few seconds and rendered
them again (reads under an officer's saves fell to a tenth). Here the third used longest ago
goes: an entry's file is touched when it is read, so a page of an older registry version (never
read again) goes before a product page kept since the morning and read every minute."""

import os
from contextlib import contextmanager, suppress
from pathlib import Path

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks

CULL_EVERY = 100
_MISSING = object()


class FileCache(FileBasedCache):
    _sets = 0

    def get(self, key, default=None, version=None):
        value = super().get(key, _MISSING, version)
        if value is _MISSING:
            return default
        # Used now: culled last. Gone meanwhile (culled by another process): nothing to mark.
        with suppress(FileNotFoundError):
            os.utime(self._key_to_file(key, version))
        return value

    def _cull(self):
        self._sets += 1
        if self._sets % CULL_EVERY == 0:
            self._drop_oldest()

    def _drop_oldest(self):
        written = []
        for name in self._list_cache_files():
            try:
                written.append((os.stat(name).st_mtime, name))
            except FileNotFoundError:  # dropped by another process meanwhile
                continue
        if len(written) < self._max_entries:
            return
        if self._cull_frequency == 0:
            self.clear()
            return
        written.sort()
        for _, name in written[: len(written) // self._cull_frequency]:
            self._delete(name)

    @contextmanager
    def _counting(self):
        self._createdir()
        with open(Path(self._dir) / "counting.lock", "ab") as lock:
            locks.lock(lock, locks.LOCK_EX)
            try:
                yield
            finally:
                locks.unlock(lock)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._counting():
            return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        with self._counting():
            return super().incr(key, delta, version)
