"""The service guide, by concern: the content it is built from (``content``), the FAQ pages
that put it together and cite the law (``pages``), step-by-step journeys through them
(``journeys``), the finder (``finder``), readers' feedback (``feedback``), old slugs
that keep working (``redirects``) and what the content rests on and how it stands today
(``sources``). The guide points
at the law; the law never points back."""

from .base import Publishable, Status
from .content import ActivationMethod, Channel, Document, Route, Shows, Term
from .feedback import Feedback
from .finder import FinderQuestion, FinderRule, Flow
from .journeys import Journey, JourneyStep
from .pages import ChangeNote, Citation, FAQPage, Step
from .redirects import SlugRedirect
from .search import BestBet, SearchMiss, Synonym
from .sources import Source, Standing

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
    "Journey",
    "JourneyStep",
    "Publishable",
    "Route",
    "SearchMiss",
    "Shows",
    "SlugRedirect",
    "Source",
    "Standing",
    "Status",
    "Step",
    "Synonym",
    "Term",
]
