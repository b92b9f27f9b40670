"""The search index: every public thing of the guide and every provision of the law, in both
languages, as words, kept in each process's memory and built again from the database when
the content generation changes (``guide_site.pagecache.current_generation``), so an editor's
save (a page, a synonym, a best bet) changes results at once, on every worker.

Text analysis, the same for the content and for what readers type:

- Everything is folded (NFKC, so full-width letters and digits are plain ones; case folded).
- Chinese is cut into words by jieba, with a user dictionary of the site's own words (its
  Chinese terms, document names and synonyms), so 社保卡余额 is 社保卡 + 余额. The content is
  also indexed by every character and every pair of characters (bigrams): a word jieba does
  not know in a query is looked up by its bigrams instead, so nothing depends on the
  dictionary knowing it.
- English is stemmed (Snowball), so activation, activating and activated are all "activ";
  a few words that say nothing (how, do, my, the…) are dropped from queries.

Why in memory and not the database's full-text search: the site is a few hundred rows
(98 articles and their paragraphs and items being most of it), the index takes well under a
second to build, and a search is a few set operations, under a millisecond or two; SQLite
and PostgreSQL then give the same results (no collation, no database dictionary). The
README says how this moves to a search engine if the content grows a hundredfold.
"""

import functools
import logging
import re
import threading
import unicodedata
from dataclasses import dataclass, field

import jieba
import snowballstemmer
from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import override

from articles.models import Chapter, Item, Paragraph, provision_label
from guide_site.markup import plain_text
from guide_site.pagecache import current_generation

from .models import ActivationMethod, BestBet, Channel, Document, FAQPage, Step, Synonym
from .models import Term as ChineseTerm
from .models.search import split_words

jieba.setLogLevel(logging.WARNING)

LANGUAGES = [code for code, _name in settings.LANGUAGES]
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RUNS = re.compile(rf"[{CJK}]+|[a-z0-9]+")
IS_CJK = re.compile(rf"[{CJK}]")
# What a compact text keeps, to look a whole phrase up in it: letters, digits, Chinese.
NOT_WORD = re.compile(rf"[^a-z0-9{CJK}]+")


def _words(text):
    return frozenset(text.split())


# Words that say nothing about what a reader looks for, dropped from queries.
ENGLISH_STOP = _words(
    """
    a an the i me my mine we our you your it its is are was be been am do does did how
    what where when which who whom why can could should would will shall may might must
    to of in on at by for from with about into and or if then than so this that these
    those there here please want wants need needs get got have has had i'm im
    """
)
CHINESE_STOP = _words(
    """
    的 了 吗 呢 吧 啊 呀 嘛 我 我的 你 您 你的 您的 他 她 怎么 怎样 如何 怎么样 怎么办
    什么 哪里 哪儿 在哪 在哪里 哪个 能 能不能 可以 可不可以
    要 是 在 和 与 及 请问 一下 去 想 一个
    """
)

_stemmer = snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=50_000)
def stem(word):
    return _stemmer.stemWord(word)


_dictionary_words = set()
_dictionary_lock = threading.Lock()


def fold(text):
    return unicodedata.normalize("NFKC", text or "").casefold()


def compact(text):
    """Folded, with nothing but letters, digits and Chinese: for whole-phrase lookups."""
    return NOT_WORD.sub("", fold(text))


def teach_words(words):
    """Add the site's own words to jieba's dictionary, so it cuts them whole. Words stay
    known for the life of the process (a removed term leaves a harmless entry)."""
    new = [w for w in words if IS_CJK.search(w) and w not in _dictionary_words]
    if not new:
        return
    with _dictionary_lock:
        for word in new:
            jieba.add_word(word, freq=200_000)
            _dictionary_words.add(word)
        analyse.cache_clear()


# Editors' markup taken out, once per text: the same texts come back at every rebuild.
_plain = functools.lru_cache(maxsize=20_000)(plain_text)


@dataclass(frozen=True)
class Analysis:
    tokens: frozenset  # every token the text is found by
    compact: str
    stems: tuple  # ((stem, English word), …), for highlighting


@functools.lru_cache(maxsize=20_000)
def analyse(text):
    """Every token a text is found by: jieba's words (fine-grained), every Chinese character
    and bigram; English stems (stop words included: a query drops them anyway). Cached: the
    same texts come back at every rebuild (teach_words() clears it when jieba learns)."""
    tokens, stems = set(), set()
    for run in RUNS.findall(fold(text)):
        if IS_CJK.match(run):
            tokens.update(jieba.cut_for_search(run, HMM=False))
            tokens.update(run)
            tokens.update(run[i : i + 2] for i in range(len(run) - 1))
        else:
            stemmed = stem(run)
            tokens.add(stemmed)
            stems.add((stemmed, run))
    return Analysis(frozenset(tokens), compact(text), tuple(sorted(stems)))


