"""How the site's language codes are written where a standard asks for BCP 47 (``lang`` and
``hreflang`` attributes, ``inLanguage`` in JSON-LD): Django's ``zh-hans`` is ``zh-Hans``."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

_BCP47 = {"zh-hans": "zh-Hans"}


def bcp47(code=None):
    code = code or get_language()
    return _BCP47.get(code, code)


# What each language is called in a sentence of the other ("not yet translated into …",
# "has no … text").
LANGUAGE_NAMES = {"zh-hans": _("Chinese"), "en": _("English")}
