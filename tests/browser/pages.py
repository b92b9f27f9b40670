"""The one list of page types that the browser, accessibility and validity tests walk.

Each entry is one kind of page a reader meets; a new kind of page (the channel finder,
search, the feedback form…) is covered by every check once it has a line here. Paths are
given without the language prefix: every page type is checked in both languages.
"""

from dataclasses import dataclass

LANGUAGES = ("zh-hans", "en")


@dataclass(frozen=True)
class PageType:
    name: str
    path: str  # after /<language>/
    status: int = 200

    def url(self, base, language):
        return f"{base}/{language}/{self.path}"

    def __str__(self):
        return self.name


PAGE_TYPES = [
    PageType("home", ""),
    PageType("faq", "questions/check-balance/"),
    # The same template with a caution box and no Chinese-terms table in Chinese.
    PageType("faq-caution", "questions/activate-card/"),
    PageType("ways", "ways/"),
    PageType("documents", "documents/"),
    PageType("law-list", "law/"),
    PageType("law", "law/social-insurance-law/"),
    PageType("article", "law/social-insurance-law/article/74/"),
    PageType("not-found", "law/social-insurance-law/article/999/", status=404),
    PageType("finder", "finder/balance/"),
    PageType(
        "finder-result",
        "finder/balance/result/?card=yes&password=no&app=yes&person=no&office-hours=yes",
    ),
    # A tampered query string: the questions again with an error summary.
    PageType("finder-errors", "finder/activation/result/?card-and-id=maybe", status=400),
    PageType("search", "search/?q=%E6%BF%80%E6%B4%BB"),  # 激活
    PageType("search-empty", "search/"),
    PageType("feedback-problem", "feedback/problem/?page=/en/"),
    PageType("feedback-thanks", "feedback/thanks/?page=/en/"),
]

# Every page type in every language, for pytest.mark.parametrize.
PAGES_BY_LANGUAGE = [(page_type, language) for page_type in PAGE_TYPES for language in LANGUAGES]
PAGE_IDS = [f"{page_type.name}-{language}" for page_type, language in PAGES_BY_LANGUAGE]
