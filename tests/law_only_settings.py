"""The site with the law and without the guide (``channels`` left out), to show that the
law stands alone: see tests/articles/test_standalone.py."""

from guide_site.settings import *  # noqa: F403

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "channels"]  # noqa: F405
TEMPLATES[0]["OPTIONS"]["context_processors"] = [  # noqa: F405
    name
    for name in TEMPLATES[0]["OPTIONS"]["context_processors"]  # noqa: F405
    if not name.startswith("channels.")
]
SITE_HOME = "articles:list"
