"""The public page cache: hits cost no query, editors' saves show on the next request,
signed-in editors and the admin never touch it, and readers and proxies are told how long
they may keep a page."""

import gzip
import io
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from channels.models import Channel, FAQPage
from guide_site.pagecache import FileGeneration, generation, reset_generation_store
from tests import factories

pytestmark = pytest.mark.django_db

FAQ = "/en/questions/cached-question/"


@pytest.fixture(autouse=True)
def faq():
    """The FAQ page at FAQ: a channel that asks for a document, and a citation."""
    document = factories.document(name_en="Zorblex booklet")
    return factories.faq_page(
        slug="cached-question",
        steps=[factories.channel(documents=[document])],
        citations=[factories.article()],
    )


def get(client, path, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, headers=headers)
    response.queries = len(queries)
    return response


def test_second_request_is_a_hit_with_no_query_and_the_same_page(client):
    first = get(client, FAQ)
    second = get(client, FAQ)
    assert first["X-Page-Cache"] == "miss" and first.queries > 0
    assert second["X-Page-Cache"] == "hit"
    assert second.queries == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"] == "text/html; charset=utf-8"
    # Headers added around the cache are on hits too.
    for header in ("Content-Security-Policy", "X-Frame-Options", "Permissions-Policy"):
        assert second[header] == first[header]


def test_public_pages_may_be_kept_by_browsers_and_shared_caches(client, settings):
    for response in (get(client, FAQ), get(client, FAQ)):
        control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert control == {
            "public",
            f"max-age={settings.PAGE_CACHE_MAX_AGE}",
            f"s-maxage={settings.PAGE_CACHE_SHARED_MAX_AGE}",
        }
        assert response["Vary"] == "Accept-Encoding"
        assert "Set-Cookie" not in response and not response.cookies
        assert re.fullmatch(r'W/"[0-9a-f]{32}"', response["ETag"])
        assert response["Last-Modified"].endswith(" GMT")


def test_conditional_requests_get_304_without_a_body(client):
    first = get(client, FAQ)
    again = get(client, FAQ, if_none_match=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    since = get(client, FAQ, if_modified_since=first["Last-Modified"])
    assert since.status_code == 304
    stale = get(client, FAQ, if_none_match='W/"0123"')
    assert stale.status_code == 200 and stale.content == first.content


def test_pages_are_sent_compressed_to_readers_that_accept_it(client):
    plain = get(client, FAQ)
    for _ in range(2):  # the miss and the hit
        packed = get(client, FAQ, accept_encoding="gzip, deflate, br")
        assert packed["Content-Encoding"] == "gzip"
        assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content) / 2
        assert gzip.decompress(packed.content) == plain.content


def test_an_edit_saved_in_the_admin_shows_on_the_next_request(staff_client, faq):
    from tests.channels.test_admin import _faq_form_data

    client = Client()  # a reader, beside the signed-in editor
    before = get(client, FAQ)
    assert get(client, FAQ)["X-Page-Cache"] == "hit"
    page = faq
    data = _faq_form_data(page)
    data["short_answer_en"] = "Ring 12333 and listen."
    response = staff_client.post(reverse("admin:channels_faqpage_change", args=[page.pk]), data)
    assert response.status_code == 302
    after = get(client, FAQ, if_none_match=before["ETag"])
    assert after.status_code == 200
    assert after["X-Page-Cache"] == "miss"
    assert "Ring 12333 and listen." in after.content.decode()
    assert after["ETag"] != before["ETag"]
    # The home page shows the short answer too, and was dropped with everything else.
    assert "Ring 12333 and listen." in get(client, "/en/").content.decode()


def test_deleting_and_relinking_content_also_drops_cached_pages(client, faq):
    assert "Zorblex booklet" in get(client, "/en/ways/").content.decode()
    assert get(client, "/en/ways/")["X-Page-Cache"] == "hit"
    document = faq.steps.get().channel.documents.get()
    for channel in Channel.objects.filter(documents=document):
        channel.documents.remove(document)  # m2m_changed, no save
    refreshed = get(client, "/en/ways/")
    assert refreshed["X-Page-Cache"] == "miss"
    assert "Zorblex booklet" not in refreshed.content.decode()
    assert document.anchor in get(client, "/en/documents/").content.decode()
    document.delete()
    assert document.anchor not in get(client, "/en/documents/").content.decode()


def test_signed_in_editors_bypass_the_cache_and_their_pages_are_private(staff_client):
    client = Client()
    staff = get(staff_client, FAQ)
    assert staff["X-Page-Cache"] == "bypass"
    assert staff["Cache-Control"] == "private, no-store"
    assert get(staff_client, FAQ)["X-Page-Cache"] == "bypass"
    # What the editor saw was not stored for the public.
    assert get(client, FAQ)["X-Page-Cache"] == "miss"
    # And a page the public cached is not what the editor gets.
    assert get(staff_client, FAQ)["X-Page-Cache"] == "bypass"


def test_the_admin_is_never_cached(staff_client):
    client = Client()
    login = reverse("admin:login")
    for _ in range(2):
        response = client.get(login)
        assert "X-Page-Cache" not in response
        assert "public" not in response.get("Cache-Control", "")
    index = staff_client.get(reverse("admin:index"))
    assert index["Cache-Control"] == "private, no-store"


def test_posts_are_refused_by_public_pages_and_never_cached(client):
    get(client, FAQ)
    response = client.post(FAQ, {"question": "x"})
    assert response.status_code == 405
    assert "X-Page-Cache" not in response
    assert get(client, FAQ)["X-Page-Cache"] == "hit"


