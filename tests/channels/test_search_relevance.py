"""The relevance set: what real readers type (tests/data/search_relevance.json), each query
with the page or anchor that must be among the first three results, run over the shipped
fixtures, on SQLite and on PostgreSQL (``database``). The figure goes in the README."""

import json
from collections import Counter
from pathlib import Path

import pytest
from django.utils.translation import override

from channels.search import search

pytestmark = pytest.mark.django_db

RELEVANCE_SET = Path(__file__).resolve().parent.parent / "data" / "search_relevance.json"
TARGET = 0.95
TOP = 3


def relevance_set():
    return json.loads(RELEVANCE_SET.read_text(encoding="utf-8"))["queries"]


def expected(row):
    """The addresses (without the language) any of which answers the query."""
    return row["expect"] if isinstance(row["expect"], list) else [row["expect"]]


def run(queries):
    """[(query, the first three addresses, hit?)]"""
    found = []
    for row in queries:
        with override(row["lang"]):
            top = [result.url for result in search(row["q"]).results[:TOP]]
        found.append((row, top, any(f"/{row['lang']}/{e}" in top for e in expected(row))))
    return found


def test_the_set_is_what_readers_type_in_both_languages():
    queries = relevance_set()
    assert len(queries) >= 60
    kinds = Counter((row["lang"], row["kind"]) for row in queries)
    for lang in ("zh-hans", "en"):
        for kind in ("question", "fragment", "synonym", "typo", "reference"):
            assert kinds[(lang, kind)] >= 1, (lang, kind)
    assert len({(row["lang"], row["q"]) for row in queries}) == len(queries)


def test_every_expected_address_is_a_page_the_shipped_site_has(client):
    """An expectation that names a page or anchor that does not exist could never be met:
    each one is rendered and its #anchor looked for."""
    for row in relevance_set():
        for address in expected(row):
            path, _hash, anchor = f"/{row['lang']}/{address}".partition("#")
            response = client.get(path)
            assert response.status_code == 200, row
            if anchor:
                assert f'id="{anchor}"' in response.content.decode(), row


def test_readers_find_what_they_type(capsys):
    found = run(relevance_set())
    hits = sum(hit for _row, _top, hit in found)
    figure = hits / len(found)
    with capsys.disabled():
        print(f"\nsearch relevance: {hits}/{len(found)} = {figure:.1%} in the top {TOP}")
    misses = [(row["lang"], row["q"], row["expect"], top) for row, top, hit in found if not hit]
    assert figure >= TARGET, misses
    # Every query in the set names something the site covers: each must find it.
    assert misses == []
