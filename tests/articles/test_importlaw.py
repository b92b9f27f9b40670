from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Chapter, Item, Law, Paragraph

pytestmark = pytest.mark.django_db

SOURCES = Path(__file__).resolve().parents[2] / "articles" / "sources"
DATA = Path(__file__).resolve().parents[1] / "data"
LAW = [
    "--slug",
    "social-insurance-law",
    "--short-title",
    "社会保险法",
    "--short-title-en",
    "Social Insurance Law",
    "--chapters",
    "12",
    "--articles",
    "98",
]


def import_sil(**kwargs):
    call_command(
        "importlaw",
        str(SOURCES / "social-insurance-law.zh.md"),
        "--english",
        str(SOURCES / "social-insurance-law.en.md"),
        *LAW,
        stdout=_Sink(),
        **kwargs,
    )


class _Sink:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def snapshot():
    return (
        list(Law.objects.values_list()),
        list(Chapter.objects.values_list()),
        list(Article.objects.values_list()),
        list(Paragraph.objects.values_list()),
        list(Item.objects.values_list()),
    )


def empty_law_tables():
    from channels.models import Citation

    Citation.objects.all().delete()
    Law.objects.all().delete()


@pytest.mark.slow  # imports the whole law
def test_import_into_an_empty_database_gives_the_whole_law():
    empty_law_tables()
    import_sil()
    law = Law.objects.get(slug="social-insurance-law")
    assert law.chapters.count() == 12
    assert law.articles.count() == 98
    assert list(law.articles.values_list("number", flat=True)) == list(range(1, 99))
    assert str(law.adopted_on) == "2010-10-28"
    assert str(law.amended_on) == "2018-12-29"
    assert str(law.in_force_on) == "2011-07-01"
    counts = {
        a.number: [p.items.count() for p in a.paragraphs.all()]
        for a in law.articles.filter(number__in=[4, 5, 30, 64, 74])
    }
    # Counted by hand from the official text.
    assert counts == {4: [0, 0], 5: [0, 0, 0], 30: [4, 0], 64: [0, 0, 0], 74: [0, 0, 0, 0]}
    item = Item.objects.get(paragraph__article__number=30, paragraph__number=1, number=4)
    assert item.text_zh_hans == "在境外就医的。"
    assert item.anchor == "article-30-1-4"
    assert item.text_en.startswith("expenses for medical treatment received outside")
    # The two slips in the source are normalised on purpose, and only those.
    assert Paragraph.objects.get(article__number=30, number=1).text_zh_hans.endswith("范围：")
    assert "全国统筹，其他" in Paragraph.objects.get(article__number=64, number=3).text_zh_hans


@pytest.mark.slow  # imports the whole law
def test_the_shipped_fixture_is_what_the_import_gives():
    """fixtures/law.json is the import's output: importing again changes nothing."""
    before = snapshot()
    import_sil()
    assert snapshot() == before


@pytest.mark.slow  # imports the whole law
def test_importing_twice_changes_nothing():
    empty_law_tables()
    import_sil()
    first = snapshot()
    out = _Sink()
    call_command(
        "importlaw",
        str(SOURCES / "social-insurance-law.zh.md"),
        "--english",
        str(SOURCES / "social-insurance-law.en.md"),
        *LAW,
        stdout=out,
    )
    assert snapshot() == first
    assert "0 rows created, 0 updated, 0 deleted" in out.text


def test_a_small_sample_law_of_our_own():
    call_command(
        "importlaw",
        str(DATA / "sample-law.zh.md"),
        "--english",
        str(DATA / "sample-law.en.md"),
        "--slug",
        "sample-law",
        "--short-title",
        "示例法",
        "--chapters",
        "2",
        "--articles",
        "4",
        stdout=_Sink(),
    )
    law = Law.objects.get(slug="sample-law")
    assert law.title_zh_hans == "示例小法"
    assert law.title_en == "A Small Sample Law"
    assert str(law.in_force_on) == "2022-05-06"
    assert str(law.amended_on) == "2021-03-04"
    article3 = law.articles.get(number=3)
    assert article3.chapter.number == 2
    assert [p.items.count() for p in article3.paragraphs.all()] == [2, 0]
    assert article3.paragraphs.get(number=2).text_zh_hans == "前款情形之外的，由测试人员决定。"
    assert Item.objects.get(paragraph__article=article3, number=2).text_en == "the second case."
    # The Social Insurance Law is untouched by another law's import.
    assert Law.objects.get(slug="social-insurance-law").articles.count() == 98


MALFORMED = {
    "missing marker": lambda t: t.replace("<!-- INFO END -->\n", ""),
    "article gap": lambda t: t.replace("第三条", "第五条"),
    "chapter gap": lambda t: t.replace("## 第二章", "## 第三章"),
    "item gap": lambda t: t.replace("（二）", "（三）"),
    "bad numeral": lambda t: t.replace("第二条", "第二二条"),
    "text before any chapter": lambda t: t.replace(
        "## 第一章 总则\n", "stray text\n\n## 第一章 总则\n"
    ),
    "unknown heading": lambda t: t.replace("## 第二章 细则", "### 第一节 细则"),
    "no title": lambda t: t.split("\n", 1)[1],
}


@pytest.mark.parametrize("name", MALFORMED)
def test_a_malformed_text_is_refused_and_changes_nothing(tmp_path, name):
    source = tmp_path / "law.zh.md"
    source.write_text(MALFORMED[name]((DATA / "sample-law.zh.md").read_text()))
    before = snapshot()
    with pytest.raises(CommandError) as error:
        call_command(
            "importlaw",
            str(source),
            "--slug",
            "sample-law",
            "--short-title",
            "示例法",
            stdout=_Sink(),
        )
    assert str(source) in str(error.value)
    assert snapshot() == before


@pytest.mark.slow  # imports the whole law
def test_wrong_counts_are_refused():
    before = snapshot()
    with pytest.raises(CommandError, match="expected 99 articles, found 98"):
        call_command(
            "importlaw",
            str(SOURCES / "social-insurance-law.zh.md"),
            "--slug",
            "social-insurance-law",
            "--short-title",
            "社会保险法",
            "--articles",
            "99",
            stdout=_Sink(),
        )
    assert snapshot() == before


def test_a_translation_with_a_different_shape_is_refused(tmp_path):
    english = tmp_path / "law.en.md"
    english.write_text(
        (DATA / "sample-law.en.md").read_text().replace("\n(2) the second case.\n", "\n")
    )
    before = snapshot()
    with pytest.raises(CommandError, match="article 3"):
        call_command(
            "importlaw",
            str(DATA / "sample-law.zh.md"),
            "--english",
            str(english),
            "--slug",
            "sample-law",
            "--short-title",
            "示例法",
            stdout=_Sink(),
        )
    assert snapshot() == before


@pytest.mark.slow  # imports the whole law
def test_dropping_a_cited_article_is_refused_and_changes_nothing(tmp_path):
    text = (SOURCES / "social-insurance-law.zh.md").read_text()
    # Article 98 is not cited; cut from 74 on instead, which the guide cites.
    cut = text[: text.index("第七十四条")].rstrip() + "\n"
    source = tmp_path / "short.zh.md"
    source.write_text(cut)
    before = snapshot()
    with pytest.raises(CommandError, match="still cites"):
        call_command(
            "importlaw",
            str(source),
            "--slug",
            "social-insurance-law",
            "--short-title",
            "社会保险法",
            "--in-force",
            "2011-07-01",
            stdout=_Sink(),
        )
    assert snapshot() == before
