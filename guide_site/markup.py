"""The little markup editors may use in longer texts: paragraphs (a blank line), lists,
**bold**, *emphasis*, and links — ``[the Bureau's website](https://rsj.beijing.gov.cn/)``,
``<https://…>``, or an address typed as it is, which becomes a link by itself.

Markdown through markdown-it-py (CommonMark), with raw HTML off, so anything that looks like
a tag is shown as text; then sanitised with nh3, which keeps only the tags above and links
to http, https, mailto and tel addresses (``javascript:`` and the like are dropped).

Addresses typed without brackets are found by our own rule rather than markdown-it's
linkify: Chinese has no spaces, and linkify takes the Chinese words after an address as
part of it (``https://rsj.beijing.gov.cn/查询，或者`` would be one link). Here an address is
ASCII only, and ends before trailing punctuation.
"""

import re
from functools import lru_cache

import nh3
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "br", "a", "strong", "em", "ul", "ol", "li", "code"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}

# An address as people type one in running text: ASCII, no spaces, no quotes or angle
# brackets; sentence punctuation at its end is not part of it.
BARE_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
TRAILING = ".,;:!?'"


def _trim(url):
    while url and (url[-1] in TRAILING or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url


# What comes right before ``://``: the scheme, not glued to a preceding ASCII word.
SCHEME = re.compile(r"(?:^|[^A-Za-z0-9.+-])(https?)$")


def _bare_links(state, silent):
    """An inline rule: ``https://…`` in text becomes a link (see the module docstring).
    Like markdown-it's own linkify rule it starts at ``://`` (where the text rule stops)
    and takes the scheme back from the text collected before it."""
    pos = state.pos
    if state.linkLevel > 0 or not state.src.startswith("://", pos):
        return False
    scheme = SCHEME.search(state.pending)
    if not scheme:
        return False
    start = pos - len(scheme.group(1))
    match = BARE_URL.match(state.src, start)
    url = _trim(match.group(0)) if match else ""
    href = state.md.normalizeLink(url)
    if len(url) <= len(scheme.group(1)) + 3 or not state.md.validateLink(href):
        return False
    if not silent:
        state.pending = state.pending[: -len(scheme.group(1))]
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": href}
        token.markup, token.info = "linkify", "auto"
        token = state.push("text", "", 0)
        token.content = state.md.normalizeLinkText(url)
        token = state.push("link_close", "a", -1)
        token.markup, token.info = "linkify", "auto"
    state.pos = start + len(url)
    return True


@lru_cache(maxsize=1)
def _parser():
    md = MarkdownIt("commonmark", {"html": False, "breaks": True})
    md.disable(["image", "heading", "lheading", "hr", "table", "code", "fence", "html_block"])
    md.inline.ruler.before("linkify", "bare_links", _bare_links)
    return md


def _clean(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel=None,
    )


@lru_cache(maxsize=4096)
def render(text):
    """Safe HTML for an editor's text, in paragraphs. Cached: the same texts render on
    every page."""
    return mark_safe(_clean(_parser().render(text or "")))  # sanitised by nh3


@lru_cache(maxsize=4096)
def render_inline(text):
    """The same for a short text that stands inside a paragraph: links and emphasis, no
    paragraphs of its own."""
    return mark_safe(_clean(_parser().renderInline(text or "")))  # sanitised by nh3


def plain_text(text):
    """The words of an editor's text without its markup, for search, meta descriptions
    and structured data."""
    tokens = _parser().parse(text or "")
    words = []
    for token in tokens:
        if token.type in ("paragraph_close", "list_item_close"):
            words.append("\n")
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
    return re.sub(r"[ \t]*\n+[ \t]*", "\n", "".join(words)).strip()


def links(text):
    """The addresses an editor's text links to, in order."""
    found = []
    for token in _parser().parse(text or ""):
        for child in token.children or ():
            if child.type == "link_open":
                found.append(child.attrs.get("href", ""))
    return found
