"""Template tags every page uses: translated content with a visible fallback note, the
language switch and its <link rel="alternate"> twins, and visible links to anchors."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, gettext, override

register = template.Library()


def _field_code(language):
    return language.replace("-", "_")


def _paragraphs(text):
    # Editors type plain text; escape it first, then turn blank lines into paragraphs.
    return mark_safe(linebreaks(text, autoescape=True))  # noqa: S308 - escaped just above


@register.simple_tag
def translated(obj, field, paragraphs=False):
    """The field in the page's language; where that is empty, the other language's text
    marked with its own `lang` and a note, so the reader never gets a blank."""
    language = get_language()
    value = getattr(obj, f"{field}_{_field_code(language)}", "")
    if value:
        return _paragraphs(value) if paragraphs else value
    for code, _name in settings.LANGUAGES:
        if code == language:
            continue
        value = getattr(obj, f"{field}_{_field_code(code)}", "")
        if value:
            with override(code):
                name = get_language_info(code)["name_local"]
            note = gettext("Not yet translated; shown in %(language)s.") % {"language": name}
            if paragraphs:
                return format_html(
                    '<div lang="{}">{}</div><p class="fallback-note">{}</p>',
                    code,
                    _paragraphs(value),
                    note,
                )
            return format_html(
                '<span lang="{}">{}</span> <span class="fallback-note">({})</span>',
                code,
                value,
                note,
            )
    return ""


def _alternates(request):
    path = request.path
    query = request.META.get("QUERY_STRING", "")
    current = get_language()
    for code, _name in settings.LANGUAGES:
        url = translate_url(path, code)
        if query:
            url = f"{url}?{query}"
        info = get_language_info(code)
        yield {
            "code": code,
            "name_local": info["name_local"],
            "url": url,
            "current": code == current,
        }


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context):
    request = context.get("request")
    links = list(_alternates(request)) if request else []
    return {"others": [link for link in links if not link["current"]]}


@register.inclusion_tag("includes/alternate_links.html", takes_context=True)
def alternate_links(context):
    request = context.get("request")
    if request is None:
        return {"links": []}
    links = [
        {**link, "url": request.build_absolute_uri(link["url"])} for link in _alternates(request)
    ]
    return {"links": links}


@register.filter
def hreflang(code):
    """BCP 47 spelling for hreflang: zh-hans → zh-Hans."""
    return "zh-Hans" if code == "zh-hans" else code


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
