"""Read a law written in the plain-text format of ``articles/sources/*.md``.

The format (see ``articles/sources/SOURCE.md``): a ``# title`` line, dated header lines, an
``<!-- INFO END -->`` marker, then ``## 第N章 …`` chapter headings; each article starts a
line with ``第N条``; blank lines separate paragraphs (款); items (项) are paragraphs that start
with （一）, （二）…. The English reference translation mirrors it block for block with
``## Chapter N …``, ``Article N …`` and ``(1) …``.

Parsing is strict: anything unexpected raises :class:`LawTextError` naming the line, so a
malformed text never reaches the database.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from .numerals import from_chinese

MARKER = "<!-- INFO END -->"
CN_NUM = "[零一二三四五六七八九十百千]+"


class LawTextError(ValueError):
    pass


@dataclass
class Syntax:
    chapter: re.Pattern
    article: re.Pattern
    item: re.Pattern
    number: staticmethod


CHINESE = Syntax(
    chapter=re.compile(rf"^##\s+第({CN_NUM})章\s*(.+)$"),
    article=re.compile(rf"^第({CN_NUM})条(?:\s+|　)?(.*)$"),
    item=re.compile(rf"^（({CN_NUM})）(.*)$"),
    number=from_chinese,
)
ENGLISH = Syntax(
    chapter=re.compile(r"^##\s+Chapter\s+(\d+)\s+(.+)$"),
    article=re.compile(r"^Article\s+(\d+)\s+(.*)$"),
    item=re.compile(r"^\((\d+)\)\s*(.*)$"),
    number=int,
)


@dataclass
class ParsedParagraph:
    number: int
    text: str
    items: list = field(default_factory=list)  # list of (number, text)


@dataclass
class ParsedArticle:
    number: int
    line: int
    paragraphs: list = field(default_factory=list)


@dataclass
class ParsedChapter:
    number: int
    title: str
    articles: list = field(default_factory=list)


@dataclass
class ParsedLaw:
    title: str
    header: list
    chapters: list
    normalised: list = field(default_factory=list)  # (article number, before, after)

    @property
    def articles(self):
        return [article for chapter in self.chapters for article in chapter.articles]

    def dates(self):
        """Adopted and amended dates from Chinese header lines (2010年10月28日 …通过)."""
        found = []
        for line in self.header:
            match = re.match(r"^(\d{4})年(\d{1,2})月(\d{1,2})日", line)
            if match:
                found.append((date(*map(int, match.groups())), line))
        adopted = next((d for d, line in found if "通过" in line), None)
        amended = [d for d, line in found if "修正" in line or "修订" in line]
        return adopted, (max(amended) if amended else None)

    def in_force_date(self):
        """The date in the last article's 本法自…起施行, where the law says it."""
        pattern = re.compile(r"本法自(\d{4})年(\d{1,2})月(\d{1,2})日起施行")
        for article in reversed(self.articles):
            for paragraph in article.paragraphs:
                match = pattern.search(paragraph.text)
                if match:
                    return date(*map(int, match.groups()))
        return None


# A half-width colon, comma or semicolon after a Chinese character is a typing slip in the
# source (Article 30 and Article 64 of the Social Insurance Law have one each); the official
# text uses full-width punctuation, so we restore it and report every change.
HALF_WIDTH = {":": "：", ",": "，", ";": "；"}
SLIP = re.compile(r"(?<=[\u4e00-\u9fff])([:,;])")


def _normalise(text):
    return SLIP.sub(lambda m: HALF_WIDTH[m.group(1)], text)


def _number(syntax, text, line_no):
    try:
        return syntax.number(text)
    except ValueError as error:
        raise LawTextError(f"line {line_no}: {error}.") from None


