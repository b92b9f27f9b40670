from django.urls import reverse

from .forms import ProblemForm, SearchForm, UsefulForm


def site_search(request):
    """The search box in every page's header (a GET form: no token, no cookie)."""
    form = SearchForm(compact=True)
    form.helper.form_action = reverse("channels:search")
    return {"site_search_form": form}


def feedback(request):
    """The "Is this page useful?" and "Report a problem" forms at the foot of content
    pages. They carry no CSRF token, so the page stays cacheable; see guide_site.security."""
    path = request.path if request is not None else ""
    useful = UsefulForm(initial={"page": path})
    useful.helper.form_action = reverse("channels:feedback_useful")
    problem = ProblemForm(initial={"page": path}, auto_id="problem-%s")
    problem.helper.form_action = reverse("channels:feedback_problem")
    return {"useful_form": useful, "problem_form": problem}
