"""Template tags every page uses: translated content with a visible fallback note, the
language switch and its <link rel="alternate"> twins, visible links to anchors, and what
the page tells search engines and link previews (JSON-LD, Open Graph, the canonical URL)."""

from urllib.parse import quote

from django import template
from django.conf import settings
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.urls import reverse, translate_url
from django.utils.formats import date_format
from django.utils.html import conditional_escape, escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import (
    get_language,
    get_language_info,
    gettext,
)

from guide_site import contentapps, largetext
from guide_site import structured_data as ld
from guide_site.languages import LANGUAGE_NAMES, bcp47, mark_chinese
from guide_site.markup import plain_text as markup_plain_text
from guide_site.markup import render as markup_render
from guide_site.markup import render_inline as markup_render_inline

register = template.Library()


def _field_code(language):
    return language.replace("-", "_")


def _fallback_note(missing, shown, block):
    names = {"missing": LANGUAGE_NAMES[missing], "shown": LANGUAGE_NAMES[shown]}
    if block:  # stands before the text it is about
        return gettext("Not yet translated into %(missing)s. The %(shown)s text follows.") % names
    return gettext("(not yet translated into %(missing)s; shown in %(shown)s)") % names


@register.simple_tag
def translated(obj, field, markup=False, plain=False):
    """The field in the page's language; where that is empty, the other language's text
    marked with its own `lang` and a note, so the reader never gets a blank.

    ``markup=True``: the editor's little markup (paragraphs, lists, links; see
    guide_site/markup.py) as safe HTML; ``markup="inline"`` for a short text inside a
    paragraph (links and emphasis only). ``plain=True``: the words without the markup."""
    language = get_language()
    shown = language
    value = getattr(obj, f"{field}_{_field_code(language)}", "")
    if not value:
        for code, _name in settings.LANGUAGES:
            value = getattr(obj, f"{field}_{_field_code(code)}", "") if code != language else ""
            if value:
                shown = code
                break
    if not value:
        return ""
    if markup == "inline":
        text = markup_render_inline(value)
    elif markup:
        text = markup_render(value)
    elif plain:
        text = escape(markup_plain_text(value))
    else:
        text = escape(value)
    if shown == language:
        return text if _full_width() else mark_chinese(text)
    if markup and markup != "inline":
        return format_html(
            '<p class="fallback-note">{}</p><div lang="{}">{}</div>',
            _fallback_note(language, shown, block=True),
            bcp47(shown),
            text,
        )
    return format_html(
        '<span lang="{}">{}</span> <span class="fallback-note">{}</span>',
        bcp47(shown),
        text,
        _fallback_note(language, shown, block=False),
    )


@register.filter
def plain(text):
    """An editor's text without its markup (for meta descriptions and the like)."""
    return markup_plain_text(text)


def _alternates(request):
    """The page in each language; worked out once per request (the language switch and the
    <link rel="alternate"> list both need it, and resolving the URL is not free)."""
    current = get_language()
    cached = getattr(request, "_alternates", None)
    if cached is not None and cached[0] == current:
        return cached[1]
    query = request.META.get("QUERY_STRING", "")
    path, path_info = site_path(request.path), site_path(request.path_info)
    links = []
    for code, _name in settings.LANGUAGES:
        # From path_info, so the page in the other language keeps the large-text mode
        # (reverse writes the script prefix); a path that does not resolve (a 404) comes
        # back as it was, and the page's own address stands instead.
        url = translate_url(path_info, code)
        url = path if url == path_info else site_path(url)
        if query:
            url = f"{url}?{query}"
        info = get_language_info(code)
        links.append(
            {"code": code, "name_local": info["name_local"], "url": url, "current": code == current}
        )
    request._alternates = (current, links)
    return links


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context):
    request = context.get("request")
    links = _alternates(request) if request else []
    return {"others": [link for link in links if not link["current"]]}


@register.inclusion_tag("includes/alternate_links.html", takes_context=True)
def alternate_links(context):
    request = context.get("request")
    if request is None:
        return {"links": []}
    # The normal pages, whichever mode this is: the large-text variant is not indexed.
    links = [
        {
            **link,
            "url": request.build_absolute_uri(
                site_path(largetext.normal_path(request, link["url"]))
            ),
        }
        for link in _alternates(request)
    ]
    return {"links": links}


register.filter("bcp47", bcp47)


def _full_width():
    """Chinese writes its own punctuation full width (：、), with no space after it."""
    return get_language().startswith("zh")


@register.filter(name="mark_chinese")
def mark_chinese_filter(text):
    """Chinese words in an English text marked with their language (see
    guide_site.languages.mark_chinese); on Chinese pages the text is left alone."""
    return text if _full_width() else mark_chinese(conditional_escape(text))


@register.simple_tag
def label_gap():
    """What separates a label ending in a colon from what follows: a space in English
    ("Source: …"), nothing after Chinese's full-width colon ("来源：…")."""
    return "" if _full_width() else " "


@register.simple_tag
def list_separator():
    """Between the items of an inline list: "A, B" in English, "A、B" in Chinese."""
    return "、" if _full_width() else ", "


@register.simple_tag
def time_element(date):
    """A date as the page's language writes it, in a <time> element with the ISO date."""
    if not date:
        return ""
    return format_html('<time datetime="{}">{}</time>', date.isoformat(), date_format(date))


