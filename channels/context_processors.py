"""The forms every page of the guide shows: the search box in the header, and "Is this page
useful?" / "Report a problem" at the foot. Unbound, they are the same markup on every page
in a language but for the page's own address, so each is rendered once per language and
process (a crispy render costs more than the rest of a small page), and the address put in.
Every template rendered with a request (admin pages, error pages, emails) runs these; the
forms are rendered only when a template shows them."""

from functools import cache

from crispy_forms.utils import render_crispy_form
from django.urls import get_script_prefix, reverse
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override

from guide_site.largetext import normal_path

from .forms import ProblemForm, SearchForm, UsefulForm

# Stands for the page's path in the feedback forms' hidden field, the only place it occurs
# in their markup; replaced by the escaped path, as the field itself would write it.
PAGE_PLACEHOLDER = "__page_path__"


@cache
def _rendered(language, script_prefix):
    # script_prefix: the large-text mode (guide_site/largetext.py) is a prefix of its own,
    # and its forms post and search within it.
    with override(language):
        search = SearchForm(compact=True)
        search.helper.form_action = reverse("channels:search")
        # The feedback forms carry no CSRF token, so the page stays cacheable; see
        # guide_site.security.
        useful = UsefulForm(initial={"page": PAGE_PLACEHOLDER})
        useful.helper.form_action = reverse("channels:feedback_useful")
        problem = ProblemForm(initial={"page": PAGE_PLACEHOLDER}, auto_id="problem-%s")
        problem.helper.form_action = reverse("channels:feedback_problem")
        return tuple(render_crispy_form(form) for form in (search, useful, problem))


class SiteForms:
    def __init__(self, path):
        self.path = path

    def _with_path(self, html):
        return mark_safe(html.replace(PAGE_PLACEHOLDER, escape(self.path)))

    @cached_property
    def search(self):
        return mark_safe(_rendered(get_language(), get_script_prefix())[0])

    @cached_property
    def useful(self):
        return self._with_path(_rendered(get_language(), get_script_prefix())[1])

    @cached_property
    def problem(self):
        return self._with_path(_rendered(get_language(), get_script_prefix())[2])


def site_forms(request):
    # The page as feedback records it: the normal address in either text size.
    return {"site_forms": SiteForms(normal_path(request) if request is not None else "")}
