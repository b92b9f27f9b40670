"""A client can make the site render only so many pages a minute at addresses it chose
(searches, finder answers, error pages, pages asked for with a session cookie); past that it
gets a 429 page in the site's layout. Pages from the cache and renders of the site's own
addresses never count."""

from unittest import mock

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db

LIMIT = 3


@pytest.fixture(autouse=True)
def small_limit(settings):
    """A limit of three answers: each is charged one unit here, whatever its CPU time (a
    unit of ten seconds); the tests of weighing by cost use the real unit."""
    settings.RENDER_LIMIT = LIMIT
    settings.RENDER_UNIT_SECONDS = 10.0


def reader(address="198.51.100.7", **headers):
    return Client(REMOTE_ADDR=address, headers=headers)


def searches(client, words, lang="en"):
    return [client.get(f"/{lang}/search/", {"q": word}) for word in words]


def assert_refused(response, lang="en"):
    assert response.status_code == 429
    assert response["Retry-After"] == "30"  # the clock stands 30 s into a minute (conftest)
    assert "no-store" in response["Cache-Control"]  # private too, with a session cookie
    assert "Set-Cookie" not in response
    # In the site's layout, with its headers, in the address's language.
    assert "Content-Security-Policy" in response
    html = response.content.decode()
    assert '<header class="site-header"' in html and 'href="tel:12333"' in html
    title = "Too many requests" if lang == "en" else "请求过于频繁"
    assert f"<h1>{title}</h1>" in html
    assert 'content="noindex"' in html


def test_searches_past_the_limit_get_a_429_page():
    client = reader()
    answers = searches(client, ["card", "balance", "bank", "pharmacy"])
    assert [a.status_code for a in answers[:LIMIT]] == [200] * LIMIT
    assert_refused(answers[LIMIT])


def test_the_429_page_is_in_chinese_on_chinese_addresses():
    client = reader()
    *_, refused = searches(client, ["社保卡", "余额", "激活", "银行"], lang="zh-hans")
    assert_refused(refused, lang="zh-hans")


def test_pages_from_the_cache_are_still_served_to_a_client_past_the_limit():
    client = reader()
    client.get("/en/ways/")
    searches(client, ["card", "balance", "bank", "pharmacy", "doctor"])
    again = searches(client, ["card"])[0]  # rendered before the limit: now from the cache
    assert again.status_code == 200 and again["X-Page-Cache"] == "hit"
    page = client.get("/en/ways/")
    assert page.status_code == 200 and page["X-Page-Cache"] == "hit"


def test_renders_of_the_sites_own_addresses_count_once_then_come_from_the_cache(settings):
    client = reader()
    article = factories.article()
    pages = [
        "/en/",
        "/zh-hans/",
        f"/en/questions/{factories.faq_page().slug}/",
        "/en/ways/",
        "/en/documents/",
        "/en/law/",
        f"/en/law/{article.law.slug}/article/{article.number}/",
        "/en/search/",  # the empty search, one page like any other
    ]
    settings.RENDER_LIMIT = len(pages) + 1
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200 and response["X-Page-Cache"] == "miss", path
    for path in pages:
        assert client.get(path)["X-Page-Cache"] == "hit", path  # free
    first, second = searches(client, ["card", "bank"])
    assert first.status_code == 200
    assert_refused(second)


def test_every_answer_not_from_a_cache_counts_whatever_its_method_or_status():
    """Posts (valid, invalid, from another site), other methods and redirects all cost work."""
    client = reader()
    answers = [
        client.post("/en/feedback/useful/", {"useful": "maybe"}, headers={"Origin": ""}),
        client.put("/en/feedback/useful/"),
        client.post("/en/feedback/useful/", {"useful": "yes"}, headers={"Origin": "https://x"}),
    ]
    assert [a.status_code for a in answers] == [403, 405, 403]
    assert_refused(client.get("/en/feedback/thanks/"))
    assert_refused(client.post("/en/feedback/useful/", {"useful": "yes"}))


