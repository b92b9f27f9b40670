from urllib.parse import urlencode

from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import resolve, reverse
from django.utils.translation import get_language, get_language_from_path, override
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guide_site.ratelimit import allow
from guide_site.security import same_origin_post

from .finder import questions_for, recommend
from .forms import FinderForm, ProblemForm, SearchForm, UsefulForm
from .models import (
    ActivationMethod,
    Channel,
    Citation,
    Document,
    FAQPage,
    Feedback,
    FinderRule,
    Flow,
    Step,
)
from .search import MAX_QUERY_LENGTH, MAX_RESULTS, clean_query, search


def home(request):
    pages = FAQPage.objects.published()
    hotline = Channel.objects.published().exclude(phone="").first()
    return render(request, "channels/home.html", {"pages": pages, "hotline": hotline})


def faq_detail(request, slug):
    steps = (
        Step.objects.public()
        .select_related("channel", "method")
        .prefetch_related("channel__documents", "method__documents")
    )
    citations = Citation.objects.select_related("article__law")
    page = get_object_or_404(
        FAQPage.objects.published().prefetch_related(
            Prefetch("steps", queryset=steps),
            Prefetch("citations", queryset=citations),
            "terms",
        ),
        slug=slug,
    )
    crumbs = [{"name": page.question, "url": None}]
    return render(request, "channels/faq_detail.html", {"page": page, "crumbs": crumbs})


def overview(request):
    return render(
        request,
        "channels/overview.html",
        {
            "channels": Channel.objects.published().prefetch_related("documents"),
            "methods": ActivationMethod.objects.published().prefetch_related("documents"),
            "crumbs": [{"name": _("Ways to do it"), "url": None}],
        },
    )


def documents(request):
    return render(
        request,
        "channels/documents.html",
        {
            "documents": Document.objects.prefetch_related(
                Prefetch("channels", queryset=Channel.objects.published()),
                Prefetch("activationmethods", queryset=ActivationMethod.objects.published()),
            ),
            "crumbs": [{"name": _("What to bring"), "url": None}],
        },
    )


# --- Which way suits me? -------------------------------------------------------------


def _flow_or_404(flow):
    if flow not in Flow.values:
        raise Http404
    return Flow(flow)


def finder(request, flow):
    """The questions, all on one page. Answers already in the query string (from "Change
    your answers") come back filled in; nothing is validated until the reader submits."""
    flow = _flow_or_404(flow)
    questions = questions_for(flow)
    if not questions:
        raise Http404
    initial = {
        q.slug: request.GET[q.slug]
        for q in questions
        if request.GET.get(q.slug) in FinderRule.Answer.values
    }
    form = FinderForm(questions, initial=initial)
    return render(
        request,
        "channels/finder.html",
        {"form": form, "flow": flow, "crumbs": [{"name": flow.label, "url": None}]},
    )


def finder_result(request, flow):
    flow = _flow_or_404(flow)
    questions = questions_for(flow)
    if not questions:
        raise Http404
    form = FinderForm(questions, request.GET)
    context = {"form": form, "flow": flow, "crumbs": [{"name": flow.label, "url": None}]}
    if not form.is_valid():
        # A tampered or incomplete query string: the questions again, with what is wrong.
        response = render(request, "channels/finder.html", context, status=400)
    else:
        fits, ruled_out = recommend(flow, form.cleaned_data)
        answers = urlencode({q.slug: form.cleaned_data[q.slug] for q in questions})
        context.update(
            {
                "fits": fits,
                "ruled_out": ruled_out,
                "answers": [(q, form.cleaned_data[q.slug]) for q in questions],
                "change_url": f"{reverse('channels:finder', args=[flow])}?{answers}",
            }
        )
        response = render(request, "channels/finder_result.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


# --- Search ----------------------------------------------------------------------------


def search_page(request):
    raw = request.GET.get("q", "")
    query, was_cut = clean_query(raw if isinstance(raw, str) else "")
    form = SearchForm({"q": query})
    results = search(query) if query else []
    shown = results[:MAX_RESULTS]
    response = render(
        request,
        "channels/search.html",
        {
            "form": form,
            "query": query,
            "was_cut": was_cut,
            "max_length": MAX_QUERY_LENGTH,
            "results": shown,
            "total": len(results),
            "crumbs": [{"name": _("Search"), "url": None}],
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response


# --- Is this page useful? --------------------------------------------------------------

FEEDBACK_LIMIT = 10  # posts per client
FEEDBACK_WINDOW = 600  # seconds


def _page_path(value):
    """Only store paths of our own public pages, in either language."""
    if not isinstance(value, str) or not value.startswith("/") or value.startswith("//"):
        return None
    language = get_language_from_path(value)
    if language is None:
        return None
    try:
        with override(language):
            resolve(value)
    except Http404:
        return None
    return value[:300]


def _page_language(path):
    return get_language_from_path(path) or get_language()


def _thanks(request, path):
    url = reverse("channels:feedback_thanks")
    if path:
        url += "?" + urlencode({"page": path})
    return HttpResponseRedirect(url, status=303)


@require_POST
@same_origin_post
def feedback_useful(request):
    form = UsefulForm(request.POST)
    path = _page_path(request.POST.get("page"))
    # Spam and floods are dropped quietly: the sender sees the same thanks either way.
    if form.is_valid() and path and allow(request, "feedback", FEEDBACK_LIMIT, FEEDBACK_WINDOW):
        Feedback.objects.create(
            kind=Feedback.Kind.USEFUL,
            path=path,
            language=_page_language(path),
            useful=form.cleaned_data["useful"] == "yes",
        )
    return _thanks(request, path)


@same_origin_post
def feedback_problem(request):
    path = _page_path(request.POST.get("page") or request.GET.get("page"))
    if request.method == "POST":
        form = ProblemForm(request.POST)
        if form.is_spam:
            return _thanks(request, path)
        if form.is_valid() and path:
            if allow(request, "feedback", FEEDBACK_LIMIT, FEEDBACK_WINDOW):
                Feedback.objects.create(
                    kind=Feedback.Kind.PROBLEM,
                    path=path,
                    language=_page_language(path),
                    doing=form.cleaned_data["doing"],
                    wrong=form.cleaned_data["wrong"],
                )
            return _thanks(request, path)
        status = 400
    else:
        form = ProblemForm(initial={"page": path or ""})
        status = 200
    response = render(
        request,
        "channels/feedback_problem.html",
        {"form": form, "page_path": path, "crumbs": [{"name": _("Report a problem"), "url": None}]},
        status=status,
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def feedback_thanks(request):
    path = _page_path(request.GET.get("page"))
    response = render(
        request,
        "channels/feedback_thanks.html",
        {"page_path": path, "crumbs": [{"name": _("Thank you"), "url": None}]},
    )
    response["X-Robots-Tag"] = "noindex"
    return response
