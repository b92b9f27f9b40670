"""The law and each article describe themselves as schema.org Legislation (JSON-LD)."""

import pytest

from articles.models import Law
from tests import factories
from tests.html import parse

pytestmark = pytest.mark.django_db

HOST = "http://testserver"
SCHEMA = "https://schema.org"


@pytest.fixture
def sample():
    """A law of our own (its article 74 has a paragraph), named as the Social Insurance Law
    is: an official Chinese title, an English one, dates."""
    law = factories.law(
        slug="sample-law",
        title_zh_hans="中华人民共和国示例法",
        title_en="Sample Law of the People's Republic of China",
        short_title_zh_hans="示例法",
        short_title_en="Sample Law",
        adopted_on="2010-10-28",
        amended_on="2018-12-29",
        in_force_on="2011-07-01",
    )
    factories.article(law, number=74, paragraphs=1)
    return law


def test_the_whole_law_is_legislation(client, sample):
    page = parse(client.get("/en/law/sample-law/"))
    [law] = page.json_ld_of_type("Legislation")
    assert law["@context"] == SCHEMA
    assert law["@id"] == law["url"] == f"{HOST}/en/law/sample-law/"
    assert law["name"] == "Sample Law of the People's Republic of China"
    assert law["legislationIdentifier"] == "中华人民共和国示例法"
    assert law["legislationDate"] == "2010-10-28"
    assert law["legislationDateOfApplicability"] == "2011-07-01"
    assert law["legislationDateVersion"] == "2018-12-29"
    assert law["legislationLegalForce"] == f"{SCHEMA}/InForce"
    # The English text is this site's translation, with no legal force; legal value is a
    # property of the text as published (a LegislationObject), not of the law.
    assert "legislationLegalValue" not in law
    assert law["encoding"] == {
        "@type": "LegislationObject",
        "contentUrl": f"{HOST}/en/law/sample-law/",
        "encodingFormat": "text/html",
        "inLanguage": "en",
        "legislationLegalValue": f"{SCHEMA}/UnofficialLegalValue",
    }
    # The text shown is the law as adopted, consolidated with the 2018 amendment.
    original, amendment = law["legislationConsolidates"]
    assert original == {
        "@type": "Legislation",
        "legislationIdentifier": "中华人民共和国示例法",
        "legislationDate": "2010-10-28",
    }
    assert amendment == {
        "@type": "Legislation",
        "legislationDate": "2018-12-29",
        "legislationAmends": {"@id": f"{HOST}/en/law/sample-law/"},
    }
    assert law["legislationJurisdiction"] == "CN"
    assert law["inLanguage"] == "en"
    assert law["isPartOf"] == {
        "@type": "WebSite",
        "@id": f"{HOST}/en/",
        "url": f"{HOST}/en/",
        "name": "Beijing social security card guide",
    }
    [trail] = page.json_ld_of_type("BreadcrumbList")
    assert [item["name"] for item in trail["itemListElement"]] == [
        "Home",
        "The law",
        "Sample Law",
    ]


def test_the_chinese_text_is_the_official_one(client, sample):
    """Copied from the official database, which it names; official, but not the
    authoritative publication itself."""
    Law.objects.filter(slug="sample-law").update(source_url="https://flk.npc.gov.cn/")
    page = parse(client.get("/zh-hans/law/sample-law/"))
    [law] = page.json_ld_of_type("Legislation")
    assert law["name"] == "中华人民共和国示例法"
    assert law["inLanguage"] == "zh-Hans"
    assert law["encoding"]["inLanguage"] == "zh-Hans"
    assert law["encoding"]["legislationLegalValue"] == f"{SCHEMA}/OfficialLegalValue"
    assert law["isBasedOn"] == "https://flk.npc.gov.cn/"


def test_a_law_never_amended_has_no_version(client, sample):
    Law.objects.filter(slug="sample-law").update(amended_on=None)
    [law] = parse(client.get("/en/law/sample-law/")).json_ld_of_type("Legislation")
    assert "legislationDateVersion" not in law
    assert "legislationConsolidates" not in law


@pytest.mark.parametrize(
    "language,name,bcp47",
    [
        ("en", "Sample Law Article 74", "en"),
        ("zh-hans", "示例法 第七十四条", "zh-Hans"),
    ],
)
def test_each_article_is_legislation_that_is_part_of_the_law(client, sample, language, name, bcp47):
    path = f"/{language}/law/sample-law/article/74/"
    page = parse(client.get(path))
    [article] = page.json_ld_of_type("Legislation")
    assert article["@id"] == article["url"] == f"{HOST}{path}"
    assert article["name"] == name
    assert article["legislationIdentifier"] == "中华人民共和国示例法第七十四条"
    assert article["isPartOf"]["@type"] == "Legislation"
    assert article["isPartOf"]["@id"] == f"{HOST}/{language}/law/sample-law/"
    assert article["isPartOf"]["legislationIdentifier"] == "中华人民共和国示例法"
    assert article["sameAs"] == f"{HOST}/{language}/law/sample-law/#article-74"
    assert article["legislationDate"] == "2010-10-28"
    assert article["legislationLegalForce"] == f"{SCHEMA}/InForce"
    assert article["legislationDateOfApplicability"] == "2011-07-01"
    assert article["inLanguage"] == bcp47
    assert article["encoding"]["contentUrl"] == f"{HOST}{path}"
    assert article["encoding"]["legislationLegalValue"] == f"{SCHEMA}/" + (
        "OfficialLegalValue" if language == "zh-hans" else "UnofficialLegalValue"
    )
    assert article["alternateName"] == [
        "《中华人民共和国示例法》第七十四条",
        "Sample Law of the PRC, Art. 74",
    ]
    [trail] = page.json_ld_of_type("BreadcrumbList")
    items = trail["itemListElement"]
    assert [item["position"] for item in items] == [1, 2, 3, 4]
    assert items[-1]["item"] == f"{HOST}{path}"
    assert items[2]["item"] == f"{HOST}/{language}/law/sample-law/"


def test_a_law_not_yet_in_force_says_so(client, sample):
    Law.objects.filter(slug="sample-law").update(in_force_on="2099-01-01")
    [law] = parse(client.get("/en/law/sample-law/")).json_ld_of_type("Legislation")
    assert law["legislationLegalForce"] == f"{SCHEMA}/NotInForce"
