"""One load scenario for the benches (bench_public.py, bench_writes.py): each simulated visitor
GETs addresses drawn from the list in BENCH_URLS (a JSON file written by the bench), with
BENCH_WAIT seconds (min,max) between requests; "0,0" keeps the server saturated. An entry is an
address, or a [name, address] pair: the statistics then have one row per name (a mix of pages
measured at once, each kind still seen on its own) beside the aggregate."""

import json
import os
import random

from locust import FastHttpUser, between, task

with open(os.environ["BENCH_URLS"], encoding="utf-8") as addresses:
    URLS = [entry if isinstance(entry, list) else ["page", entry] for entry in json.load(addresses)]
WAIT = [float(x) for x in os.environ.get("BENCH_WAIT", "0,0").split(",")]


class Visitor(FastHttpUser):
    wait_time = between(*WAIT)

    @task
    def visit(self):
        # One name in the statistics per kind of page, not one per address.
        name, address = random.choice(URLS)
        with self.client.get(address, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