def test_query_parameters_a_page_does_not_read_do_not_make_another_page(client):
    """Made-up query strings cannot make the site render afresh or fill the cache, and what
    a visitor adds to a URL does not end up in the stored page."""
    assert get(client, "/en/?utm_source=a")["X-Page-Cache"] == "miss"
    for path in ("/en/?utm_source=b", "/en/", "/en/?utm_source=a&ref=%22%3E"):
        hit = get(client, path)
        assert hit["X-Page-Cache"] == "hit" and hit.queries == 0, path
        assert "utm_source" not in hit.content.decode()


def test_query_parameters_a_page_reads_make_pages_of_their_own(client):
    first = get(client, "/en/search/?q=card&utm_source=a")
    assert first["X-Page-Cache"] == "miss"
    # The language switch repeats the search, not what else was in the URL.
    assert 'href="/zh-hans/search/?q=card"' in first.content.decode()
    assert get(client, "/en/search/?q=card")["X-Page-Cache"] == "hit"
    assert get(client, "/en/search/?q=law")["X-Page-Cache"] == "miss"
    # The finder's parameters are its questions, named by the content: every query string
    # is a page of its own there.
    finder = "/en/finder/balance/?card=yes"
    assert get(client, finder)["X-Page-Cache"] == "miss"
    assert get(client, finder + "&other=1")["X-Page-Cache"] == "miss"
    assert get(client, finder)["X-Page-Cache"] == "hit"


def test_not_found_pages_are_not_cached(client):
    for _ in range(2):
        response = get(client, "/en/questions/no-such-question/")
        assert response.status_code == 404
        assert "X-Page-Cache" not in response
        assert "public" not in response.get("Cache-Control", "")


def test_each_language_is_its_own_page(client):
    english = get(client, FAQ)
    chinese = get(client, "/zh-hans/questions/cached-question/")
    assert chinese["X-Page-Cache"] == "miss"
    assert english.content != chinese.content
    assert 'lang="zh-Hans"' in get(client, "/zh-hans/questions/cached-question/").content.decode()


def test_the_site_answers_without_a_cache(client):
    """A Redis that is not there costs the cache, not the page."""
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    with override_settings(CACHES=unreachable):
        reset_generation_store()
        try:
            response = get(client, FAQ)
            assert response.status_code == 200
            assert response["X-Page-Cache"] == "error"
            assert 'id="legal-basis"' in response.content.decode()
            # Saving still works; the stale-page guard logs instead of failing the save.
            Channel.objects.first().save()
        finally:
            reset_generation_store()
    cache.clear()


def test_a_file_generation_is_seen_by_every_process(tmp_path):
    """With a per-process cache, workers share the generation through a file."""
    one, other = FileGeneration(tmp_path / "gen"), FileGeneration(tmp_path / "gen")
    elsewhere = FileGeneration(tmp_path / "another-site")
    before, apart = one.lookup("k")[0], elsewhere.lookup("k")[0]
    assert other.lookup("k")[0] == before
    other.bump()
    assert one.lookup("k")[0] != before
    assert elsewhere.lookup("k")[0] == apart  # another file, another site


def test_the_local_memory_cache_keeps_its_generation_in_var(settings):
    """What each gunicorn worker picks with the default cache (the tests themselves keep
    the generation in their cache, see tests/conftest.py)."""
    reset_generation_store()
    try:
        store = generation()
        assert isinstance(store, FileGeneration)
        assert store.path == settings.PAGE_CACHE_GENERATION_FILE
        assert store.path.parent == settings.VAR_DIR
    finally:
        reset_generation_store()


def test_static_files_are_fingerprinted_immutable_and_compressed(production_static_files, client):
    html = client.get("/en/").content.decode()
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html).group(1)
    response = client.get(css, headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    assert "max-age=315360000" in response["Cache-Control"]
    assert response["Content-Encoding"] == "gzip"
    plain = client.get("/static/css/site.css")
    assert "immutable" not in plain["Cache-Control"]


def test_a_page_that_used_a_csp_nonce_is_never_replayed(rf):
    """A nonce must be new in every response, so such a page is not stored."""
    from django.http import HttpResponse
    from django.utils.csp import LazyNonce

    from guide_site.pagecache import PageCacheMiddleware, public_page

    @public_page
    def with_nonce(request):
        return HttpResponse(f'<script nonce="{request._csp_nonce}"></script>')

    @public_page
    def without(request):
        return HttpResponse("<p>plain</p>")

    for view, stored in ((with_nonce, False), (without, True)):
        middleware = PageCacheMiddleware(view)
        answers = []
        for _ in range(2):
            request = rf.get(f"/{view.__name__}/")
            request._csp_nonce = LazyNonce()
            answers.append(middleware(request))
        assert (answers[1].get("X-Page-Cache") == "hit") is stored


def test_changes_that_send_no_signal_are_published_by_invalidatepages(client):
    from django.core.management import call_command

    get(client, FAQ)
    FAQPage.objects.filter(slug="cached-question").update(question_en="Updated without a signal")
    assert "Updated without a signal" not in get(client, FAQ).content.decode()  # still cached
    call_command("invalidatepages", stdout=io.StringIO())
    assert "Updated without a signal" in get(client, FAQ).content.decode()


def test_a_cache_time_of_zero_keeps_nothing(client, settings):
    """What `make bench` uses to measure pages rendered afresh."""
    settings.PAGE_CACHE_SECONDS = 0
    for _ in range(2):
        response = get(client, FAQ)
        assert response["X-Page-Cache"] == "miss" and response.queries > 0