def test_costly_answers_cost_more_of_the_allowance(settings):
    """Charged by CPU time, not by count: searches (the costliest answers a visitor can ask
    for) use up more of the allowance than as many 404 pages, and each costs at least one."""
    from guide_site import ratelimit

    settings.RENDER_UNIT_SECONDS = 0.010
    settings.RENDER_LIMIT = 100_000
    searcher, lost = reader("198.51.100.20"), reader("198.51.100.21")
    for n in range(3):  # new pages each time (cache misses)
        assert searcher.get("/en/search/", {"q": f"card balance bank {n}"}).status_code == 200
        assert lost.get(f"/en/questions/no-such-page-{n}/").status_code == 404
    cost = {
        name: ratelimit.spent(RequestFactory().get("/", REMOTE_ADDR=address), "renders", 60)
        for name, address in (("search", "198.51.100.20"), ("404", "198.51.100.21"))
    }
    assert cost["search"] > cost["404"] >= 3, cost


def test_made_up_query_strings_on_pages_that_read_none_do_not_count():
    client = reader()
    for n in range(LIMIT + 2):
        assert client.get("/en/", {"utm_source": n}).status_code == 200
    assert searches(client, ["card"])[0].status_code == 200


def test_error_pages_count():
    client = reader()
    for n in range(LIMIT):
        assert client.get(f"/en/questions/no-such-page-{n}/").status_code == 404
    assert_refused(client.get("/en/questions/no-such-page-x/"))


