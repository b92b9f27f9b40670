"""What every test shares: the shipped content in the test database, an empty page cache,
a stopped rate-limit clock, signed-in staff, and a real site under gunicorn with a real
browser for the browser tests.

Markers (declared in pyproject.toml): ``browser``, ``services`` and ``slow`` are set by the
test modules; ``database`` is added here to every test that uses the test database, so that
the PostgreSQL pass of ``make test`` runs those and nothing else (``-m "database and not
browser"``).
"""

import pytest
from django.core.management import call_command

DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "admin_user"}


def pytest_collection_modifyitems(items):
    for item in items:
        if item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.database)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped content once; each test then runs in a transaction that is rolled
    back, so every test sees the real fixtures and may change them freely."""
    with django_db_blocker.unblock():
        call_command("loadcontent", verbosity=0)


@pytest.fixture(autouse=True)
def fresh_page_cache(monkeypatch):
    """Every test starts with an empty cache: the database is rolled back after each test, so
    a page cached by one test must not be served to the next.

    The content generation is kept in the cache, as it is with Redis, not in a file in
    ``var/`` as the site keeps it with the local-memory cache: the cache is this process's
    own, a file would be shared by parallel test workers. (FileGeneration has its own test,
    and every server the tests start uses it.)"""
    from django.core.cache import cache

    from guide_site import pagecache

    monkeypatch.setattr(pagecache, "_generation", pagecache.CacheGeneration())
    cache.clear()
    pagecache.generation().bump()


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the site's default language, as a new process does: a request
    through the test client leaves its page's language active in the thread, which would
    make a later test's messages depend on which tests ran before it (and, in parallel
    runs, on which worker it lands)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def production_static_files(settings):
    """The storage production uses (fingerprinted, compressed names from the manifest that
    ``collectstatic`` wrote), for tests of what it does; the others use plain names."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": settings.PRODUCTION_STATICFILES_STORAGE,
    }


@pytest.fixture(autouse=True)
def rate_limit_clock(monkeypatch):
    """Rate limits count in fixed windows (a minute, ten minutes). The clock they read stands
    still, 30 seconds into a window, so no test's count is cut in two by a window ending.
    Tests that move it set ``guide_site.ratelimit._clock`` themselves."""
    from guide_site import ratelimit

    monkeypatch.setattr(ratelimit, "_clock", lambda: RATE_LIMIT_CLOCK)
    # Counts in this process's cache, cleared for each test (fresh_page_cache), rather than
    # in the file in var/ the site shares between its workers (SQLiteCounters has tests of
    # its own, and every server the tests start uses it).
    monkeypatch.setattr(ratelimit, "_counters", ratelimit.CacheCounters())


RATE_LIMIT_CLOCK = 1_800_000_030.0  # 1,800,000,000 is a multiple of 60 and of 600


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "editor", "editor@example.org", "a-long-pass-phrase"
    )
    client.force_login(user)
    # The admin follows the browser's language; these tests read its English messages.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def editor(django_user_model):
    """A staff member who is not a superuser: only what the "Editors" group gives."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        "content-editor", "content@example.org", "another-long-pass-phrase", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


# --- Real sites under gunicorn, for browser and services tests. ---

import fcntl  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402
from types import SimpleNamespace  # noqa: E402

from tests.tools.servers import (  # noqa: E402
    Gunicorn,
    PostgresServer,
    manage,
    prepare_site,
    site_env,
)

BASE_DIR = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = BASE_DIR / "test-artifacts"


@pytest.fixture(scope="session")
def site_database(tmp_path_factory):
    """A SQLite database file migrated and loaded with the shipped content as `make serve`
    would (manage.py migrate, loadcontent), made once per run (the parallel workers share
    it, under a lock) for each site under test to start from a copy of."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # a parallel worker's folder is in the run's
        root = root.parent
    path = root / "site-database.sqlite3"
    with open(root / "site-database.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            var = root / "site-database"
            var.mkdir(exist_ok=True)
            prepare_site(site_env(var))
            (var / "db.sqlite3").rename(path)
    return path


@pytest.fixture(scope="session")
def new_site_var(site_database):
    """``new_site_var(folder)``: make ``folder`` a site's var/ with a copy of the prepared
    database in it, and return the site's environment (extra settings as keywords)."""

    def make(folder, **settings):
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(site_database, folder / "db.sqlite3")
        return site_env(folder, **settings)

    return make


@pytest.fixture(scope="session")
def postgres(tmp_path_factory):
    """A PostgreSQL server of the tests' own (initdb in a temporary directory, a free
    loopback port), whatever database the test run itself uses, with a template database
    migrated and loaded with the shipped content: ``postgres.new_site_database(name)`` is
    a copy of it, made in a moment. Tests may stop and start the server; they start it
    again before they end."""
    with PostgresServer() as server:
        template = server.create_database("site_template")
        prepare_site(site_env(tmp_path_factory.mktemp("postgres-template"), template))
        server.new_site_database = lambda name: server.create_database(name, "site_template")
        yield server


@pytest.fixture(scope="session")
def live_site(tmp_path_factory, new_site_var):
    """The site as `make serve` runs it (SQLite, content loaded), served by gunicorn with
    threaded workers."""
    var = tmp_path_factory.mktemp("live-site")
    env = new_site_var(var)
    # Threaded workers: the browser tabs live for the whole run, and Chromium opens
    # connections ahead of need (preconnect) that it may leave idle for seconds; a sync
    # worker would wait on such a connection, with no request, until it is killed.
    threads = ["--worker-class", "gthread", "--threads", "4"]
    with Gunicorn(
        env, workers=2, log=var / "gunicorn.log", args=threads, app="guide_site.wsgi"
    ) as server:
        yield SimpleNamespace(
            url=server.url,
            manage=lambda *args, env=env: manage(env, *args),
            env=env,
            server=server,
            admin_url=f"{server.url}/admin/",
        )


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            # Offline machine: no background calls home, no sandbox as root.
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


VIEWPORTS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 900}}
# Every page reports a refusal by its Content Security Policy on the console, where
# tests/browser/test_pages.py looks for errors.
REPORT_CSP_VIOLATIONS = (
    "document.addEventListener('securitypolicyviolation', e => "
    "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
)