@register.simple_tag
def home_url():
    """The page a reader starts from (``SITE_HOME``)."""
    return reverse(settings.SITE_HOME)


@register.simple_tag
def site_navigation():
    """The header's links, from the installed apps (``guide_site.contentapps``)."""
    return [{"url": reverse(name), "label": label} for name, label in contentapps.navigation()]


@register.simple_tag
def hotline_link():
    """The hotline as a number a phone can dial."""
    number = settings.SITE_HOTLINE
    return format_html('<a href="tel:{}">{}</a>', number, number)


@register.simple_tag
def self_link(anchor, label=""):
    """A visible "#" link to a section or provision. A simple tag rather than an included
    template: a law page has hundreds of them."""
    if label:
        text = gettext("Link to %(label)s") % {"label": label}
    else:
        text = gettext("Link to this section")
    return format_html(
        '<a class="self-link" href="#{}"><span aria-hidden="true">#</span>'
        '<span class="visually-hidden">{}</span></a>',
        anchor,
        text,
    )


@register.filter
def json_ld(data):
    """``<script type="application/ld+json">`` holding ``data``, escaped like Django's
    json_script (``<``, ``>`` and ``&`` as JSON escapes). It is data, not script: browsers do
    not run it, so the Content Security Policy (script-src 'self') has nothing to block."""
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(ld.dumps(data)),  # dumps escapes everything that could end the element
    )


@register.simple_tag(takes_context=True)
def structured_data(context):
    """The page's JSON-LD: what the view put in ``structured_data`` (a list of dicts), and a
    BreadcrumbList wherever the view passes ``crumbs`` for the breadcrumb trail."""
    request = context.get("request")
    items = list(context.get("structured_data") or [])
    crumbs = context.get("crumbs")
    if request is not None and crumbs:
        items.append(ld.breadcrumb_list(request, crumbs))
    html = "".join(f"\n{json_ld(item)}" for item in items)
    if request is not None and largetext.is_large(request):
        # The data describes the normal pages (the canonical ones), not their large twins.
        script_name = request.normal_script_name
        html = html.replace(
            request.build_absolute_uri(f"{script_name}{largetext.PREFIX}/"),
            request.build_absolute_uri(f"{script_name}/"),
        )
    return mark_safe(html)  # json_ld escapes; the replacement is of our own URLs


@register.simple_tag(takes_context=True)
def block_text(context, name):
    """What one of this page's blocks renders to, for a second use in the head: the title
    block again as og:title, the description again as og:description. Django renders each
    block once where it stands; this renders the same block, as the child template filled
    it, a second time."""
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = block_context.get_block(name) if block_context else None
    if block is None:
        return ""
    # Text for an attribute: any markup (a fallback note's <span lang>) goes; the escaped
    # text stays escaped, entities included.
    return mark_safe(strip_tags(block.render(context)).strip())  # escaped


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's address without its query string: ?utm_source=… and the like are the
    same page, and the canonical link and og:url must say so."""
    request = context["request"]
    return request.build_absolute_uri(site_path(largetext.normal_path(request)))


@register.simple_tag(takes_context=True)
def normal_path(context, path):
    """A path from reverse() or {% url %} without the large-text prefix: for what only the
    normal pages have (the feed)."""
    request = context.get("request")
    return largetext.normal_path(request, path) if request is not None else path


@register.simple_tag(takes_context=True)
def in_mode(context, path):
    """A normal page's path (as the feedback forms record it) in this page's text size."""
    request = context.get("request")
    if request is None or not largetext.is_large(request):
        return path
    return largetext.large_path(request, path) if path.startswith("/") else path


@register.simple_tag(takes_context=True)
def text_size_switch(context):
    """The header's link to the same page in the other mode: "Large text" (长辈版), or
    "Standard text" to leave it (guide_site/largetext.py)."""
    request = context.get("request")
    if request is None:
        return ""
    large = largetext.is_large(request)
    return format_html(
        '<a class="text-size-switch" href="{}" data-keep-anchor>{}</a>',
        site_path(largetext.switch_url(request)),
        gettext("Standard text") if large else gettext("Large text"),
    )


# What may stay as it is in a path; everything else (backslashes, control characters, spaces)
# is percent-encoded.
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"


def site_path(path):
    """A path that can only point at this site, whatever address the reader asked for.
    ``//evil.com/x`` would be read by a browser (and by build_absolute_uri) as another host,
    and browsers read a backslash as a slash and drop tabs and newlines, so ``/\\evil.com``
    means the same: leading slashes become one and such characters are percent-encoded. A
    query string after the path is kept as it is."""
    path, mark, query = path.partition("?")
    return "/" + quote(path, safe=_PATH_SAFE).lstrip("/") + mark + query


# Open Graph wants language_TERRITORY. English here is British English.
OG_LOCALES = {"zh-hans": "zh_CN", "en": "en_GB"}


@register.inclusion_tag("includes/open_graph.html", takes_context=True)
def open_graph(context, title, description):
    language = get_language()
    return {
        "title": title,
        "description": description,
        "url": canonical_url(context),
        "locale": OG_LOCALES.get(language, language),
        "alternates": [OG_LOCALES[code] for code, _name in settings.LANGUAGES if code != language],
    }
