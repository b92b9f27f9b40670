from urllib.parse import urlencode

from django.db.models import OuterRef, Prefetch, StringAgg, Subquery, Value
from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import render
from django.urls import resolve, reverse
from django.utils.translation import get_language, get_language_from_path, override
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guide_site.flatfetch import attach, fetch_flat
from guide_site.pagecache import ANY_QUERY, public_page
from guide_site.ratelimit import allow
from guide_site.security import same_origin_post

from .finder import questions_for, recommend
from .forms import FinderForm, ProblemForm, SearchForm, UsefulForm
from .models import (
    ActivationMethod,
    Channel,
    Document,
    FAQPage,
    Feedback,
    FinderRule,
    Flow,
    SlugRedirect,
    Step,
)
from .preview import previewable
from .search import MAX_QUERY_LENGTH, MAX_RESULTS, clean_query, search
from .structured_data import faq_page


def keep_old_anchors(*groups):
    """Channels, methods and documents live at #anchors on list pages, which no server
    redirect can reach. A renamed one also carries its old anchors, so a reader's link to
    …/ways/#channel-old-slug still lands on it. One query for all the groups given."""
    old_slugs = SlugRedirect.objects.old_slugs()
    for items in groups:
        for item in items:
            olds = old_slugs.get((item.redirect_kind, item.slug), [])
            item.old_anchors = [f"{item.redirect_kind}-{slug}" for slug in olds]
    return groups[0] if len(groups) == 1 else groups


def with_old_slugs(queryset):
    """The same, inside the query that fetches the rows: a page that already makes three
    queries gets its old anchors without a fourth."""
    kind = queryset.model.redirect_kind
    olds = (
        SlugRedirect.objects.filter(kind=kind, new_slug=OuterRef("slug"))
        .order_by()
        .values("new_slug")
        .annotate(text=StringAgg("old_slug", delimiter=Value(" ")))
        .values("text")
    )
    rows = list(queryset.annotate(old_slugs_text=Subquery(olds)))
    for row in rows:
        row.old_anchors = [f"{kind}-{slug}" for slug in (row.old_slugs_text or "").split()]
    return rows


@public_page
@previewable
def home(request):
    pages = FAQPage.objects.visible(request.preview)
    hotline = Channel.objects.published().exclude(phone="").first()
    return render(request, "channels/home.html", {"pages": pages, "hotline": hotline})


@public_page
@previewable
def faq_detail(request, slug):
    preview = request.preview
    pages = FAQPage.objects.visible(preview)
    # Two queries whatever the page holds: the page with its citations (and their articles
    # and law), its Chinese terms and its change notes (short lists, so their product stays
    # small); then its steps with their channels or methods and what to bring for each.
    found = fetch_flat(pages.filter(slug=slug), "citations__article__law", "terms", "change_notes")
    if not found:
        # A page renamed by an editor keeps its old address, for good.
        new_slug = SlugRedirect.objects.target(SlugRedirect.Kind.FAQ, slug)
        if new_slug and pages.filter(slug=new_slug).exists():
            return HttpResponsePermanentRedirect(reverse("channels:faq", kwargs={"slug": new_slug}))
        raise Http404
    page = found[0]
    # Staff see every step, a draft channel or method among them marked as such.
    steps = Step.objects.all() if preview else Step.objects.public()
    steps = fetch_flat(steps.filter(page=page), "channel__documents", "method__documents")
    for step in steps:
        step.page = page
    attach(page, "steps", steps)
    keep_old_anchors([step.route for step in steps if step.route])
    crumbs = [{"name": page.question, "url": None}]
    context = {
        "page": page,
        "crumbs": crumbs,
        "change_notes": list(page.change_notes.all()),
        "structured_data": [faq_page(request, page)],
    }
    return render(request, "channels/faq_detail.html", context)


@public_page
@previewable
def overview(request):
    preview = request.preview
    # One query each: the routes with what to bring for them; one for their old anchors.
    channels, methods = keep_old_anchors(
        fetch_flat(Channel.objects.visible(preview), "documents"),
        fetch_flat(ActivationMethod.objects.visible(preview), "documents"),
    )
    return render(
        request,
        "channels/overview.html",
        {
            "channels": channels,
            "methods": methods,
            "crumbs": [{"name": _("Ways to do it"), "url": None}],
        },
    )


@public_page
@previewable
def documents(request):
    preview = request.preview
    return render(
        request,
        "channels/documents.html",
        {
            # Three queries: the documents with their old anchors, and the channels and
            # methods asking for them.
            "documents": with_old_slugs(
                Document.objects.prefetch_related(
                    Prefetch("channels", queryset=Channel.objects.visible(preview)),
                    Prefetch(
                        "activationmethods", queryset=ActivationMethod.objects.visible(preview)
                    ),
                )
            ),
            "crumbs": [{"name": _("What to bring"), "url": None}],
        },
    )


# --- Which way suits me? -------------------------------------------------------------


def _flow_or_404(flow):
    if flow not in Flow.values:
        raise Http404
    return Flow(flow)


@public_page(query=ANY_QUERY)  # the content names the questions
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


@public_page(query=ANY_QUERY)
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
        fits, ruled_out = recommend(flow, form.cleaned_data, questions)
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


@public_page(query=["q"])
def search_page(request):
    raw = request.GET.get("q", "")
    query, was_cut = clean_query(raw if isinstance(raw, str) else "")
    form = SearchForm({"q": query})
    form.helper.form_action = reverse("channels:search")
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


@public_page(query=["page"])
def feedback_thanks(request):
    path = _page_path(request.GET.get("page"))
    response = render(
        request,
        "channels/feedback_thanks.html",
        {"page_path": path, "crumbs": [{"name": _("Thank you"), "url": None}]},
    )
    response["X-Robots-Tag"] = "noindex"
    return response