def parse(text, syntax=CHINESE, normalise=True):
    lines = text.splitlines()
    if not lines or not lines[0].startswith("# "):
        raise LawTextError("line 1: the text must start with a '# title' line.")
    title = lines[0][2:].strip()
    try:
        marker_at = lines.index(MARKER)
    except ValueError:
        raise LawTextError(f"no '{MARKER}' line after the header.") from None
    header = [line.strip() for line in lines[1:marker_at] if line.strip()]

    # Blocks are runs of non-blank lines; remember where each starts for error messages.
    blocks = []
    current, start = [], None
    for number, line in enumerate(lines[marker_at + 1 :], start=marker_at + 2):
        if line.strip():
            if not current:
                start = number
            current.append(line.strip())
        elif current:
            blocks.append((start, " ".join(current)))
            current = []
    if current:
        blocks.append((start, " ".join(current)))

    law = ParsedLaw(title=title, header=header, chapters=[])
    article = None
    for line_no, block in blocks:
        if match := syntax.chapter.match(block):
            number = _number(syntax, match.group(1), line_no)
            expected = len(law.chapters) + 1
            if number != expected:
                raise LawTextError(f"line {line_no}: chapter {number} where {expected} was due.")
            law.chapters.append(ParsedChapter(number=number, title=match.group(2).strip()))
            article = None
        elif block.startswith("#"):
            raise LawTextError(f"line {line_no}: unexpected heading {block[:40]!r}.")
        elif match := syntax.article.match(block):
            if not law.chapters:
                raise LawTextError(f"line {line_no}: an article before the first chapter.")
            number = _number(syntax, match.group(1), line_no)
            expected = len(law.articles) + 1
            if number != expected:
                raise LawTextError(
                    f"line {line_no}: article {number} where article {expected} was due."
                )
            body = match.group(2).strip()
            if not body:
                raise LawTextError(f"line {line_no}: article {number} has no text.")
            article = ParsedArticle(number=number, line=line_no)
            law.chapters[-1].articles.append(article)
            _add_block(article, body, syntax, line_no)
        else:
            if article is None:
                raise LawTextError(f"line {line_no}: text outside any article: {block[:40]!r}.")
            _add_block(article, block, syntax, line_no)

    if not law.chapters:
        raise LawTextError("no chapters found.")
    for chapter in law.chapters:
        if not chapter.articles:
            raise LawTextError(f"chapter {chapter.number} has no articles.")
    if normalise:
        for parsed in law.articles:
            for paragraph in parsed.paragraphs:
                fixed = _normalise(paragraph.text)
                if fixed != paragraph.text:
                    law.normalised.append((parsed.number, paragraph.text, fixed))
                    paragraph.text = fixed
                for index, (number, item_text) in enumerate(paragraph.items):
                    fixed = _normalise(item_text)
                    if fixed != item_text:
                        law.normalised.append((parsed.number, item_text, fixed))
                        paragraph.items[index] = (number, fixed)
    return law


def _add_block(article, block, syntax, line_no):
    if match := syntax.item.match(block):
        number = _number(syntax, match.group(1), line_no)
        if not article.paragraphs:
            # An article that opens with an item: its first paragraph has no lead-in text.
            article.paragraphs.append(ParsedParagraph(number=1, text=""))
        paragraph = article.paragraphs[-1]
        expected = len(paragraph.items) + 1
        if number != expected:
            raise LawTextError(
                f"line {line_no}: item {number} where item {expected} was due in article "
                f"{article.number}."
            )
        text = match.group(2).strip()
        if not text:
            raise LawTextError(
                f"line {line_no}: item {number} of article {article.number} is empty."
            )
        paragraph.items.append((number, text))
    else:
        article.paragraphs.append(ParsedParagraph(number=len(article.paragraphs) + 1, text=block))


def shape(law):
    """Chapters, and per article the item count of each paragraph: what two languages of one
    law must share."""
    return [
        (
            chapter.number,
            [(a.number, [len(p.items) for p in a.paragraphs]) for a in chapter.articles],
        )
        for chapter in law.chapters
    ]


def check_same_shape(original, translation):
    """Raise LawTextError at the first article whose structure differs between languages."""
    if len(original.chapters) != len(translation.chapters):
        raise LawTextError(
            f"the translation has {len(translation.chapters)} chapters, "
            f"the original {len(original.chapters)}."
        )
    pairs = zip(original.articles, translation.articles, strict=False)
    for a, b in pairs:
        items_a = [len(p.items) for p in a.paragraphs]
        items_b = [len(p.items) for p in b.paragraphs]
        if items_a != items_b:
            raise LawTextError(
                f"article {a.number}: the translation (line {b.line}) has {len(items_b)} "
                f"paragraph(s) with {items_b} items, the original {len(items_a)} with {items_a}."
            )
    if len(original.articles) != len(translation.articles):
        raise LawTextError(
            f"the translation has {len(translation.articles)} articles, "
            f"the original {len(original.articles)}."
        )
    for a, b in zip(original.chapters, translation.chapters, strict=True):
        if [x.number for x in a.articles] != [x.number for x in b.articles]:
            raise LawTextError(f"chapter {a.number} holds different articles in the translation.")
