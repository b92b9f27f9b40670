import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped content once; each test then runs in a transaction that is rolled
    back, so every test sees the real fixtures and may change them freely."""
    with django_db_blocker.unblock():
        call_command("loadcontent", verbosity=0)


@pytest.fixture(autouse=True)
def fresh_page_cache():
    """Every test starts with an empty cache: the database is rolled back after each test, so
    a page cached by one test must not be served to the next."""
    from django.core.cache import cache

    from guide_site.pagecache import generation

    cache.clear()
    generation().bump()


@pytest.fixture(autouse=True)
def rate_limit_clock(monkeypatch):
    """Rate limits count in fixed windows (a minute, ten minutes). The clock they read stands
    still, 30 seconds into a window, so no test's count is cut in two by a window ending.
    Tests that move it set ``guide_site.ratelimit._clock`` themselves."""
    from guide_site import ratelimit

    monkeypatch.setattr(ratelimit, "_clock", lambda: RATE_LIMIT_CLOCK)


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


# --- A real site for browser tests: gunicorn on a loopback port, its own database. ---

import secrets  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from types import SimpleNamespace  # noqa: E402

from tests.tools.servers import Gunicorn, site_env  # noqa: E402

BASE_DIR = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = BASE_DIR / "test-artifacts"


def _live_database_url(var):
    """SQLite in the site's own var/ on the SQLite run; on the PostgreSQL run, a database of
    its own on the same server as the test database."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        return f"sqlite:///{var}/db.sqlite3", None
    import psycopg

    name = f"live_site_{secrets.token_hex(4)}"
    params = {"host": db["HOST"], "port": db["PORT"], "user": db["USER"], "dbname": "postgres"}
    if db.get("PASSWORD"):
        params["password"] = db["PASSWORD"]
    with psycopg.connect(**params, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(**params, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{name}", drop


@pytest.fixture(scope="session")
def live_site(tmp_path_factory):
    """The site as `make serve` runs it: migrated, content loaded, served by gunicorn, on the
    same kind of database as the rest of the run."""
    var = tmp_path_factory.mktemp("live-site")
    database_url, drop = _live_database_url(var)
    env = site_env(var, database_url)

    def manage(*args, **kwargs):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=env,
            check=True,
            capture_output=True,
            text=True,
            **kwargs,
        )

    try:
        manage("migrate", "--noinput")
        manage("loadcontent")
        server = Gunicorn(env, workers=2, log=var / "gunicorn.log")
        with server:
            yield SimpleNamespace(
                url=server.url,
                manage=manage,
                env=env,
                server=server,
                admin_url=f"{server.url}/admin/",
            )
    finally:
        if drop:
            drop()


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


def open_page(browser, viewport_name, **context_options):
    """A fresh browser context (no cookies, no cache) at one of VIEWPORTS, and a page in it."""
    context = browser.new_context(viewport=VIEWPORTS[viewport_name], **context_options)
    page = context.new_page()
    page.viewport_name = viewport_name
    return page


@pytest.fixture(params=list(VIEWPORTS))
def page(request, browser):
    page = open_page(browser, request.param)
    yield page
    page.context.close()


@pytest.fixture(params=list(VIEWPORTS))
def no_js_page(request, browser):
    """A reader with JavaScript switched off."""
    page = open_page(browser, request.param, java_script_enabled=False)
    yield page
    page.context.close()


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
