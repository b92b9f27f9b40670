"""Help in the same place on every page (WCAG 2.2 SC 3.2.6, consistent help): the 12333
hotline, the notice that this is an independent guide and not an official website, and a
short warning about scams; the same block, word for word, in the footer of every page type
(error pages included), in both languages and both text sizes."""

import re

import pytest
from django.test import RequestFactory
from django.utils.translation import override

from guide_site.views import server_error, service_unavailable, too_many_requests
from tests.browser.pages import LANGUAGES, PAGE_TYPES

pytestmark = pytest.mark.django_db

HELP = re.compile(r'<section class="site-help" id="help".*?</section>', re.S)
WORDS = {
    "en": (
        'href="tel:12333"',
        "An independent guide, not an official government website.",
        "Beware of scams",
    ),
    "zh-hans": ('href="tel:12333"', "不是政府官方网站", "谨防诈骗"),
}


def help_block(html):
    """The help block, and what stands after it in the footer's markup (it is the footer's
    first block on every page)."""
    blocks = HELP.findall(html)
    assert len(blocks) == 1, "one help block"
    footer = html[html.index('<footer class="site-footer">') :]
    assert footer.index(blocks[0]) < footer.index("</footer>"), "the help is in the footer"
    return blocks[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_has_the_same_help_in_the_footer(client, language):
    seen = {}
    for mode in ("", "/large"):
        for page_type in PAGE_TYPES:
            response = client.get(f"{mode}/{language}/{page_type.path}")
            assert response.status_code == page_type.status, page_type.name
            seen[f"{mode}{page_type.name}"] = help_block(response.content.decode())
    first = next(iter(seen.values()))
    for words in WORDS[language]:
        assert words in first
    different = [name for name, block in seen.items() if block != first]
    assert different == [], "the help differs on these pages"


@pytest.mark.parametrize("language", LANGUAGES)
def test_error_pages_have_the_same_help(client, language):
    normal = help_block(client.get(f"/{language}/").content.decode())
    request = RequestFactory().get(f"/{language}/")
    with override(language):
        pages = {
            "429": too_many_requests(request, 60),
            "503": service_unavailable(request),
            "500": server_error(request),
        }
    for status, response in pages.items():
        assert str(response.status_code) == status
        assert help_block(response.content.decode()) == normal, status
