"""The committed nginx.conf, run by Debian's nginx in front of gunicorn: it serves static
files itself, keeps public pages as their Cache-Control allows, and never keeps the admin or
what a signed-in editor sees."""

import gzip
import re

import pytest

from tests.tools.servers import Gunicorn, Nginx, request

pytestmark = [pytest.mark.services, pytest.mark.slow, pytest.mark.xdist_group("servers")]


@pytest.fixture(scope="module")
def proxied(tmp_path_factory, new_site_var):
    env = new_site_var(tmp_path_factory.mktemp("nginx-site"))
    with Gunicorn(env, workers=2) as app, Nginx(app.port) as nginx:
        yield nginx, app


def test_a_page_is_served_then_a_cache_hit(proxied):
    nginx, app = proxied
    first = request(f"{nginx.url}/en/questions/check-balance/")
    assert first.status == 200
    assert first.headers["x-cache-status"] == "MISS"
    assert 'id="short-answer"' in first.text and first.text.rstrip().endswith("</html>")
    second = request(f"{nginx.url}/en/questions/check-balance/")
    assert second.headers["x-cache-status"] == "HIT"
    assert second.body == first.body
    # The miss has an id of its own, passed to the app, which logged it under that id. A
    # hit has none (nothing logs a hit), and above all not the id of the request that
    # filled the cache, nor the app's own cache verdict.
    assert re.fullmatch(r"[0-9a-f]{32}", first.headers["x-request-id"])
    assert f'"request_id": "{first.headers["x-request-id"]}"' in app.output()
    assert "x-request-id" not in second.headers
    assert "x-page-cache" not in second.headers


# Headers nginx answers for itself (or the app's hop-by-hop ones), and the app's own
# cache verdict and request id, which nginx replaces.
NOT_REPLAYED = {"server", "date", "connection", "x-page-cache", "x-request-id"}


def test_a_cached_page_keeps_every_header_the_app_sends(proxied):
    nginx, app = proxied
    path = "/zh-hans/law/social-insurance-law/article/74/"
    # The app asked directly, for the address nginx serves (pages hold absolute links).
    direct = request(
        f"{app.url}{path}",
        headers={
            "Accept-Encoding": "gzip",
            "Host": f"127.0.0.1:{nginx.port}",
            "X-Forwarded-Port": str(nginx.port),
        },
    )
    request(f"{nginx.url}{path}", headers={"Accept-Encoding": "gzip"})
    hit = request(f"{nginx.url}{path}", headers={"Accept-Encoding": "gzip"})
    assert hit.headers["x-cache-status"] == "HIT"
    for name in ("content-security-policy", "x-content-type-options", "referrer-policy",
                 "permissions-policy", "etag", "last-modified", "cache-control"):  # fmt: skip
        assert name in direct.headers
    for name, value in direct.headers.items():
        if name not in NOT_REPLAYED:
            assert hit.headers.get(name) == value, name
    assert "set-cookie" not in hit.headers
    assert hit.body == direct.body
    # A reader who has the page already gets a 304 from the cache.
    again = request(f"{nginx.url}{path}", headers={"If-None-Match": hit.headers["etag"]})
    assert again.status == 304
    assert again.headers["x-cache-status"] == "HIT"
    since = request(
        f"{nginx.url}{path}", headers={"If-Modified-Since": hit.headers["last-modified"]}
    )
    assert since.status == 304


def test_one_compressed_copy_serves_every_reader(proxied):
    nginx, _app = proxied
    for _ in range(2):
        packed = request(f"{nginx.url}/zh-hans/ways/", headers={"Accept-Encoding": "gzip"})
        plain = request(f"{nginx.url}/zh-hans/ways/")
        assert packed.headers["content-encoding"] == "gzip"
        assert "content-encoding" not in plain.headers  # unpacked by nginx for this reader
        assert gzip.decompress(packed.body) == plain.body
        assert "Accept-Encoding" in packed.headers["vary"]  # for caches further down
    assert packed.headers["x-cache-status"] == plain.headers["x-cache-status"] == "HIT"


def test_static_files_are_served_by_nginx_with_immutable_caching(proxied):
    nginx, _app = proxied
    page = request(f"{nginx.url}/en/").text
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page).group(1)
    answer = request(f"{nginx.url}{css}", headers={"Accept-Encoding": "gzip"})
    assert answer.status == 200
    assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert answer.headers["content-encoding"] == "gzip"  # the .gz collectstatic wrote
    assert answer.headers["content-type"].startswith("text/css")
    # Not from the app: nothing of the proxy location, no app headers.
    assert "x-cache-status" not in answer.headers
    assert "content-security-policy" not in answer.headers


def test_the_admin_is_never_kept(proxied):
    nginx, _app = proxied
    for _ in range(3):
        answer = request(f"{nginx.url}/admin/login/")
        assert answer.status == 200
        assert answer.headers["x-cache-status"] != "HIT"
        assert "csrftoken" in answer.cookies()


def test_a_signed_in_editor_goes_past_the_cache(proxied):
    nginx, _app = proxied
    request(f"{nginx.url}/en/ways/")
    assert request(f"{nginx.url}/en/ways/").headers["x-cache-status"] == "HIT"
    editor = request(f"{nginx.url}/en/ways/", cookies={"sessionid": "abc"})
    assert editor.headers["x-cache-status"] == "BYPASS"
    assert re.fullmatch(r"[0-9a-f]{32}", editor.headers["x-request-id"])  # the app answered
    assert editor.headers["cache-control"] == "private, no-store"
    assert request(f"{nginx.url}/en/ways/").headers["x-cache-status"] == "HIT"


def test_errors_are_not_kept(proxied):
    nginx, _app = proxied
    for _ in range(2):
        answer = request(f"{nginx.url}/en/no-such-page/")
        assert answer.status == 404
        assert answer.headers["x-cache-status"] != "HIT"
