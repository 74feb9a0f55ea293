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
entries per process before a third of them is dropped."""

from contextlib import contextmanager
from pathlib import Path

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks

CULL_EVERY = 100


class FileCache(FileBasedCache):
    _sets = 0

    def _cull(self):
        self._sets += 1
        if self._sets % CULL_EVERY == 0:
            super()._cull()

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