def test_finder_answers_count():
    client = reader()
    answers = ["yes", "no"]
    for n in range(LIMIT):
        query = {"card": answers[n % 2], "password": answers[n // 2 % 2], "app": "yes"}
        assert client.get("/en/finder/balance/result/", query).status_code in (200, 400)
    assert_refused(client.get("/en/finder/balance/result/", {"card": "no", "app": "no"}))


def test_a_made_up_session_cookie_does_not_get_round_the_limit():
    # The page cache passes by requests with a session cookie, so each one is a render.
    client = reader()
    client.cookies["sessionid"] = "made-up"
    for _ in range(LIMIT):
        assert client.get("/en/").status_code == 200
    assert_refused(client.get("/en/"))


def test_each_client_has_its_own_limit():
    searches(reader("198.51.100.7"), ["card", "balance", "bank", "pharmacy"])
    assert searches(reader("198.51.100.8"), ["doctor"])[0].status_code == 200


def test_behind_a_trusted_proxy_the_client_address_is_its_x_real_ip():
    # nginx on loopback names the client in X-Real-IP.
    searches(reader("127.0.0.1", x_real_ip="198.51.100.7"), ["card", "balance", "bank"])
    assert_refused(searches(reader("127.0.0.1", x_real_ip="198.51.100.7"), ["doctor"])[0])
    other = searches(reader("127.0.0.1", x_real_ip="198.51.100.8"), ["doctor"])[0]
    assert other.status_code == 200


def test_anyone_else_cannot_pick_an_address_with_x_real_ip():
    for n in range(LIMIT):
        client = reader("203.0.113.9", x_real_ip=f"198.51.100.{n}")
        assert searches(client, [f"word{n}"])[0].status_code == 200
    assert_refused(searches(reader("203.0.113.9", x_real_ip="198.51.100.99"), ["x"])[0])


def test_a_load_balancer_can_be_trusted_too(settings):
    settings.TRUSTED_PROXIES = frozenset({"10.0.0.2"})
    searches(reader("10.0.0.2", x_real_ip="198.51.100.7"), ["card", "balance", "bank"])
    assert searches(reader("10.0.0.2", x_real_ip="198.51.100.8"), ["doctor"])[0].status_code == 200


def test_zero_turns_the_limit_off(settings):
    settings.RENDER_LIMIT = 0
    client = reader()
    words = [f"word{n}" for n in range(LIMIT * 3)]
    assert {a.status_code for a in searches(client, words)} == {200}


def test_without_a_cache_pages_are_still_served(caplog):
    broken = mock.Mock(side_effect=ConnectionError("cache down"))
    with (
        mock.patch("guide_site.ratelimit.spent", broken),
        mock.patch("guide_site.ratelimit.spend", broken),
    ):
        answers = searches(reader(), ["card", "balance", "bank", "pharmacy"])
    assert {a.status_code for a in answers} == {200}
    assert "Render limit unavailable" in caplog.text


def test_refusing_costs_no_database_query():
    client = reader()
    searches(client, ["card", "balance", "bank"])
    with CaptureQueriesContext(connection) as queries:
        refused = searches(client, ["pharmacy"])[0]
    assert refused.status_code == 429
    assert len(queries) == 0


@pytest.mark.browser
def test_the_429_page_is_valid_html_in_both_languages(tmp_path):
    from tests.browser.test_valid_html import problems, vnu

    for n, lang in enumerate(("en", "zh-hans")):
        client = reader(f"198.51.100.{10 + n}")
        *_, refused = searches(client, ["card", "balance", "bank", "pharmacy"], lang=lang)
        assert refused.status_code == 429
        (tmp_path / f"429-{lang}.html").write_bytes(refused.content)
    checked = vnu(tmp_path / "429-en.html", tmp_path / "429-zh-hans.html")
    for lang in ("en", "zh-hans"):
        found = problems(checked.get(f"429-{lang}.html", []))
        assert found == [], "\n".join(found)


def test_a_new_minute_brings_a_new_allowance(monkeypatch):
    from guide_site import ratelimit
    from tests.conftest import RATE_LIMIT_CLOCK

    client = reader()
    *_, refused = searches(client, ["card", "balance", "bank", "pharmacy"])
    assert refused.status_code == 429
    monkeypatch.setattr(ratelimit, "_clock", lambda: RATE_LIMIT_CLOCK + 29.9)
    assert searches(client, ["doctor"])[0].status_code == 429  # still the same minute
    monkeypatch.setattr(ratelimit, "_clock", lambda: RATE_LIMIT_CLOCK + 30)
    assert searches(client, ["doctor"])[0].status_code == 200


def test_the_outage_page_and_the_health_checks_do_not_count(monkeypatch):
    from django.db import OperationalError

    client = Client(REMOTE_ADDR="198.51.100.7", raise_request_exception=False)

    def database_away(*args, **kwargs):
        raise OperationalError("could not connect to server")

    with monkeypatch.context() as patch:
        patch.setattr("django.db.backends.utils.CursorWrapper.execute", database_away)
        for n in range(LIMIT + 2):
            assert client.get(f"/en/search/?q=outage{n}").status_code == 503
            assert client.get("/readyz").status_code == 503
    assert client.get("/healthz").status_code == 200
    assert searches(client, ["card"])[0].status_code == 200


def _count_in_a_process(path, key, times):
    from guide_site.ratelimit import SQLiteCounters

    counters = SQLiteCounters(path)
    return [counters.add(key, 1, 60) for _ in range(times)][-1]


def test_every_worker_on_the_machine_counts_in_one_place(tmp_path):
    """The default store (SQLite in var/): processes counting the same client at once add
    up to one count, so the limit is not multiplied by the number of workers."""
    import multiprocessing

    from guide_site.ratelimit import SQLiteCounters

    path = tmp_path / "ratelimit.sqlite3"
    context = multiprocessing.get_context("fork")
    with context.Pool(4) as pool:
        pool.starmap(_count_in_a_process, [(path, "ratelimit:renders:a:1", 50)] * 4)
    assert SQLiteCounters(path).get("ratelimit:renders:a:1") == 200
    assert SQLiteCounters(path).get("ratelimit:renders:b:1") == 0


def test_the_site_counts_in_var_with_the_local_memory_cache(settings, tmp_path, monkeypatch):
    from guide_site import ratelimit

    settings.RATE_LIMIT_FILE = tmp_path / "ratelimit.sqlite3"
    monkeypatch.setattr(ratelimit, "_counters", None)
    client = reader()
    for n in range(LIMIT):
        assert client.get(f"/en/questions/no-such-page-{n}/").status_code == 404
    assert_refused(client.get("/en/questions/no-such-page-x/"))
    assert settings.RATE_LIMIT_FILE.exists()
    ratelimit.reset_counters()