def open_page(browser, viewport_name, **context_options):
    """A fresh browser context (no cookies, no cache) at one of VIEWPORTS, and a page in it."""
    context = browser.new_context(viewport=VIEWPORTS[viewport_name], **context_options)
    # Twice Playwright's 30 seconds: on a busy two-core machine an admin login (a deliberately
    # slow password hash) behind two gunicorn workers can take a while.
    context.set_default_timeout(60_000)
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    page = context.new_page()
    page.viewport_name = viewport_name
    return page


@pytest.fixture(scope="session")
def reader_tabs(browser):
    """``reader_tabs(viewport_name, javascript=True)``: one browser tab for each width, with
    JavaScript on or off, kept for the whole run. Opening a context and a page costs more
    than most browser tests; a test gets the tab with its cookies cleared and a blank
    document, as a returning reader who signed out would have it (the browser's cache of
    static files stays, as a reader's does)."""
    tabs = {}

    def tab(viewport_name, javascript=True):
        key = (viewport_name, javascript)
        if key not in tabs or tabs[key].is_closed():
            tabs[key] = open_page(browser, viewport_name, java_script_enabled=javascript)
        page = tabs[key]
        page.context.clear_cookies()
        page.goto("about:blank")
        return page

    yield tab
    for page in tabs.values():
        page.context.close()


@pytest.fixture(params=list(VIEWPORTS))
def page(request, reader_tabs):
    return reader_tabs(request.param)


@pytest.fixture(params=list(VIEWPORTS))
def no_js_page(request, reader_tabs):
    """A reader with JavaScript switched off."""
    return reader_tabs(request.param, javascript=False)


# Long pages (the whole law is some 45,000 px tall on a phone) are cut to their first screens.
SCREENSHOT_MAX_HEIGHT = 6000


def screenshot(page, name, full_page=True):
    """Keep a picture of what the reader saw, in test-artifacts/, to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}-{page.viewport_name}.png"
    height = page.evaluate("document.documentElement.scrollHeight")
    if full_page and height > SCREENSHOT_MAX_HEIGHT:
        clip = {
            "x": 0,
            "y": 0,
            "width": page.viewport_size["width"],
            "height": SCREENSHOT_MAX_HEIGHT,
        }
        page.screenshot(path=path, full_page=True, clip=clip)
    else:
        page.screenshot(path=path, full_page=full_page)


EDITOR = SimpleNamespace(username="editor", password="a-long-pass-phrase-for-tests")


@pytest.fixture(scope="session")
def live_editor(live_site):
    """A superuser on the live site, made through manage.py as an operator would."""
    live_site.manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; User = get_user_model(); "
        f"User.objects.filter(username={EDITOR.username!r}).exists() or "
        f"User.objects.create_superuser({EDITOR.username!r}, 'editor@example.org', "
        f"{EDITOR.password!r})",
    )
    return EDITOR
