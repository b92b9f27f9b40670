"""Hosts and paths a visitor makes up: each spelling of the site's host is one page in the
cache and one render, a port the site is not reached at is refused with a 400 page, and an
address that resolves to nothing gives a 404 page whose links stay on this site."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

HOME = "/en/"


def get(path, host="localhost", port="80", **extra):
    return Client().get(path, HTTP_HOST=host, SERVER_PORT=port, **extra)


@pytest.mark.parametrize(
    ("host", "spelling"),
    [
        ("localhost:8000", "LOCALHOST:8000"),
        ("localhost:8000", "localhost.:8000"),
        ("localhost", "LocalHost."),
        ("localhost", "localhost:80"),
        ("localhost", "localhost.:443"),
    ],
)
def test_spellings_of_the_host_are_one_page_in_the_cache(host, spelling):
    first = get(HOME, host, port="8000")
    assert first["X-Page-Cache"] == "miss"
    again = get(HOME, spelling, port="8000")
    assert again.status_code == 200
    assert again["X-Page-Cache"] == "hit", spelling
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', again.content.decode())
    assert canonical.group(1) == f"http://{host}/en/"


def test_a_port_the_site_is_not_reached_at_is_refused_with_a_400_page():
    get(HOME, "localhost:8000", port="8000")
    for lang, title in (("en", "Bad request"), ("zh-hans", "无法处理的请求")):
        response = get(f"/{lang}/", "localhost:41001", port="8000")
        assert response.status_code == 400
        assert "X-Page-Cache" not in response
        assert response["Cache-Control"] == "no-store"
        html = response.content.decode()
        assert f"<h1>{title}</h1>" in html
        assert '<header class="site-header"' in html
        assert "41001" not in html


def test_a_port_named_by_a_trusted_proxy_in_front_is_kept(settings):
    settings.TRUSTED_PROXIES = frozenset({"127.0.0.1"})
    through_proxy = Client(REMOTE_ADDR="127.0.0.1")
    response = through_proxy.get(
        HOME, HTTP_HOST="localhost:8080", HTTP_X_FORWARDED_PORT="8080", SERVER_PORT="8000"
    )
    assert response.status_code == 200
    assert 'href="http://localhost:8080/en/"' in response.content.decode()
    # Anyone else naming a port in X-Forwarded-Port is not believed.
    direct = Client(REMOTE_ADDR="203.0.113.9")
    refused = direct.get(
        HOME, HTTP_HOST="localhost:8080", HTTP_X_FORWARDED_PORT="8080", SERVER_PORT="8000"
    )
    assert refused.status_code == 400


def test_ports_listed_in_the_settings_are_kept(settings):
    settings.SITE_PORTS = frozenset({"8443"})
    response = get(HOME, "localhost:8443", port="8000")
    assert response.status_code == 200
    assert 'href="http://localhost:8443/en/"' in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "//evil.example/x",
        "///evil.example/x",
        "/\\evil.example/x",
        "/\\\\evil.example/x",
        "/%5Cevil.example/x",
        "/\tevil.example/x",
        "//evil.example/en/",
        "/en//evil.example/x",
        "/large//evil.example/x",
        "/large/\\evil.example/x",
    ],
)
def test_addresses_that_resolve_to_nothing_keep_their_links_on_this_site(path):
    # PATH_INFO as a server passes it on (the test client would read //host/ as a host).
    response = get("/", PATH_INFO=path.encode().decode("iso-8859-1"))
    assert response.status_code == 404
    html = response.content.decode()
    links = re.findall(r'(?:href|content)="([^"]*)"', html)
    for link in links:
        if link.startswith(("http://", "https://")):
            assert link.startswith("http://localhost/"), link
        elif link.startswith("/"):
            assert not link.startswith(("//", "/\\")), link
            assert "\\" not in link and "\t" not in link, link
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
    assert canonical.startswith("http://localhost/")
    switch = re.search(r'<a class="language-switch" href="([^"]+)"', html).group(1)
    assert switch.startswith("/") and not switch.startswith(("//", "/\\"))


@pytest.mark.parametrize("path", ["/sitemap.xml", "/robots.txt"])
def test_the_sitemap_and_robots_txt_are_rendered_once_and_then_served_from_the_cache(path):
    first = get(path)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    for _ in range(3):
        with CaptureQueriesContext(connection) as queries:
            again = get(path, "LOCALHOST.")
        assert again["X-Page-Cache"] == "hit" and len(queries) == 0
        assert again.content == first.content
    # A made-up query string is the same page.
    assert get(path + "?p=2&x=1")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize(
    ("accept", "packed"),
    [
        ("gzip", True),
        ("deflate, gzip;q=0.5", True),
        ("*", True),
        ("gzip;q=0", False),
        ("gzip; q=0.000, identity", False),
        ("*;q=0, identity", False),
        ("identity", False),
        ("x-gzip-not;q=1", False),
    ],
)
def test_readers_who_refuse_gzip_get_none(accept, packed):
    get(HOME)
    for _ in range(2):  # the miss and the hit
        response = get(HOME, HTTP_ACCEPT_ENCODING=accept)
        assert (response.get("Content-Encoding") == "gzip") is packed, accept


def assert_bad_request_page(response, lang="en"):
    assert response.status_code == 400
    html = response.content.decode()
    title = "Bad request" if lang == "en" else "无法处理的请求"
    assert f"<h1>{title}</h1>" in html
    assert '<header class="site-header"' in html


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_forms_the_site_cannot_read_get_a_400_page_in_its_layout(lang, settings):
    client = Client(raise_request_exception=False)
    url = f"/{lang}/feedback/useful/"
    origin = {"Origin": "http://testserver"}
    fields = "&".join(f"f{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    too_many = client.post(
        url, fields, content_type="application/x-www-form-urlencoded", headers=origin
    )
    assert_bad_request_page(too_many, lang)
    body = "useful=" + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    too_large = client.post(
        url, body, content_type="application/x-www-form-urlencoded", headers=origin
    )
    assert_bad_request_page(too_large, lang)
    charset = client.generic(  # sent as bytes: the test client cannot encode to it either
        "POST",
        url,
        b"useful=yes",
        content_type="application/x-www-form-urlencoded; charset=no-such-charset",
        headers=origin,
    )
    assert_bad_request_page(charset, lang)
