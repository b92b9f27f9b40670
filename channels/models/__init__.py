"""The service guide, by concern: the content it is built from (``content``), the FAQ pages
that put it together and cite the law (``pages``), the finder (``finder``), readers'
feedback (``feedback``) and old slugs that keep working (``redirects``). The guide points
at the law; the law never points back."""

from .base import Publishable, Status
from .content import ActivationMethod, Channel, Document, Route, Term
from .feedback import Feedback
from .finder import FinderQuestion, FinderRule, Flow
from .pages import ChangeNote, Citation, FAQPage, Step
from .redirects import SlugRedirect
from .search import BestBet, SearchMiss, Synonym

__all__ = [
    "ActivationMethod",
    "BestBet",
    "ChangeNote",
    "Channel",
    "Citation",
    "Document",
    "FAQPage",
    "Feedback",
    "FinderQuestion",
    "FinderRule",
    "Flow",
    "Publishable",
    "Route",
    "SearchMiss",
    "SlugRedirect",
    "Status",
    "Step",
    "Synonym",
    "Term",
]
