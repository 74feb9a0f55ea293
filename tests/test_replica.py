"""Public reads from a replica (ocop/shared/replica.py): with DATABASE_REPLICA_URL set, the
public pages and the API read the replica, the back office and every write the primary. Two
SQLite files stand in for a PostgreSQL primary and its streaming replica: the replica is a copy
of the primary taken before the primary got more products."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

OCOP = str(Path(sys.executable).with_name("ocop"))

PROBE = """
import json
import django
django.setup()
from django.test import Client
from ocop.catalog.models import MisuseReport
from ocop.registry.models import Product
from ocop.shared.replica import public_reads

client = Client(HTTP_HOST="localhost")
api = client.get("/api/v1/products?page_size=1").json()
with public_reads():
    public_count = Product.objects.count()
    MisuseReport.objects.create(place="chợ", description="nhãn giả", photo="x.jpg")
print(json.dumps({
    "api": api["count"],
    "public": public_count,
    "back_office": Product.objects.count(),
    "reports_primary": MisuseReport.objects.using("default").count(),
    "reports_replica": MisuseReport.objects.using("replica").count(),
    "home": client.get("/").status_code,
}))
"""


def run(args, env):
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture
def databases(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_REPLICA_URL"}
    primary, replica = tmp_path / "primary.sqlite3", tmp_path / "replica.sqlite3"
    env.update(DATABASE_URL=f"sqlite:///{primary}", OCOP_DATA_DIR=str(tmp_path))
    run([OCOP, "migrate", "--no-input"], env)
    run([OCOP, "generate", "--products", "12", "--seed", "1"], env)
    shutil.copyfile(primary, replica)
    run([OCOP, "generate", "--products", "30", "--seed", "2", "--force"], env)
    return env, primary, replica


def probe(env) -> dict:
    return json.loads(run([sys.executable, "-c", PROBE], env).strip().splitlines()[-1])


def products_in(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT COUNT(*) FROM registry_product").fetchone()[0]


def test_public_reads_go_to_the_replica_and_writes_to_the_primary(databases):
    env, primary, replica = databases
    assert products_in(replica) < products_in(primary)
    alone = probe({**env, "DATABASE_REPLICA_URL": f"sqlite:///{primary}"})
    found = probe({**env, "DATABASE_REPLICA_URL": f"sqlite:///{replica}"})
    assert found["public"] == products_in(replica)
    assert found["back_office"] == products_in(primary)
    assert found["api"] < alone["api"]  # the API answered from the smaller replica
    # The report posted while reading publicly was written to the primary only.
    assert found["reports_primary"] == alone["reports_primary"] + 1
    assert found["reports_replica"] == 0
    assert found["home"] == 200


def test_without_a_replica_everything_reads_the_primary(databases):
    env, primary, _ = databases
    found = json.loads(
        run([sys.executable, "-c", PROBE.replace('"replica"', '"default"')], env)
        .strip()
        .splitlines()[-1]
    )
    assert found["public"] == found["back_office"] == products_in(primary)
