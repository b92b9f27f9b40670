"""FAQ pages describe themselves to search engines as schema.org FAQPage (JSON-LD)."""

import pytest

from tests import factories
from tests.html import parse

pytestmark = pytest.mark.django_db

HOST = "http://testserver"


@pytest.mark.parametrize("language,bcp47", [("en", "en"), ("zh-hans", "zh-Hans")])
def test_faq_page_carries_faqpage_with_its_question_and_answer(client, language, bcp47):
    law = factories.law()
    model = factories.faq_page(
        citations=[(factories.article(law, number=74, paragraphs=4), 4), factories.article(law)]
    )
    path = f"/{language}/questions/{model.slug}/"
    page = parse(client.get(path))
    [faq] = page.json_ld_of_type("FAQPage")
    assert faq["@context"] == "https://schema.org"
    assert faq["url"] == f"{HOST}{path}"
    assert faq["inLanguage"] == bcp47
    [question] = faq["mainEntity"]
    assert question["@type"] == "Question"
    expected_question = model.question_en if language == "en" else model.question_zh_hans
    assert question["name"] == expected_question
    # The question's URL points at the question's anchor on the page, the answer's at the
    # short answer; both anchors exist.
    assert question["url"] == f"{HOST}{path}#question"
    answer = question["acceptedAnswer"]
    assert answer["@type"] == "Answer"
    assert answer["url"] == f"{HOST}{path}#short-answer"
    assert {"question", "short-answer"} <= set(page.ids)
    expected_answer = model.short_answer_en if language == "en" else model.short_answer_zh_hans
    assert answer["text"] == expected_answer
    # The answer cites the law, at the provisions the page links to.
    cited = [c["@id"] for c in answer["citation"]]
    assert cited == [
        f"{HOST}/{language}/law/{law.slug}/#article-74-4",
        f"{HOST}/{language}/law/{law.slug}/#article-75",
    ]
    assert all(c["@type"] == "Legislation" for c in answer["citation"])


def test_faq_page_has_a_breadcrumb_list_matching_the_breadcrumbs(client):
    faq = factories.faq_page(question_en="How do I activate my card?")
    page = parse(client.get(f"/en/questions/{faq.slug}/"))
    [trail] = page.json_ld_of_type("BreadcrumbList")
    items = trail["itemListElement"]
    assert [item["position"] for item in items] == [1, 2]
    assert items[0] == {"@type": "ListItem", "position": 1, "name": "Home", "item": f"{HOST}/en/"}
    assert items[1]["name"] == "How do I activate my card?"
    assert items[1]["item"] == f"{HOST}/en/questions/{faq.slug}/"


def test_home_has_no_faqpage_and_no_breadcrumbs(client):
    page = parse(client.get("/en/"))
    assert page.json_ld_of_type("FAQPage") == []
    assert page.json_ld_of_type("BreadcrumbList") == []


def test_structured_data_cannot_break_out_of_its_script_element(client):
    """Editors type the question; a question holding </script> stays data."""
    page = factories.faq_page(question_en="</script><script>alert(1)</script> & <!-- more?")
    html = client.get(f"/en/questions/{page.slug}/").content.decode()
    head = html.split("</head>")[0]
    assert "<script>alert(1)" not in head
    assert "\\u003C/script\\u003E" in head
    [faq] = parse(html).json_ld_of_type("FAQPage")
    assert faq["name"] == "</script><script>alert(1)</script> & <!-- more?"
