"""gunicorn settings for the registry (docs/deployment.md):

    gunicorn ocop.wsgi -c python:ocop.gunicorn_conf --bind 127.0.0.1:8000 --workers 3

Each worker, once started, computes in a thread what the first visitors would otherwise wait
for: today's standings of every product (the public search, ocop.catalog.standings) and the
figures of every day (/api/v1/summary, ocop.opendata.api_timeline). Requests are served
meanwhile; those that need them compute what they need themselves until the thread is done."""

import threading
import time


def warm(log) -> None:
    from django.db import connections
    from django.utils import timezone

    from ocop.catalog.standings import standings
    from ocop.opendata import api_timeline

    started = time.perf_counter()
    try:
        standings(timezone.localdate())
        api_timeline.warm()
    except Exception:  # a registry not migrated yet: the pages say so themselves
        log.exception("Worker not warmed")
    else:
        log.info("Worker warmed in %.1f s", time.perf_counter() - started)
    finally:
        connections.close_all()


def post_worker_init(worker) -> None:
    threading.Thread(target=warm, args=(worker.log,), name="ocop-warm", daemon=True).start()
