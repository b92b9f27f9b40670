"""`make serve` on the open internet: clients that send their headers or their body a few
bytes at a time, or connect and send nothing, must not keep anyone else from being
answered. The site runs as `make serve` runs it (gunicorn.conf.py, guide_site.wsgi, its
number of workers and threads); a probe asks for a page between each round of trickled bytes."""

import socket
import time

import pytest

from tests.tools.servers import Gunicorn, request

pytestmark = [pytest.mark.services, pytest.mark.slow, pytest.mark.xdist_group("servers")]

SLOW_HEADERS = 200
SLOW_BODIES = 50
ROUNDS = 5
PAGE = "/en/"


def open_slow_clients(port):
    """200 connections that have sent a request line and no end of headers, and 50 that
    have sent headers announcing a 100 kB body and only its first bytes."""
    headers, bodies = [], []
    for _ in range(SLOW_HEADERS):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(f"GET {PAGE} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode())
        headers.append(sock)
    for _ in range(SLOW_BODIES):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(
            f"POST /en/feedback/useful/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Origin: http://127.0.0.1:{port}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            "Content-Length: 100000\r\n\r\nhelpful=".encode()
        )
        bodies.append(sock)
    return headers, bodies


def trickle(headers, bodies):
    """One more header line, or a few more bytes of body, on each connection; the ones the
    server closed, each with what it answered (slow-header ones are 0 to 199)."""
    closed = []
    for n, sock in enumerate(headers + bodies):
        try:
            sock.sendall(f"X-Slow-{n}: 1\r\n".encode() if n < len(headers) else b"yes%20")
        except OSError as error:
            closed.append((n, error, answer(sock)))
    return closed


def answer(sock):
    sock.settimeout(0.1)
    try:
        return sock.recv(200)
    except OSError:
        return b""


@pytest.fixture
def site(tmp_path, new_site_var):
    env = new_site_var(tmp_path / "var", GUNICORN_LOGLEVEL="warning")
    with Gunicorn(env, workers=None) as server:
        yield server


def test_slow_clients_do_not_keep_a_reader_from_being_answered(site):
    assert request(site.url + PAGE).status == 200  # rendered once, then from the cache
    headers, bodies = open_slow_clients(site.port)
    try:
        # The first round after 250 connections arrive makes each worker start its threads
        # (started on demand, once per process): a reader is answered, within 5 s; then
        # every round is timed. Sync workers answer neither.
        assert trickle(headers, bodies) == []
        assert request(site.url + PAGE, timeout=5).status == 200
        timings = []
        for _ in range(ROUNDS):
            assert trickle(headers, bodies) == []
            started = time.monotonic()
            try:
                status = request(site.url + PAGE, timeout=1).status
            except TimeoutError:
                status = "no answer within 1 s"
            timings.append((round(time.monotonic() - started, 3), status))
        assert all(status == 200 and took < 1 for took, status in timings), timings
        # The slow clients were being read all along: those that finish get their page.
        for sock in headers[:10]:
            sock.sendall(b"Connection: close\r\n\r\n")
            sock.settimeout(30)
            assert sock.recv(64).startswith(b"HTTP/1.1 200")
    finally:
        for sock in headers + bodies:
            sock.close()
