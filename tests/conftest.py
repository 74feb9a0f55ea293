"""The cast the tests share. Reference data (provinces, Lai Châu's units, product sets) comes
from the data migration, as in production; row helpers are in tests/factories.py."""

import pytest


def pytest_configure(config):
    # Production's PBKDF2 spends a good part of a second on each password it hashes or
    # checks, on purpose; the tests sign people in and make accounts by the thousand and check
    # who may do what, not the hash's strength. One fast hasher for the whole suite, the live
    # servers' threads included.
    from django.test import override_settings

    override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]).enable()
    # The shared cache in a folder of this process's own: the suite's processes run at once,
    # each on its own databases, and a run never reads what an earlier one kept.
    import tempfile

    from django.conf import settings

    caches = {"default": {**settings.CACHES["default"]}}
    if caches["default"]["BACKEND"] == "ocop.shared.file_cache.FileCache":
        caches["default"]["LOCATION"] = tempfile.mkdtemp(prefix="ocop-test-cache-")
    override_settings(CACHES=caches).enable()


# What the flush's post_migrate signal makes again by itself.
RECREATED_AFTER_FLUSH = {"contenttypes.ContentType", "auth.Permission"}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as pytest-django makes it, with the rows its migrations wrote (the
    reference data: provinces, units, product sets) kept for every test. A transactional test
    (live server, browser) ends with a flush that empties every table; the flush then sends
    post_migrate, and the rows are put back as the migrations left them, ids included, before
    the next test starts, whatever order the tests run in."""
    from django.apps import apps
    from django.db.models.signals import post_migrate

    with django_db_blocker.unblock():
        migrated = [
            (model, list(model._base_manager.all()))
            for model in apps.get_models()
            if model._meta.managed and not model._meta.proxy
            and model._meta.label not in RECREATED_AFTER_FLUSH
        ]  # fmt: skip
    migrated = [(model, rows) for model, rows in migrated if rows]

    def put_back(using, **kwargs):
        from django.core.management.color import no_style
        from django.db import connections, transaction

        connection = connections[using]
        with transaction.atomic(using=using):  # foreign keys are checked at the end
            put = []
            for model, rows in migrated:
                if not model._base_manager.using(using).exists():
                    # bulk_create sends no signals: no log entries, as in the migration.
                    model._base_manager.using(using).bulk_create(rows)
                    put.append(model)
            # The rows keep their ids, which moves no sequence; `flush` (as a test may call
            # it) starts every sequence again at 1, so PostgreSQL's next id would be taken.
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), put):
                    cursor.execute(sql)

    registry = apps.get_app_config("registry")
    post_migrate.connect(put_back, sender=registry, dispatch_uid="tests-put-back-reference")
    yield
    post_migrate.disconnect(sender=registry, dispatch_uid="tests-put-back-reference")


@pytest.fixture
def department_officer(django_user_model):
    return django_user_model.objects.create_user(
        "can.bo.so", password="mat-khau-thu-nghiem", is_staff=True, is_superuser=True
    )


@pytest.fixture
def visitor(client):
    return client


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (`make browser-deps` installs it)."""
    import os

    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the tests' ORM calls are
    # still plain synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, transactional_db):
    """A fresh browser tab on a live server's database (transactional: the server's thread
    sees what the test writes)."""
    context = browser.new_context(locale="vi-VN", viewport={"width": 1200, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def committing_db(transactional_db):
    """A database whose transactions really commit, as in production, so that what waits for
    the commit happens: an e-mail is queued (and, tasks running at once here, delivered) as
    the transaction that wrote it commits. A transactional test ends with a flush, which
    empties the reference data of the migrations: it is loaded again first."""
    from django.apps import apps

    from ocop.registry.reference import load_all

    load_all(apps)


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    """Tasks run in the test's own process as they are queued (OCOP_TASKS=immediate), so a
    test reads what a page sent as soon as it answers. The worker and its database queue
    are tested with real processes (tests/test_tasks_worker.py)."""
    settings.TASKS = {"default": {"BACKEND": settings.TASK_BACKENDS["immediate"]}}
