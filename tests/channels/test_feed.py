"""The Atom feed of the guide's change notes, one per language: valid Atom, newest first,
published pages only, linked from the pages that list updates, and cached like any public
page."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from channels.models import FAQPage
from tests import factories

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def pages():
    """Two published pages and a draft, with notes on dates after the shipped ones."""
    older = factories.faq_page(slug="feed-older", question_en="Older question?")
    factories.change_note(older, date=datetime.date(2031, 3, 1), note_en="Older change.")
    newer = factories.faq_page(
        slug="feed-newer", question_en="Newer question?", question_zh_hans="较新的问题？"
    )
    factories.change_note(
        newer, date=datetime.date(2031, 5, 1), note_en="Newer change.", note_zh_hans="较新的修改。"
    )
    draft = factories.faq_page(slug="feed-draft", status=FAQPage.Status.DRAFT)
    factories.change_note(draft, date=datetime.date(2031, 6, 1), note_en="Secret draft change.")
    return older, newer, draft


def feed(client, language):
    response = client.get(f"/{language}/updates/feed/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return response, ET.fromstring(response.content)


def entries(root):
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "summary": entry.findtext(f"{ATOM}summary"),
            "updated": entry.findtext(f"{ATOM}updated"),
            "id": entry.findtext(f"{ATOM}id"),
            "link": entry.find(f"{ATOM}link").get("href"),
        }
        for entry in root.findall(f"{ATOM}entry")
    ]


def test_feed_is_atom_with_what_atom_requires(client, pages):
    _response, root = feed(client, "en")
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    # RFC 4287: a feed has an id, a title, an updated date and a self link; so has every entry
    # (but the self link).
    for name in ("id", "title", "updated"):
        assert root.findtext(f"{ATOM}{name}")
    self_link = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert [link.get("href") for link in self_link] == ["http://testserver/en/updates/feed/"]
    found = entries(root)
    assert found
    for entry in found:
        assert entry["id"] and entry["title"] and entry["updated"] and entry["link"]
        datetime.datetime.fromisoformat(entry["updated"])
    assert len({entry["id"] for entry in found}) == len(found), "entry ids are unique"


def test_newest_first_and_no_drafts(client, pages):
    _response, root = feed(client, "en")
    found = entries(root)
    dates = [datetime.datetime.fromisoformat(entry["updated"]) for entry in found]
    assert dates == sorted(dates, reverse=True)
    assert [(e["title"], e["summary"]) for e in found[:2]] == [
        ("Newer question?", "Newer change."),
        ("Older question?", "Older change."),
    ]
    assert found[0]["link"] == "http://testserver/en/questions/feed-newer/#page-history"
    assert found[0]["updated"].startswith("2031-05-01T00:00:00")
    assert not any("Secret draft change." in (entry["summary"] or "") for entry in found)
    assert not any("feed-draft" in entry["link"] for entry in found)


def test_one_feed_per_language(client, pages):
    _response, english = feed(client, "en")
    _response, chinese = feed(client, "zh-hans")
    assert chinese.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-Hans"
    assert chinese.findtext(f"{ATOM}title") == "北京社保卡指南：更新"
    first = entries(chinese)[0]
    assert (first["title"], first["summary"]) == ("较新的问题？", "较新的修改。")
    assert first["link"] == "http://testserver/zh-hans/questions/feed-newer/#page-history"
    # The same note is an entry of its own in each language.
    assert first["id"] != entries(english)[0]["id"]


def test_feed_is_cached_and_sets_no_cookie(client, pages):
    first, _root = feed(client, "en")
    second, _root = feed(client, "en")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert not first.cookies and not second.cookies
    assert "public" in first["Cache-Control"]
    assert "cookie" not in first.get("Vary", "").lower()


def test_large_text_address_leads_to_the_feed(client):
    response = client.get("/large/en/updates/feed/")
    assert response.status_code == 301
    assert response["Location"] == "/en/updates/feed/"


@pytest.mark.parametrize(
    "path", ["/en/questions/feed-newer/", "/en/questions/feed-newer/updates/", "/en/"]
)
def test_pages_with_updates_link_to_the_feed(client, pages, path):
    html = client.get(path).content.decode()
    assert '<link rel="alternate" type="application/atom+xml" href="/en/updates/feed/"' in html
    if "questions" in path:
        assert '<a href="/en/updates/feed/" type="application/atom+xml">' in html
