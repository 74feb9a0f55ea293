"""The cast the tests share. Reference data (provinces, Lai Châu's units, product sets) comes
from the data migration, as in production; row helpers are in tests/factories.py."""

import pytest


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
    """A fresh browser tab on a live server's database. Tests served live run in transactions
    that end with a flush, so the reference data of the migrations is loaded again here."""
    from django.apps import apps

    from ocop.registry.reference import load_all

    load_all(apps)
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
