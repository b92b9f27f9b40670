"""What other apps say about an article, shown on the article's own page ("Cited by").

The law knows nothing of the apps that cite it. An app that cites articles registers a
function in its ``AppConfig.ready()``::

    from articles import backlinks

    backlinks.register(cited_by)

The function takes the request and the article and returns HTML (rendered from the app's
own template, with its own heading) or ``""`` when it has nothing to show. The article page
shows what every registered function returns, in the order they were registered; with none
registered (the law on its own), the page has no "Cited by" section at all.
"""

from django.utils.safestring import mark_safe

_providers = []


def register(provider):
    if provider not in _providers:
        _providers.append(provider)
    return provider


def for_article(request, article):
    """The HTML every registered app gives for ``article``, joined."""
    # Each provider renders its own template, which escapes what it shows.
    return mark_safe("".join(str(provider(request, article)) for provider in _providers))
