"""The site's settings as the test suite runs them (``DJANGO_SETTINGS_MODULE`` in
pyproject.toml): the same site, with what makes tests quick and independent of each other
and of this checkout's ``var/``.

- A var directory of its own per process, so parallel test workers (pytest-xdist) and a
  developer's ``make serve`` never share a secret key file, a database or a generation file.
- A fast password hasher: tests log in hundreds of times; what they test does not depend on
  the hasher's cost.
- Plain static files storage: pages link to ``/static/css/site.css``, so no test needs
  ``collectstatic`` to have run. The tests of fingerprinted names switch to the production
  storage themselves (``tests.conftest.production_static_files``).

Servers started by tests (gunicorn, under ``tests.tools.servers``) run with the site's own
settings, ``guide_site.settings``, as production does.
"""

import atexit
import os
import shutil
import tempfile

_VAR_DIR = tempfile.mkdtemp(prefix="guide-tests-var-")
atexit.register(shutil.rmtree, _VAR_DIR, ignore_errors=True)

# guide_site.settings reads DJANGO_VAR_DIR when it is imported (its local secret key is kept
# there); point it at this process's directory for the import only, so that servers the
# tests start choose their own.
_outer_var_dir = os.environ.get("DJANGO_VAR_DIR")
os.environ["DJANGO_VAR_DIR"] = _VAR_DIR
try:
    from guide_site.settings import *  # noqa: F403
    from guide_site.settings import STORAGES
finally:
    if _outer_var_dir is None:
        del os.environ["DJANGO_VAR_DIR"]
    else:
        os.environ["DJANGO_VAR_DIR"] = _outer_var_dir

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

PRODUCTION_STATICFILES_STORAGE = STORAGES["staticfiles"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# WhiteNoise looks a static file up when it is asked for, instead of listing all of
# STATIC_ROOT each time a test client starts its middleware (some 30 ms, for each of
# hundreds of test clients). What it answers for a file is the same.
WHITENOISE_AUTOREFRESH = True

# The render limit charges every uncached answer by the CPU time it took, and the test client
# is one client: a test that reads a hundred pages on a busy machine would meet the 429 page.
# The limit's own tests (tests/guide_site/test_render_limit.py) set it themselves; servers the
# tests start run with the site's own settings, limit included.
RENDER_LIMIT = 0
