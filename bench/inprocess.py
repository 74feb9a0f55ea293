"""CPU time per request inside this process (time.process_time), through Django's whole stack
(middleware, views, templates) with DEBUG off: far less sensitive to other work on the machine
than latency under a load generator, so it is the figure to compare with the goals when the
machine is busy. Used by bench_public.py and bench_api.py."""

import atexit
import os
import secrets
import shutil
import tempfile
import time

# Production-like settings for the in-process client, before Django is set up.
_STATIC = tempfile.mkdtemp(prefix="ocop-bench-static-")
atexit.register(shutil.rmtree, _STATIC, ignore_errors=True)
for name, value in {
    "DJANGO_SETTINGS_MODULE": "ocop.settings",
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "STATIC_ROOT": _STATIC,
    "LOG_LEVEL": "ERROR",
}.items():
    os.environ.setdefault(name, value)

HOST = "127.0.0.1"


def prepare() -> None:
    """The static files' manifest, which pages need with DEBUG off."""
    from django.conf import settings
    from django.core.management import call_command

    if not settings.DEBUG:
        call_command("collectstatic", "--no-input", verbosity=0)


def cpu_per_request(paths: list[str]) -> tuple[float, float]:
    """(CPU ms, wall ms) per request over `paths`, each asked once in turn; every answer must
    be a 200."""
    from django.test import Client

    client = Client(HTTP_HOST=HOST)
    cpu, wall = time.process_time(), time.perf_counter()
    for path in paths:
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path}: HTTP {response.status_code}")
        if response.streaming:
            b"".join(response.streaming_content)
    n = max(1, len(paths))
    return (time.process_time() - cpu) * 1000 / n, (time.perf_counter() - wall) * 1000 / n


def print_cpu(name: str, first: tuple[float, float], again: tuple[float, float], goal: str):
    print(f"  {name:<38}{first[0]:>9.1f}{again[0]:>9.1f}{first[1]:>9.1f}{again[1]:>9.1f}  {goal}")


def print_cpu_header(count: int) -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"  -- in process, CPU per request (ms), {count} addresses each, DEBUG off")
    print(f"     (load average {load}; new: first request of an address, rep: asked again)")
    print(f"  {'scenario':<38}{'cpu new':>9}{'cpu rep':>9}{'wall new':>9}{'wall rep':>9}")
