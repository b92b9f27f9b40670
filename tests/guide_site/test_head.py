"""HEAD gets a GET's headers and no body, and leaves nothing in gunicorn's error log."""

import pytest

from tests import shipped
from tests.tools.servers import request

PATHS = [
    "/zh-hans/",
    f"/en/questions/{shipped.faq_pages()[0]}/",
    "/en/no-such-page/",
    "/robots.txt",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PATHS)
def test_head_has_the_headers_of_get_and_no_body(client, path):
    get = client.get(path)
    head = client.head(path)
    assert head.status_code == get.status_code
    assert head.content == b""
    assert head["Content-Type"] == get["Content-Type"]


@pytest.mark.services
def test_head_requests_leave_no_warning_in_gunicorns_log(live_site):
    static = "/static/css/site.css"
    for path in [*PATHS, static]:
        for headers in ({}, {"Accept-Encoding": "gzip"}):
            answer = request(live_site.url + path, method="HEAD", headers=headers)
            assert answer.status in (200, 404) and answer.body == b""
    assert "no-body response" not in live_site.server.output()