@dataclass
class Term:
    """One thing a query asks for: a word, or a phrase the synonyms know, as its
    alternatives (each a tuple of tokens that must all be there)."""

    alternatives: list
    surfaces: set  # what to highlight in a snippet (Chinese words; English is by stem)
    latin: str = ""  # the English word as typed, for "Did you mean"

    @property
    def key(self):
        return self.alternatives[0]


def query_terms(text):
    """The terms of a query, in order, stop words dropped (unless that leaves nothing)."""
    terms, stopped = [], []
    for run in RUNS.findall(fold(text)):
        if IS_CJK.match(run):
            for word in jieba.lcut(run, HMM=False):
                term = Term([(word,)], {word})
                (stopped if word in CHINESE_STOP else terms).append(term)
        else:
            term = Term([(stem(run),)], set(), latin=run)
            (stopped if run in ENGLISH_STOP else terms).append(term)
    return terms or stopped


@dataclass
class Doc:
    """One searchable thing and where it lives."""

    kind: str  # a key of channels.search.KINDS
    sort: tuple  # its place among equals: the content's own order, in Python (no collation)
    urls: dict  # {language: address with #anchor}
    titles: dict  # {language: title as shown}
    texts: dict  # {language: [texts a snippet may come from]}
    title_tokens: set = field(default_factory=set)
    tokens: set = field(default_factory=set)  # title and body
    title_compact: str = ""
    body_compact: str = ""
    stems: list = field(default_factory=list)  # [(stem, English word)], for highlighting


def _doc(kind, sort, urls, titles, texts, index_titles=None, extra=()):
    """``texts``: {language: [editors' texts a snippet may come from]}; ``index_titles``:
    the title words that count as a title match (the law's provisions have none: their
    labels are found as references); ``extra``: texts the thing is found by without
    showing them (a page's Chinese terms, its steps)."""
    plain = {code: [_plain(t) for t in ts if t] for code, ts in texts.items()}
    doc = Doc(kind, sort, urls, titles, plain)
    title_parts = [t for t in (index_titles if index_titles is not None else titles).values() if t]
    body_parts = [t for ts in plain.values() for t in ts] + [t for t in extra if t]
    title = [analyse(t) for t in title_parts]
    body = [analyse(t) for t in body_parts]
    doc.title_tokens = set().union(*(a.tokens for a in title))
    doc.tokens = doc.title_tokens.union(*(a.tokens for a in body))
    doc.title_compact = "\n".join(a.compact for a in title)
    doc.body_compact = "\n".join(a.compact for a in body)
    doc.stems = [pair for a in title + body for pair in a.stems]
    return doc


def _localized(obj, name):
    return {code: getattr(obj, f"{name}_{code.replace('-', '_')}") or "" for code in LANGUAGES}


def _urls(make):
    urls = {}
    for code in LANGUAGES:
        with override(code):
            urls[code] = make()
    return urls


class Index:
    """The documents, their words (token → the documents that have it, in titles and
    anywhere), the synonyms, the best bets and the article numbers of the law."""

    def __init__(self, docs, synonyms, best_bets, provisions):
        self.docs = docs
        self.synonyms = synonyms  # {tuple of term keys: [alternatives]}
        self.longest_synonym = max((len(k) for k in synonyms), default=1)
        self.best_bets = best_bets  # {compact query: [(urls, titles)]}
        self.provisions = provisions  # {(article, paragraph, item): (urls, law)}
        self.postings, self.title_postings = {}, {}
        for number, doc in enumerate(docs):
            for token in doc.tokens:
                self.postings.setdefault(token, set()).add(number)
            for token in doc.title_tokens:
                self.title_postings.setdefault(token, set()).add(number)
        self.words_of = {}  # {stem: {English words}}: what to highlight for a stem
        for doc in docs:
            for stemmed, word in doc.stems:
                self.words_of.setdefault(stemmed, set()).add(word)
        # The English words the site uses, for "Did you mean".
        self.english = sorted(
            {w for words in self.words_of.values() for w in words if len(w) > 2} - ENGLISH_STOP
        )

    def has(self, token):
        return token in self.postings

    def matching(self, alternatives, postings):
        found = set()
        for tokens in alternatives:
            sets = [postings.get(token) for token in tokens]
            if all(sets):
                found |= set.intersection(*sets)
        return found


def _synonyms():
    """{the terms of one word, as keys: every word of its group as alternatives}."""
    groups = {}
    for synonym in Synonym.objects.all():
        words = split_words(synonym.words)
        teach_words(words)
        analysed = [[term.key for term in query_terms(word)] for word in words]
        alternatives = [tuple(t for key in keys for t in key) for keys in analysed if keys]
        for keys in analysed:
            if keys:
                known = groups.setdefault(tuple(keys), [])
                known.extend(a for a in alternatives if a not in known)
    return groups


def _best_bets():
    bets = {}
    rows = BestBet.objects.select_related("page", "article__law")
    for bet in sorted(rows, key=lambda b: (b.order, b.slug)):
        target = bet.page or bet.article
        if bet.page is not None and bet.page.is_draft:
            continue
        urls = _urls(bet.get_absolute_url)
        titles = {}
        for code in LANGUAGES:
            with override(code):
                titles[code] = str(target.question if bet.page else provision_label(target))
        for query in split_words(bet.queries):
            bets.setdefault(compact(query), []).append((urls, titles))
    return bets


def build():
    """The index of everything public now, from the database (a query per kind)."""
    terms = list(ChineseTerm.objects.all())
    documents = list(Document.objects.published())
    teach_words([t.chinese for t in terms] + [d.name_zh_hans or "" for d in documents])
    synonyms = _synonyms()
    docs = []
    steps = Step.objects.published().select_related("channel", "method")
    pages = FAQPage.objects.published().prefetch_related("terms", Prefetch("steps", steps))
    first_page = {}  # a channel's or method's place: inside the first page that shows it
    for page in pages:
        extra = []
        for step in page.steps.all():
            if step.route is not None:
                first_page.setdefault(step.route.anchor, page)
            extra += [step.title_zh_hans, step.title_en, step.text_zh_hans, step.text_en]
        for term in page.terms.all():
            extra += [term.chinese, term.meaning_zh_hans, term.meaning_en]
        docs.append(
            _doc(
                "faq",
                (0, page.order, page.slug),
                _urls(page.get_absolute_url),
                _localized(page, "question"),
                {
                    code: [
                        _localized(page, "short_answer")[code],
                        _localized(page, "body")[code],
                        _localized(page, "caution")[code],
                    ]
                    for code in LANGUAGES
                },
                extra=[*extra, *_localized(page, "steps_heading").values()],
            )
        )
    for kind, model in (("channel", Channel), ("method", ActivationMethod)):
        for route in model.objects.published():
            page = first_page.get(route.anchor)
            if page is not None:
                urls = _urls(
                    lambda page=page, route=route: f"{page.get_absolute_url()}#{route.anchor}"
                )
            else:
                urls = _urls(route.get_absolute_url)
            fields = ["summary", "how", "where"]
            docs.append(
                _doc(
                    kind,
                    (1, route.order, route.slug),
                    urls,
                    _localized(route, "name"),
                    {code: [_localized(route, f)[code] for f in fields] for code in LANGUAGES},
                    extra=[*_localized(route, "hours").values(), route.phone]
                    if kind == "channel"
                    else [],
                )
            )
    for document in documents:
        docs.append(
            _doc(
                "document",
                (2, document.order, document.slug),
                _urls(document.get_absolute_url),
                _localized(document, "name"),
                {code: [_localized(document, "description")[code]] for code in LANGUAGES},
            )
        )
    provisions = {}
    for chapter in Chapter.objects.select_related("law"):
        titles = {}
        for code in LANGUAGES:
            with override(code):
                titles[code] = f"{chapter.label} {_localized(chapter, 'title')[code]}".strip()
        docs.append(
            _doc(
                "chapter",
                (3, chapter.law.slug, chapter.number, 0, 0, 0),
                _urls(chapter.get_absolute_url),
                titles,
                {code: [] for code in LANGUAGES},
                index_titles=_localized(chapter, "title"),
            )
        )
    paragraphs = Paragraph.objects.select_related("article__law")
    items = Item.objects.select_related("paragraph__article__law")
    articles = {}  # {article number: ({language: address}, {language: label})}
    for provision in [*paragraphs, *items]:
        if isinstance(provision, Item):
            paragraph, item = provision.paragraph, provision.number
        else:
            paragraph, item = provision, None
        article = paragraph.article
        if article.number not in articles:
            # One address and label per article, not per paragraph: reversing is the
            # slowest part of a rebuild.
            article_urls, article_titles = {}, {}
            for code in LANGUAGES:
                with override(code):
                    article_urls[code] = article.get_absolute_url()
                    article_titles[code] = str(provision_label(article))
            articles[article.number] = (article_urls, article_titles)
            provisions.setdefault((article.number, None, None), articles[article.number])
        article_urls = articles[article.number][0]
        titles, urls = {}, {}
        for code in LANGUAGES:
            with override(code):
                titles[code] = str(provision_label(article, paragraph.number, item))
            urls[code] = f"{article_urls[code]}#{provision.anchor}"
        docs.append(
            _doc(
                "law",
                (3, article.law.slug, 1, article.number, paragraph.number, item or 0),
                urls,
                titles,
                {code: [_localized(provision, "text")[code]] for code in LANGUAGES},
                index_titles={},
            )
        )
        provisions.setdefault((article.number, paragraph.number, item), (urls, titles))
    return Index(docs, synonyms, _best_bets(), provisions)


_lock = threading.Lock()
_current = (None, None)  # (generation, Index)


def get_index():
    """This process's index, built again when the content has changed since."""
    global _current
    generation = current_generation()
    built_for, index = _current
    if index is not None and built_for == generation:
        return index
    with _lock:
        built_for, index = _current
        if index is None or built_for != generation:
            index = build()
            _current = (generation, index)
    return index
