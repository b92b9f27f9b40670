"""The committed nginx.conf facing the open internet: unknown hosts are dropped, thousands of
idle connections leave room for readers, a load balancer's X-Forwarded-Proto is believed
from its addresses only, static files under plain names are not kept for a year, and a
reader who refuses gzip gets none."""

import gzip
import http.client
import re
import socket
import time

import pytest

from tests.tools.servers import Gunicorn, Nginx, request

pytestmark = [pytest.mark.services, pytest.mark.slow, pytest.mark.xdist_group("servers")]

IDLE = 2000


@pytest.fixture(scope="module")
def app(tmp_path_factory, new_site_var):
    env = new_site_var(
        tmp_path_factory.mktemp("nginx-hardening"),
        production=True,
        DJANGO_SECURE_SSL_REDIRECT="true",
    )
    with Gunicorn(env, workers=2) as server:
        yield server


@pytest.fixture(scope="module")
def nginx(app):
    """nginx facing readers itself: no balancer in front."""
    with Nginx(app.port) as server:
        yield server


@pytest.fixture(scope="module")
def behind_balancer(app):
    """nginx behind a load balancer at 127.0.0.1 (the test) that ends TLS."""
    with Nginx(app.port, balancers=["127.0.0.1"]) as server:
        yield server


def test_a_balancers_scheme_is_believed_from_its_address(behind_balancer):
    https = {"X-Forwarded-Proto": "https", "Host": "localhost"}
    page = request(f"{behind_balancer.url}/en/", headers=https)
    assert page.status == 200  # no redirect to https: the reader is on https already
    assert '<link rel="canonical" href="https://localhost/en/">' in page.text
    # The health check over plain HTTP from the balancer is exempt from the redirect.
    assert request(f"{behind_balancer.url}/healthz", headers={"Host": "localhost"}).status == 200


def test_anyone_elses_scheme_is_not(nginx):
    forged = request(
        f"{nginx.url}/en/", headers={"X-Forwarded-Proto": "https", "Host": "localhost"}
    )
    assert forged.status == 301
    assert forged.headers["location"] == "https://localhost/en/"


def raw_status(port, host):
    """The first bytes of the answer; nothing when nginx closed the connection unanswered."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET /en/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        try:
            return sock.recv(64)
        except ConnectionResetError:
            return b""


def test_unknown_hosts_are_dropped_without_an_answer(nginx):
    assert raw_status(nginx.port, "evil.example") == b""  # nginx closed it (444)
    assert raw_status(nginx.port, "LOCALHOST").startswith(b"HTTP/1.1 301")


def test_plain_static_names_are_not_kept_for_a_year(nginx):
    for name in ("/static/css/site.css", "/static/staticfiles.json"):
        answer = request(nginx.url + name)
        assert answer.status == 200, name
        assert answer.headers["cache-control"] == "public, max-age=3600", name
    manifest = request(nginx.url + "/static/staticfiles.json").text
    hashed = re.search(r'"(css/site\.[0-9a-f]{12}\.css)"', manifest).group(1)
    answer = request(f"{nginx.url}/static/{hashed}")
    assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"


def test_a_reader_who_refuses_gzip_gets_none(behind_balancer):
    headers = {"X-Forwarded-Proto": "https", "Host": "localhost"}
    for path in ("/en/ways/", "/static/css/site.css"):
        packed = request(behind_balancer.url + path, headers={**headers, "Accept-Encoding": "gzip"})
        assert packed.headers.get("content-encoding") == "gzip", path
        for refusal in ("gzip;q=0", "gzip; q=0.0, identity", "*;q=0, identity"):
            plain = request(
                behind_balancer.url + path, headers={**headers, "Accept-Encoding": refusal}
            )
            assert plain.status == 200
            assert "content-encoding" not in plain.headers, (path, refusal)
            assert plain.body == gzip.decompress(packed.body)


def test_thousands_of_idle_connections_leave_room_for_a_reader(behind_balancer):
    """2,000 connections that send nothing (from the balancer's address, as a real one
    would keep them), and a probe that is still answered within a second."""
    headers = {"X-Forwarded-Proto": "https", "Host": "localhost"}
    request(f"{behind_balancer.url}/en/", headers=headers)  # in nginx's cache now
    idle = []
    try:
        for _ in range(IDLE):
            idle.append(socket.create_connection(("127.0.0.1", behind_balancer.port), timeout=5))
        started = time.monotonic()
        answer = request(f"{behind_balancer.url}/en/", headers=headers, timeout=1)
        took = time.monotonic() - started
        assert answer.status == 200 and took < 1, took
    finally:
        for sock in idle:
            sock.close()


def test_a_client_is_limited_in_open_connections(nginx):
    """One address holding many connections gets 429 past 32 (per-client limit_conn)."""
    held = []
    try:
        for _ in range(40):
            connection = http.client.HTTPConnection("127.0.0.1", nginx.port, timeout=10)
            connection.putrequest("POST", "/en/feedback/", skip_host=True)
            connection.putheader("Host", "localhost")
            connection.putheader("Content-Length", "1000")
            connection.endheaders()
            held.append(connection)
        # nginx counts a connection once it has read its request: wait until it has.
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            answer = request(f"{nginx.url}/en/", headers={"Host": "localhost"})
            if answer.status == 429:
                break
        assert answer.status == 429
    finally:
        for connection in held:
            connection.close()
