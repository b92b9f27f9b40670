from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from .forms import ProblemForm, SearchForm, UsefulForm

# Every template rendered with a request (admin pages, error pages, emails) runs these;
# only the site's own pages show the forms, so they are built when a template uses them.


def _search_form():
    form = SearchForm(compact=True)
    form.helper.form_action = reverse("channels:search")
    return form


def site_search(request):
    """The search box in every page's header (a GET form: no token, no cookie)."""
    return {"site_search_form": SimpleLazyObject(_search_form)}


def feedback(request):
    """The "Is this page useful?" and "Report a problem" forms at the foot of content
    pages. They carry no CSRF token, so the page stays cacheable; see guide_site.security."""
    path = request.path if request is not None else ""

    def useful():
        form = UsefulForm(initial={"page": path})
        form.helper.form_action = reverse("channels:feedback_useful")
        return form

    def problem():
        form = ProblemForm(initial={"page": path}, auto_id="problem-%s")
        form.helper.form_action = reverse("channels:feedback_problem")
        return form

    return {"useful_form": SimpleLazyObject(useful), "problem_form": SimpleLazyObject(problem)}
