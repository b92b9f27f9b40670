"""How to cite an article, paragraph (款) or item (项) of a law, in both languages, whatever
the page's language:

    《中华人民共和国社会保险法》第七十四条第四款
    Social Insurance Law of the PRC, Art. 74(4)

    《中华人民共和国社会保险法》第三十条第一款第四项
    Social Insurance Law of the PRC, Art. 30(1)(4)

Chinese legal writing cites a provision by the law's full title in book-title marks and
its numbers in Chinese numerals (items without their brackets, as the law's own
cross-references do); English legal writing abbreviates "Article" and puts the paragraph
and item numbers in brackets.
"""

from dataclasses import dataclass

from .numerals import to_chinese

LONG_COUNTRY = "People's Republic of China"


@dataclass(frozen=True)
class Citation:
    zh: str
    en: str
    anchor: str


def english_title(law):
    """The law's English title as citations write it: "…of the PRC"."""
    return (law.title_en or law.short_title_en or law.title_zh_hans).replace(LONG_COUNTRY, "PRC")


def cite(law, article_number, paragraph_number=None, item_number=None):
    zh = f"《{law.title_zh_hans}》第{to_chinese(article_number)}条"
    en = f"{english_title(law)}, Art. {article_number}"
    anchor = f"article-{article_number}"
    if paragraph_number:
        zh += f"第{to_chinese(paragraph_number)}款"
        en += f"({paragraph_number})"
        anchor += f"-{paragraph_number}"
        if item_number:
            zh += f"第{to_chinese(item_number)}项"
            en += f"({item_number})"
            anchor += f"-{item_number}"
    return Citation(zh=zh, en=en, anchor=anchor)
