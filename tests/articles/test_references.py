"""References to provisions, written as readers and editors write them."""

import pytest

from articles.references import Reference, parse_reference


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第七十四条", Reference(74)),
        ("第74条", Reference(74)),
        ("第 74 条", Reference(74)),
        ("第四条", Reference(4)),
        ("社保法第四条", Reference(4)),
        ("社会保险法第四条", Reference(4)),
        ("《中华人民共和国社会保险法》第七十四条第四款", Reference(74, 4)),
        ("第三十条第一款第（四）项", Reference(30, 1, 4)),
        ("第30条第1款第4项", Reference(30, 1, 4)),
        ("Article 74", Reference(74)),
        ("article 74", Reference(74)),
        ("Art. 74", Reference(74)),
        ("art 74", Reference(74)),
        ("Art. 74(4)", Reference(74, 4)),
        ("Art. 30(1)(4)", Reference(30, 1, 4)),
        ("article 74 paragraph 4", Reference(74, 4)),
        ("Article 30, paragraph 1, item 4", Reference(30, 1, 4)),
        ("Social Insurance Law of the PRC, Art. 74(4)", Reference(74, 4)),
        ("Social Insurance Law, Article 4", Reference(4)),
        ("Social Insurance Law Article 4", Reference(4)),
    ],
)
def test_references_are_read(text, expected):
    assert parse_reference(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "12333", "74", "第条", "第七十四", "Article", "社保卡余额", "第二二条", "article 4x"],
)
def test_anything_else_is_not_a_reference(text):
    assert parse_reference(text) is None


def test_a_bare_number_is_an_article_where_that_is_asked_for():
    assert parse_reference("4", allow_bare=True) == Reference(4)
    assert parse_reference("12333", allow_bare=True) is None
