"""Reading a reference to a provision the way people write one: 第七十四条, 第74条第四款,
《社会保险法》第三十条第一款第（四）项, Article 74, Art. 74(4), article 74 paragraph 4, item 2…

Used where a reader or an editor types a reference: search (straight to the provision) and
the admin's choice of an article for a citation.
"""

import re
from dataclasses import dataclass

from .numerals import from_chinese

_NUMBER = r"([0-9]+|[零一二三四五六七八九十百千]+)"
_LAW_NAME = (
    r"(?:《?(?:中华人民共和国)?社会保险法》?|《?社保法》?"
    r"|(?:the\s+)?social\s+insurance\s+law(?:\s+of\s+(?:the\s+)?(?:prc|people'?s\s+republic\s+of\s+china))?)"
)
CHINESE = re.compile(
    rf"^\s*(?:{_LAW_NAME})?\s*第\s*{_NUMBER}\s*条"
    rf"(?:\s*第\s*{_NUMBER}\s*款)?"
    rf"(?:\s*第\s*[（(]?\s*{_NUMBER}\s*[)）]?\s*项)?\s*$",
    re.IGNORECASE,
)
ENGLISH = re.compile(
    rf"^\s*(?:{_LAW_NAME}\s*,?\s*)?(?:article|art)\.?\s*([0-9]+)"
    r"(?:\s*\(\s*([0-9]+)\s*\)|\s*,?\s*(?:paragraph|para|par|¶)\.?\s*([0-9]+))?"
    r"(?:\s*\(\s*([0-9]+)\s*\)|\s*,?\s*(?:item|point)\.?\s*([0-9]+))?\s*$",
    re.IGNORECASE,
)
BARE = re.compile(r"^\s*([0-9]{1,3})\s*$")


@dataclass(frozen=True)
class Reference:
    article: int
    paragraph: int | None = None
    item: int | None = None


def _number(text):
    if text is None:
        return None
    return int(text) if text.isdigit() else from_chinese(text)


def parse_reference(text, allow_bare=False):
    """The provision ``text`` names, or None. ``allow_bare``: a number on its own ("74")
    is an article number too (in the admin, not in search, where 12333 is a phone number)."""
    text = (text or "").strip()
    try:
        match = CHINESE.match(text)
        if match:
            article, paragraph, item = (_number(group) for group in match.groups())
            return Reference(article, paragraph, item if paragraph else None)
        match = ENGLISH.match(text)
        if match:
            article, p1, p2, i1, i2 = match.groups()
            paragraph = _number(p1 or p2)
            item = _number(i1 or i2) if paragraph else None
            return Reference(int(article), paragraph, item)
    except ValueError:  # a malformed Chinese numeral
        return None
    if allow_bare:
        match = BARE.match(text)
        if match:
            return Reference(int(match.group(1)))
    return None
