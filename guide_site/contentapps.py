"""What the site reads from the apps that make it up, so that the plumbing in guide_site
never names them. An app says what it brings with attributes on its ``AppConfig``:

``navigation``
    ``[(url name, label), …]``: links in every page's header; apps with a smaller
    ``navigation_position`` come first.
``fixture``
    ``(name, [model labels in loading order])``: its content, kept in ``fixtures/<name>.json``
    by ``loadcontent`` and ``dumpcontent``. These models are the site's *content*: saving
    one makes every cached page stale (``pagecache``); others (feedback, say) do not.
``public_urls``
    ``(prefix, urlconf module)``: its public pages, under each language's prefix.
``sitemaps``
    dotted path of a function returning ``{section: Sitemap}`` for ``/sitemap.xml``.
``page_anchors``
    dotted path of a function returning ``{path: {anchor, …}}``: every public page of the
    app in the active language and the ids on it, from the content (the content check).

The page a reader starts from and the hotline every page offers are settings
(``SITE_HOME``, ``SITE_HOTLINE``).
"""

from functools import cache

from django.apps import apps
from django.utils.module_loading import import_string


def configs_with(attribute):
    return [config for config in apps.get_app_configs() if getattr(config, attribute, None)]


def navigation():
    configs = sorted(configs_with("navigation"), key=lambda c: getattr(c, "navigation_position", 0))
    return [link for config in configs for link in config.navigation]


def fixtures():
    """{fixture name: [model labels]}, in the order they load (INSTALLED_APPS order)."""
    return dict(config.fixture for config in configs_with("fixture"))


@cache
def content_models():
    return frozenset(apps.get_model(label) for labels in fixtures().values() for label in labels)


def is_content(model):
    """Is ``model`` part of the site's content, or the link table of a many-to-many field of
    content?"""
    models = content_models()
    if model in models:
        return True
    # Many-to-many links are saved through their own model.
    return any(
        field.remote_field.through is model
        for content in models
        for field in content._meta.many_to_many
    )


def url_includes():
    return [config.public_urls for config in configs_with("public_urls")]


def sitemaps():
    found = {}
    for config in configs_with("sitemaps"):
        found.update(import_string(config.sitemaps)())
    return found


def page_anchors():
    """{path: {anchor, …}} for every public page of every app, in the active language."""
    found = {}
    for config in configs_with("page_anchors"):
        found.update(import_string(config.page_anchors)())
    return found
