"""Property-based tests: whatever path, query string or form a client sends, the site answers
with something other than a server error."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from channels.models import FinderQuestion, Flow

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# Modest example counts keep the suite quick; the database is shared by the examples of one
# test (nothing here writes to it except failed admin logins).
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

KNOWN = [
    "",
    "zh-hans/",
    "en/",
    "en/questions/check-balance/",
    "zh-hans/questions/activate-card/",
    "en/ways/",
    "en/documents/",
    "en/law/",
    "en/law/social-insurance-law/",
    "en/search/",
    "zh-hans/search/",
    "en/finder/balance/",
    "zh-hans/finder/activation/result/",
    "en/feedback/thanks/",
    "en/feedback/problem/",
    "zh-hans/feedback/useful/",
    "zh-hans/law/social-insurance-law/article/74/",
    "admin/",
    "admin/login/",
    "healthz",
    "readyz",
    "static/css/site.css",
]
# Every printable character, and the ones that break parsers: controls, surrogates escaped,
# percent signs, dots, slashes and non-Latin text.
segment = st.one_of(
    st.text(min_size=0, max_size=20),
    st.text(alphabet="%./\\?#&=;:@!$'()*+,~-_ 0123456789abcdefz", max_size=12),
    st.sampled_from(["..", "%00", "%ff", "%2e%2e", "%E4%B8%AD", "article", "99999999999999999"]),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)
paths = st.one_of(
    st.builds(lambda base, extra: "/" + base + "/".join(extra), st.sampled_from(KNOWN),
              st.lists(segment, max_size=4)),
    st.sampled_from(KNOWN).map(lambda p: "/" + p),
)  # fmt: skip
query = st.dictionaries(st.text(max_size=10), st.text(max_size=30), max_size=4)


def client_for_fuzzing():
    # Answers are what a browser would get: errors become pages, not raised exceptions.
    return Client(raise_request_exception=False)


def assert_no_server_error(response, method, path):
    assert response.status_code < 500, f"{method} {path!r} → {response.status_code}"


@FUZZ
@given(path=paths, params=query)
def test_random_gets_never_get_a_server_error(path, params):
    response = client_for_fuzzing().get(path, params)
    assert_no_server_error(response, "GET", path)


@FUZZ
@given(path=paths, raw=st.text(max_size=60))
def test_raw_query_strings_never_get_a_server_error(path, raw):
    response = client_for_fuzzing().get(path, QUERY_STRING=raw.encode("utf-8", "surrogatepass")
                                        .decode("latin-1"))  # fmt: skip
    assert_no_server_error(response, "GET", path)


@FUZZ
@given(
    path=paths,
    form=st.dictionaries(
        st.sampled_from(["username", "password", "next", "q", "question", "csrfmiddlewaretoken"])
        | st.text(max_size=10),
        st.text(max_size=40),
        max_size=5,
    ),
    method=st.sampled_from(["post", "put", "patch", "delete", "options"]),
)
def test_random_form_posts_never_get_a_server_error(path, form, method):
    response = getattr(client_for_fuzzing(), method)(path, form)
    assert_no_server_error(response, method.upper(), path)


languages = st.sampled_from(["en", "zh-hans"])


@FUZZ
@given(
    lang=languages,
    q=st.one_of(st.text(max_size=300), st.text(alphabet="%_\\*'\"第条七十四 ", max_size=20)),
)
def test_any_search_is_answered_with_a_results_page(lang, q):
    response = client_for_fuzzing().get(f"/{lang}/search/", {"q": q})
    assert response.status_code == 200, repr(q)
    assert b'role="search"' in response.content


@FUZZ
@given(lang=languages, flow=st.sampled_from(Flow.values), data=st.data())
def test_any_finder_answers_get_a_result_or_the_questions_again(lang, flow, data):
    slugs = list(FinderQuestion.objects.filter(flow=flow).values_list("slug", flat=True))
    answer = st.one_of(st.sampled_from(["yes", "no"]), st.text(max_size=8))
    answers = data.draw(st.dictionaries(st.sampled_from(slugs) | st.text(max_size=8), answer))
    response = client_for_fuzzing().get(f"/{lang}/finder/{flow}/result/", answers)
    complete = all(answers.get(slug) in ("yes", "no") for slug in slugs)
    # Every question answered yes or no: a result. Anything missing or made up: the
    # questions again, with what is wrong.
    assert response.status_code == (200 if complete else 400), answers
