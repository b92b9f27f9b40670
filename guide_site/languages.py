"""How the site's language codes are written where a standard asks for BCP 47 (``lang`` and
``hreflang`` attributes, ``inLanguage`` in JSON-LD): Django's ``zh-hans`` is ``zh-Hans``."""

import re

from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

_BCP47 = {"zh-hans": "zh-Hans"}


def bcp47(code=None):
    code = code or get_language()
    return _BCP47.get(code, code)


# What each language is called in a sentence of the other ("not yet translated into …",
# "has no … text").
LANGUAGE_NAMES = {"zh-hans": _("Chinese"), "en": _("English")}


# Runs of Chinese characters and Chinese punctuation (CJK ideographs, CJK symbols and
# punctuation, full-width forms).
CHINESE_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]+")
_TEXT_NODE = re.compile(r"(^|>)([^<]+)")


def mark_chinese(html):
    """Chinese words inside English text (a term in brackets, "City Services (城市服务)")
    wrapped in ``<span lang="zh-Hans">``, so that screen readers say them in Chinese and
    Chinese fonts draw them. ``html`` is safe HTML; only its text is touched."""
    if not CHINESE_RUN.search(html):
        return html

    def wrap(match):
        text = CHINESE_RUN.sub(lambda m: f'<span lang="zh-Hans">{m.group(0)}</span>', match[2])
        return match[1] + text

    return mark_safe(_TEXT_NODE.sub(wrap, str(html)))
