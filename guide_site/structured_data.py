"""schema.org structured data (JSON-LD) that any page can carry: the serialization, the
language tag, the site itself and the breadcrumb trail. The law and the guide build their
own types (``articles/structured_data.py``, ``channels/structured_data.py``) on these."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.translation import gettext as _

from .languages import bcp47

SCHEMA = "https://schema.org"

# The characters that could end the <script> element or start a comment inside it, written
# as JSON escapes, as Django's json_script does: the data can never become markup.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def dumps(data):
    """JSON safe to put between <script type="application/ld+json"> tags."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_SCRIPT_ESCAPES)


def language_tag(code=None):
    return bcp47(code)


def website(request):
    """The site, as the thing pages and the law as published here are part of."""
    url = request.build_absolute_uri(reverse(settings.SITE_HOME))
    return {"@type": "WebSite", "@id": url, "url": url, "name": _site_name()}


def _site_name():
    return _("Beijing social security card guide")


def breadcrumb_list(request, crumbs):
    """The trail shown by includes/breadcrumbs.html: Home, then the view's ``crumbs``; the
    last crumb (the page itself, without a link) points at the page's own address."""
    trail = [(_("Home"), reverse(settings.SITE_HOME))] + [
        (crumb["name"], crumb["url"] or request.path) for crumb in crumbs
    ]
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": str(name),
                "item": request.build_absolute_uri(url),
            }
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }
