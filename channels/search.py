"""Site search over the guide and the whole law, in both languages, from the in-memory index
(``channels.searchindex``).

How results are ranked, best first:

1. A reference to a provision (第七十四条, 第74条第四款, 社保法第四条, Art. 74, article 74
   paragraph 4) puts that provision first, linked to its anchor.
2. Best bets: pages editors pinned to a query (the whole query, case, spaces and
   punctuation aside).
3. Everything else by score: each query word weighs more the rarer it is in the content
   (IDF); a word in a title counts three times a word in the text; the whole query as one
   phrase adds as much again as all its words (twice that in a title); a thing that has
   only some of the words is scaled down by the share it has, and one with less than half
   of it is left out. Ties: FAQ pages, then the ways, what to bring, the law, each in its
   own order.

Synonyms (editors' content) widen a word to its group: 户口本 also finds 户口簿. When nothing
is found and a word looks like a misspelling of a word the site uses (activte), the closest
one is offered ("Did you mean: activate") and its results are shown.
"""

import math
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from rapidfuzz import fuzz, process

from articles.references import parse_reference
from guide_site.languages import bcp47, mark_chinese
from guide_site.markup import plain_text

from .searchindex import Term, compact, get_index, query_terms

MAX_QUERY_LENGTH = 100
MAX_TERMS = 12  # words of a query that are looked up: a long query costs no more
MAX_RESULTS = 20  # shown: past the twentieth, a reader adds a word rather than reads on
SNIPPET_RADIUS = 60
TITLE_WEIGHT = 3
MIN_SHARE = 0.5  # of a query's weight a thing must have to be shown
TYPO_CUTOFF = 75  # how alike (0–100) a known word must be to be offered for a typo

KINDS = {  # (label, rank among equals)
    "faq": (_("Question"), 0),
    "channel": (_("Way to check a balance"), 1),
    "method": (_("Way to activate a card"), 1),
    "document": (_("What to bring"), 2),
    "chapter": (_("The law"), 3),
    "law": (_("The law"), 3),
}
LANGUAGE_LABELS = {"zh-hans": _("In Chinese"), "en": _("In English")}


@dataclass
class Result:
    kind: str
    title: str
    url: str
    snippet: str
    score: float
    rank: int
    title_lang: str = ""  # set when the title is in the other language than the page's
    snippet_lang: str = ""  # the same for the snippet
    pinned: bool = False  # a provision named in the query, or an editor's best bet

    @property
    def language_label(self):
        """ "In English" / "In Chinese" for a result shown in the other language."""
        lang = self.snippet_lang or self.title_lang
        return LANGUAGE_LABELS.get(lang.lower(), "") if lang else ""


@dataclass
class Outcome:
    """What a search found: results, and for a query with none, the closest known words."""

    query: str
    results: list = field(default_factory=list)
    suggestion: str = ""  # "Did you mean": a query made of words the site knows
    corrected: bool = False  # the results are for the suggestion: the query found nothing
    total: int = 0  # all that matched; ``results`` holds the first MAX_RESULTS

    @property
    def suggestion_url(self):
        from django.urls import reverse

        return f"{reverse('channels:search')}?{urlencode({'q': self.suggestion})}"

    @property
    def found_nothing(self):
        return not self.results or self.corrected

    # A list-like outcome, so ``search(q)[0]`` and ``len(search(q))`` read naturally.
    def __getitem__(self, index):
        return self.results[index]

    def __len__(self):
        return len(self.results)

    def __iter__(self):
        return iter(self.results)

    def __eq__(self, other):
        if isinstance(other, list):
            return self.results == other
        return NotImplemented


def clean_query(raw):
    """Drop control characters (NUL and friends break some databases), fold white space,
    cut to MAX_QUERY_LENGTH. Returns (query, was_cut)."""
    text = "".join(ch for ch in raw if unicodedata.category(ch)[0] != "C" or ch in " \t")
    text = " ".join(text.split())
    return text[:MAX_QUERY_LENGTH].strip(), len(text) > MAX_QUERY_LENGTH


# Where a snippet may start or end: after white space or punctuation, Chinese included.
BOUNDARY = re.compile(r"[\s,.;:!?，。；：、！？（）()“”]")
BOUNDARY_REACH = 20  # how far to look for one before cutting inside a word


def _cut_start(text, start):
    for i in range(start, max(0, start - BOUNDARY_REACH) - 1, -1):
        if i == 0 or BOUNDARY.match(text[i - 1]):
            return i
    return start


def _cut_end(text, end):
    for i in range(end, min(len(text), end + BOUNDARY_REACH) + 1):
        if i == len(text) or BOUNDARY.match(text[i]):
            return i
    return end


def _pattern(words):
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        return None
    # English words whole (not "card" inside "discarded"); Chinese anywhere.
    parts = [rf"\b{re.escape(w)}\b" if w.isascii() else re.escape(w) for w in words]
    return re.compile("|".join(parts), re.I)


def snippet(text, words, plain=False, pattern=None):
    """A short stretch of text around the first match, cut at a word or phrase boundary,
    every match wrapped in <mark>. ``plain``: the text is plain already (no markup)."""
    if not text:
        return ""
    if not plain:
        text = plain_text(text)
    pattern = pattern or _pattern(words)
    first = pattern.search(text) if pattern else None
    start = _cut_start(text, max(0, first.start() - SNIPPET_RADIUS) if first else 0)
    width = 2 * SNIPPET_RADIUS + (first.end() - first.start() if first else 0)
    end = _cut_end(text, min(len(text), start + width))
    window = text[start:end].strip()
    parts, last = [], 0
    for match in pattern.finditer(window) if pattern else ():
        parts.append(escape(window[last : match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    parts.append(escape(window[last:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # every piece escaped above


def _languages(current):
    return [current, *(code for code in LANGUAGE_LABELS if code != current)]


def _other(language, current):
    """The lang attribute for text in ``language``: empty when it is the page's."""
    return "" if language == current else bcp47(language)


def _expand(terms, index):
    """Widen words to their synonym groups (the longest run of words a group knows wins),
    then look up by bigrams a Chinese word the content never has as a word."""
    expanded, i = [], 0
    while i < len(terms):
        for length in range(min(index.longest_synonym, len(terms) - i), 0, -1):
            run = terms[i : i + length]
            group = index.synonyms.get(tuple(term.key for term in run))
            if group:
                surfaces = set().union(*(term.surfaces for term in run))
                surfaces |= {"".join(a) for a in group if all(not t.isascii() for t in a)}
                latin = " ".join(term.latin for term in run if term.latin)
                expanded.append(Term(list(group), surfaces, latin))
                i += length
                break
        else:
            expanded.append(terms[i])
            i += 1
    for term in expanded:
        alternatives = []
        for tokens in term.alternatives:
            if tokens not in alternatives and all(index.has(t) for t in tokens):
                alternatives.append(tokens)
            # A Chinese word of three or more characters is also found by its pairs of
            # characters: jieba may have cut the content's text differently (社会保险 in
            # 社会保险法), or not know the word at all.
            split = []
            for token in tokens:
                if token.isascii() or len(token) < 3:
                    split.append(token)
                else:
                    split += [token[j : j + 2] for j in range(len(token) - 1)]
            if tuple(split) not in alternatives:
                alternatives.append(tuple(split))
        term.alternatives = alternatives
    return expanded[:MAX_TERMS]


def _highlights(terms, index):
    """The words to mark in snippets: Chinese words as asked, English words by stem."""
    words = set()
    for term in terms:
        words |= term.surfaces
        for tokens in term.alternatives:
            for token in tokens:
                if token.isascii():
                    words |= index.words_of.get(token, set())
                else:
                    words.add(token)
    return words


def _result(doc, score, pattern, language):
    label, rank = KINDS[doc.kind]
    languages = _languages(language)
    title_language = next((c for c in languages if doc.titles.get(c)), language)
    text, text_language = "", language
    for code in languages:  # the first text with a match, in the page's language first
        found = next((t for t in doc.texts.get(code, []) if pattern and pattern.search(t)), "")
        if found:
            text, text_language = found, code
            break
    else:
        for code in languages:
            text = next(iter(doc.texts.get(code, [])), "")
            if text:
                text_language = code
                break
    title, excerpt = (
        doc.titles.get(title_language, ""),
        snippet(text, (), plain=True, pattern=pattern),
    )
    # Chinese words in English text (京通, 北京人社) carry their language, as on every page.
    if title_language == "en":
        title = mark_chinese(escape(title))
    if text_language == "en":
        excerpt = mark_chinese(excerpt)
    return Result(
        label,
        title,
        doc.urls.get(language, doc.urls["en"]),
        excerpt,
        score,
        rank,
        title_lang=_other(title_language, language),
        snippet_lang=_other(text_language, language) if text else "",
    )


def _pinned(query, index):
    """The provision a query names, then editors' best bets for it."""
    pins = []
    reference = parse_reference(query)
    if reference is not None:
        found = index.provisions.get((reference.article, reference.paragraph, reference.item))
        if found is None and reference.paragraph:  # a paragraph or item it does not have
            found = index.provisions.get((reference.article, None, None))
        if found is not None:
            urls, titles = found
            pins.append((urls, titles, "law"))
    for urls, titles in index.best_bets.get(compact(query), []):
        pins.append((urls, titles, "faq" if "/questions/" in urls.get("en", "") else "law"))
    language = get_language()
    results, seen = [], set()
    for urls, titles, kind in pins:
        url = urls.get(language, urls["en"])
        if url in seen:
            continue
        seen.add(url)
        label, rank = KINDS[kind]
        results.append(
            Result(label, titles.get(language, ""), url, "", math.inf, rank, pinned=True)
        )
    return results


def _ranked(query, terms, index):
    """[(score, doc)] best first, for the expanded terms."""
    if not terms:
        return []
    total = len(index.docs)
    weights, anywhere, in_title = [], [], []
    for term in terms:
        docs = index.matching(term.alternatives, index.postings)
        if not docs:  # a word the site never uses weighs nothing (it cannot be matched)
            continue
        anywhere.append(docs)
        in_title.append(index.matching(term.alternatives, index.title_postings) & docs)
        weights.append(math.log(1 + total / (1 + len(docs))))
    if not anywhere:
        return []
    whole = sum(weights)
    phrase = compact(query)
    scored = []
    for number in set().union(*anywhere):
        doc = index.docs[number]
        have = sum(w for w, docs in zip(weights, anywhere, strict=True) if number in docs)
        share = have / whole if whole else 0
        if share < MIN_SHARE and len(weights) > 1:
            continue
        score = sum(
            w * (TITLE_WEIGHT if number in titles else 1)
            for w, docs, titles in zip(weights, anywhere, in_title, strict=True)
            if number in docs
        )
        score *= share * share
        if len(phrase) > 1 and phrase in doc.title_compact:
            score += 2 * whole * TITLE_WEIGHT
        elif len(phrase) > 1 and phrase in doc.body_compact:
            score += whole
        scored.append((score, doc))
    scored.sort(key=lambda pair: (-pair[0], KINDS[pair[1].kind][1], pair[1].sort))
    return scored


def _correct(terms, index):
    """The query with each English word the content lacks replaced by the closest word it
    has, or "" when there is none to offer."""
    words, changed = [], False
    for term in terms:
        missing = not any(index.has(t) for a in term.alternatives for t in a)
        if term.latin and missing and len(term.latin) > 3 and not term.latin.isdigit():
            match = process.extractOne(
                term.latin, index.english, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF
            )
            if match:
                words.append(match[0])
                changed = True
                continue
        words.append(term.latin or "".join(sorted(term.surfaces)))
    return " ".join(w for w in words if w) if changed else ""


def search(query):
    """An Outcome: the results for ``query`` (already cleaned) best first, pinned ones on
    top; for a query that finds nothing, the closest known words and their results."""
    outcome = Outcome(query)
    if not query.strip():
        return outcome
    index = get_index()
    pinned = _pinned(query, index)
    terms = _expand(query_terms(query)[:MAX_TERMS], index)
    ranked = None
    # An English word the site never uses, close to one it does: offer that one, and show
    # its results when there are any.
    suggestion = _correct(terms, index) if not pinned else ""
    if suggestion:
        outcome.suggestion = suggestion
        fixed = _expand(query_terms(suggestion)[:MAX_TERMS], index)
        ranked = _ranked(suggestion, fixed, index)
        if ranked:
            terms, outcome.corrected = fixed, True
    if not ranked:
        ranked = _ranked(query, terms, index)
    language = get_language()
    seen = {result.url for result in pinned}
    results = list(pinned)
    for score, doc in ranked:
        url = doc.urls.get(language, doc.urls["en"])
        if url in seen:
            continue
        seen.add(url)
        results.append((score, doc))
    # Snippets only for what is shown.
    outcome.total = len(results)
    pattern = _pattern(_highlights(terms, index))
    outcome.results = [
        item if isinstance(item, Result) else _result(item[1], item[0], pattern, language)
        for item in results[:MAX_RESULTS]
    ]
    return outcome
