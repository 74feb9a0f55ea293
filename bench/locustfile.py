"""One load scenario for bench/bench_public.py: each simulated visitor GETs addresses drawn
from the list in BENCH_URLS (a JSON file written by the bench), with BENCH_WAIT seconds
(min,max) between requests; "0,0" keeps the server saturated."""

import json
import os
import random

from locust import FastHttpUser, between, task

with open(os.environ["BENCH_URLS"], encoding="utf-8") as addresses:
    URLS = json.load(addresses)
WAIT = [float(x) for x in os.environ.get("BENCH_WAIT", "0,0").split(",")]


class Visitor(FastHttpUser):
    wait_time = between(*WAIT)

    @task
    def visit(self):
        # One name in the statistics for the whole scenario, not one per address.
        with self.client.get(random.choice(URLS), name="page", catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
