"""Template tags of the law pages."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from articles.citations import cite
from articles.models import is_chinese

register = template.Library()


@register.simple_tag
def cite_provision(law, article, paragraph=None, item=None, link=True):
    """How to cite this article, paragraph or item, in Chinese and in English, after its
    permanent link (``link=False`` where the link stands just before, as in a heading). A
    simple tag rather than a template: the whole law has some four hundred of them."""
    citation = cite(
        law,
        article.number,
        paragraph.number if paragraph else None,
        item.number if item else None,
    )
    permalink = (
        format_html(
            '<a class="self-link" href="#{}"><span aria-hidden="true">#</span>'
            '<span class="visually-hidden">{}</span></a> ',
            citation.anchor,
            gettext("Link to %(label)s") % {"label": citation.zh if is_chinese() else citation.en},
        )
        if link
        else ""
    )
    return format_html(
        '<span class="cite" data-cite>{}<span class="cite-label">{}</span> '
        '<span class="cite-text" lang="zh-Hans">{}</span><span class="cite-sep" aria-hidden="true">'
        " · </span>"
        '<span class="cite-text" lang="en">{}</span></span>',
        permalink,
        gettext("Cite as:"),
        citation.zh,
        citation.en,
    )
