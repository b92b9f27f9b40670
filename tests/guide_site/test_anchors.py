"""The content check finds editors' broken links without rendering pages: it reads every
page's #anchors from the content (guide_site.contentapps.page_anchors). Here every page is
rendered, and every anchor listed for it must be on it."""

import pytest
from django.utils import translation

from guide_site.contentapps import page_anchors
from tests import shipped
from tests.html import parse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_listed_anchor_is_on_its_rendered_page(client, language):
    with translation.override(language):
        pages = page_anchors()
    law, articles = shipped.law()
    assert f"/{language}/questions/{shipped.faq_pages()[0]}/" in pages
    assert f"/{language}/law/{law}/article/{articles}/" in pages
    missing = {}
    for path, anchors in pages.items():
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        absent = anchors - set(parse(response).ids)
        if absent:
            missing[path] = sorted(absent)
    assert missing == {}
