from functools import lru_cache
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.core import signing
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import resolve, reverse
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_from_path, override
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guide_site.contentapps import page_anchors
from guide_site.largetext import normal_urls
from guide_site.markup import plain_text
from guide_site.pagecache import ANY_QUERY, current_generation, public_page
from guide_site.ratelimit import allow
from guide_site.security import same_origin_post

from .finder import questions_for, recommend
from .forms import FinderForm, ProblemForm, ReasonForm, SearchForm, UsefulForm
from .models import (
    ActivationMethod,
    ChangeNote,
    Channel,
    Citation,
    Document,
    FAQPage,
    Feedback,
    FinderRule,
    Flow,
    Journey,
    JourneyStep,
    SearchMiss,
    SlugRedirect,
    Source,
    Step,
)
from .models.sources import Standing
from .preview import previewable
from .scrub import scrub
from .search import MAX_QUERY_LENGTH, clean_query, search
from .structured_data import faq_page


def with_old_anchors(items):
    """Channels, methods and documents live at #anchors on list pages, which no server
    redirect can reach. A renamed one also carries its old anchors, so a reader's link to
    …/ways/#channel-old-slug still lands on it. One query, whatever the items."""
    items = list(items)
    old_slugs = SlugRedirect.objects.old_slugs()
    for item in items:
        olds = old_slugs.get((item.redirect_kind, item.slug), [])
        item.old_anchors = [f"{item.redirect_kind}-{slug}" for slug in olds]
    return items


def _noindex(response):
    response["X-Robots-Tag"] = "noindex"
    return response


@public_page
@previewable
def home(request):
    pages = FAQPage.objects.visible(request.preview)
    hotline = Channel.objects.published().exclude(phone="").first()
    journeys = Journey.objects.visible(request.preview)
    return render(
        request,
        "channels/home.html",
        {"pages": pages, "hotline": hotline, "journeys": journeys},
    )


CHANGE_NOTES_SHOWN = 5
REDIRECT_MAX_AGE = 60 * 60  # seconds a browser may keep an old slug's redirect


@public_page
@previewable
def faq_detail(request, slug):
    preview = request.preview
    pages = FAQPage.objects.visible(preview)
    # A query per relation, whatever the page holds: steps (with their channels, methods and
    # what to bring for each), citations (with their articles and law), terms, change notes.
    # Only the latest change notes: the page's history does not make it slower to render.
    steps = Step.objects.visible(preview).select_related("channel", "method")
    found = (
        pages.filter(slug=slug)
        .annotate(change_note_count=Count("change_notes"))
        .prefetch_related(
            Prefetch(
                "steps",
                queryset=steps.prefetch_related(
                    "channel__documents",
                    "method__documents",
                    "channel__sources",
                    "method__sources",
                    "sources",
                ),
            ),
            "sources",
            Prefetch("citations", queryset=Citation.objects.select_related("article__law")),
            "terms",
            Prefetch(
                "change_notes",
                queryset=ChangeNote.objects.all()[:CHANGE_NOTES_SHOWN],
                to_attr="latest_change_notes",
            ),
        )
    )
    page = found.first()
    if page is None:
        # A page renamed by an editor keeps its old address, for good.
        new_slug = SlugRedirect.objects.target(SlugRedirect.Kind.FAQ, slug)
        if new_slug and pages.filter(slug=new_slug).exists():
            response = HttpResponsePermanentRedirect(
                reverse("channels:faq", kwargs={"slug": new_slug})
            )
            # Browsers keep a permanent redirect for as long as they are allowed to, and a
            # page renamed A → B → A would send a reader who kept "A → B" round in a loop
            # (B now leads to A). An hour bounds that; shared caches get the usual minute.
            patch_cache_control(
                response,
                public=True,
                max_age=REDIRECT_MAX_AGE,
                s_maxage=settings.PAGE_CACHE_SHARED_MAX_AGE,
            )
            return response
        raise Http404
    with_old_anchors(step.route for step in page.steps.all() if step.route)
    context = {
        "page": page,
        "journeys": journeys_through(page, preview),
        "crumbs": [{"name": page.question, "url": None}],
        "change_notes": page.latest_change_notes,
        "more_change_notes": page.change_note_count > CHANGE_NOTES_SHOWN,
        "structured_data": [faq_page(request, page)],
    }
    return render(request, "channels/faq_detail.html", context)


def _journeys(preview):
    """Journeys with their steps and the steps' pages: two queries, whatever they hold."""
    steps = JourneyStep.objects.select_related("page")
    return Journey.objects.visible(preview).prefetch_related(Prefetch("steps", queryset=steps))


def _with_links(journey, preview):
    """Each step's ``url``: its page (at the anchor), or "" while that page is a draft the
    reader may not see."""
    for step in journey.steps.all():
        visible = step.page is not None and (preview or not step.page.is_draft)
        step.url = step.link() if visible else ""


def journeys_through(page, preview=False):
    """The journeys a FAQ page is part of, each with its numbered steps and the ones on this
    page marked ``current`` (for the "Part of: Step by step" box)."""
    found = []
    for journey in _journeys(preview).filter(steps__page=page).distinct():
        groups, if_wrong = journey.sections()
        _with_links(journey, preview)
        # The steps this page explains; a page that is one of the main steps is not also
        # marked as "if something goes wrong" help it happens to give.
        here = [step for step in journey.steps.all() if step.page_id == page.pk]
        main = [step for step in here if not step.if_wrong]
        for step in main or here:
            step.current = True
        found.append({"journey": journey, "groups": groups, "if_wrong": if_wrong})
    return found


@public_page
@previewable
def journey_detail(request, slug):
    journey = get_object_or_404(_journeys(request.preview), slug=slug)
    groups, if_wrong = journey.sections()
    _with_links(journey, request.preview)
    return render(
        request,
        "channels/journey_detail.html",
        {
            "journey": journey,
            "groups": groups,
            "if_wrong": if_wrong,
            "crumbs": [{"name": journey.title, "url": None}],
        },
    )


def qr_svg(data, title):
    """A QR code for ``data`` as inline SVG, drawn here (segno: no network, no image file).
    Error correction M survives a crease or a smudge on paper; a quiet zone of four modules
    is what readers need to find it."""
    code = segno.make_qr(data, error="m")
    svg = code.svg_inline(
        scale=4, border=4, title=title, svgclass="qr-code", lineclass=None, omitsize=True
    )
    # segno's own markup, with nothing an editor or a visitor typed in it but the title,
    # which segno escapes. role="img" so the title is its accessible name.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))


@public_page
@previewable
def counter_sheet(request, slug):
    """One printable sheet for a page that ends at a counter: what to bring as a checklist,
    the steps in Chinese and English side by side, the Chinese terms, the hotline and a QR
    code of the page's address. ``noindex``: it repeats the FAQ page, which is the page a
    search should lead to."""
    preview = request.preview
    steps = Step.objects.visible(preview).select_related("channel", "method")
    page = get_object_or_404(
        FAQPage.objects.visible(preview)
        .filter(counter_sheet=True)
        .prefetch_related(
            Prefetch(
                "steps",
                queryset=steps.prefetch_related("channel__documents", "method__documents"),
            ),
            "terms",
        ),
        slug=slug,
    )
    documents, rows = {}, []
    for step in page.steps.all():
        if step.route and step.route.standing == Standing.HISTORY:
            continue  # what the source article said of older cards: nothing to do today
        if step.route:
            for document in step.route.documents.all():
                documents.setdefault(document.pk, document)
        # Paper: each language's title and text as plain words (no links to follow).
        rows.append(
            {
                code: {
                    "title": getattr(step.heading_source, f"title_{code}", "")
                    or getattr(step.route, f"name_{code}", ""),
                    "text": plain_text(
                        getattr(step.text_source, f"text_{code}", "")
                        or getattr(step.route, f"summary_{code}", "")
                    ),
                }
                for code in ("zh_hans", "en")
            }
        )
    address = request.build_absolute_uri(page.get_absolute_url())
    response = render(
        request,
        "channels/counter_sheet.html",
        {
            "page": page,
            "documents": sorted(documents.values(), key=lambda d: (d.order, d.slug)),
            "rows": rows,
            "hotline": settings.SITE_HOTLINE,
            "address": address,
            "qr": qr_svg(address, _("QR code: %(address)s") % {"address": address}),
            "crumbs": [
                {"name": page.question, "url": page.get_absolute_url()},
                {"name": _("Sheet for the counter"), "url": None},
            ],
            "noindex": True,
        },
    )
    return _noindex(response)


UPDATES_PER_PAGE = 50


@public_page(query=["page"])
@previewable
def faq_updates(request, slug):
    """Every change note of one FAQ page, newest first, 50 to a page."""
    page = get_object_or_404(FAQPage.objects.visible(request.preview), slug=slug)
    notes = Paginator(page.change_notes.all(), UPDATES_PER_PAGE)
    try:
        shown = notes.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404 from error
    return render(
        request,
        "channels/faq_updates.html",
        {
            "page": page,
            "notes": shown,
            "crumbs": [
                {"name": page.question, "url": page.get_absolute_url()},
                {"name": _("Page history"), "url": None},
            ],
        },
    )


@public_page
@previewable
def overview(request):
    preview = request.preview
    channels = with_old_anchors(
        Channel.objects.visible(preview).prefetch_related("documents", "sources")
    )
    methods = with_old_anchors(
        ActivationMethod.objects.visible(preview).prefetch_related("documents", "sources")
    )
    # What the source article described for older cards is shown apart, after today's
    # ways, never counted among them.
    return render(
        request,
        "channels/overview.html",
        {
            "channels": [c for c in channels if not c.is_history],
            "history_channels": [c for c in channels if c.is_history],
            "methods": [m for m in methods if not m.is_history],
            "history_methods": [m for m in methods if m.is_history],
            "crumbs": [{"name": _("Ways to do it"), "url": None}],
        },
    )


@public_page
@previewable
def sources(request):
    """Every source the guide rests on, by kind, with what rests on each."""
    preview = request.preview
    found = Source.objects.prefetch_related(
        Prefetch("channels", queryset=Channel.objects.visible(preview)),
        Prefetch("activationmethods", queryset=ActivationMethod.objects.visible(preview)),
        Prefetch("faqpages", queryset=FAQPage.objects.visible(preview)),
        Prefetch(
            "steps",
            queryset=Step.objects.visible(preview).select_related("page", "channel", "method"),
        ),
    )
    kinds = [(kind, [s for s in found if s.kind == kind]) for kind in Source.Kind]
    return render(
        request,
        "channels/sources.html",
        {
            "kinds": [(kind, items) for kind, items in kinds if items],
            "crumbs": [{"name": _("Our sources"), "url": None}],
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
            "documents": with_old_anchors(
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
    context = {
        "form": form,
        "flow": flow,
        "crumbs": [{"name": flow.label, "url": None}],
        "noindex": True,
    }
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
    return _noindex(response)


# --- Search ----------------------------------------------------------------------------


@public_page(query=["q"])
def search_page(request):
    raw = request.GET.get("q", "")
    query, was_cut = clean_query(raw if isinstance(raw, str) else "")
    form = SearchForm({"q": query})
    form.helper.form_action = reverse("channels:search")
    outcome = search(query)
    if query and outcome.found_nothing:
        # What readers look for and do not find, for editors (no IP, nothing personal).
        SearchMiss.objects.record(query, get_language())
    context = {
        "form": form,
        "query": query,
        "was_cut": was_cut,
        "max_length": MAX_QUERY_LENGTH,
        "outcome": outcome,
        "results": outcome.results,
        "total": outcome.total,
        "crumbs": [{"name": _("Search"), "url": None}],
        "noindex": True,
    }
    if query and not outcome.results:
        context["pages"] = FAQPage.objects.published()[:2]  # checking a balance, activating
        context["hotline"] = Channel.objects.published().exclude(phone="").first()
    response = render(request, "channels/search.html", context)
    return _noindex(response)


# --- Is this page useful? --------------------------------------------------------------

FEEDBACK_LIMIT = 10  # posts per client
FEEDBACK_WINDOW = 600  # seconds


def _page_path(value):
    """Only store paths of our own public pages, in either language, and none that carry
    personal data (a made-up /questions/13800138000/ resolves like any slug)."""
    if not isinstance(value, str) or not value.startswith("/") or value.startswith("//"):
        return None
    language = get_language_from_path(value)
    if language is None:
        return None
    try:
        with override(language):
            match = resolve(value)
    except Http404:
        return None
    if not _is_public_page(value, match, language) or scrub(value) != value:
        return None
    return value


@lru_cache(maxsize=4)
def _public_paths(generation, language):
    """Every public page's path in `language`, for one content generation (the content
    check's list of pages: some 80 ms to build, so kept until the content changes)."""
    with normal_urls(), override(language):
        return frozenset(page_anchors())


def _is_public_page(path, match, language):
    """Is `path` a page that exists (a made-up /en/questions/anything/ resolves too)? A
    finder's result, made from a reader's answers, belongs to its finder's page."""
    paths = _public_paths(current_generation(), language)
    if match.url_name == "finder_result":
        path = path.removesuffix("result/")
    return path in paths


def _page_language(path):
    return get_language_from_path(path) or get_language()


def _thanks(request, path):
    url = reverse("channels:feedback_thanks")
    if path:
        url += "?" + urlencode({"page": path})
    return HttpResponseRedirect(url, status=303)


REASON_SALT = "channels.feedback.reason"
REASON_MAX_AGE = 24 * 60 * 60  # seconds a reader has to say why a page was not useful


@require_POST
@same_origin_post
def feedback_useful(request):
    form = UsefulForm(request.POST)
    path = _page_path(request.POST.get("page"))
    # Spam and floods are dropped quietly: the sender sees the same thanks either way.
    if form.is_valid() and path and allow(request, "feedback", FEEDBACK_LIMIT, FEEDBACK_WINDOW):
        useful = form.cleaned_data["useful"] == "yes"
        feedback = Feedback.objects.create(
            kind=Feedback.Kind.USEFUL, path=path, language=_page_language(path), useful=useful
        )
        if not useful:
            # Ask why, as a page of its own (no script needed). The "No" is already kept;
            # the signed reference lets that answer, and only it, be given a reason.
            ref = signing.dumps(feedback.pk, salt=REASON_SALT)
            url = reverse("channels:feedback_reason") + "?" + urlencode({"page": path, "ref": ref})
            return HttpResponseRedirect(url, status=303)
    return _thanks(request, path)


def _feedback_for(ref):
    """The "No" a signed reference names, while it may still be given a reason."""
    try:
        pk = signing.loads(ref or "", salt=REASON_SALT, max_age=REASON_MAX_AGE)
    except signing.BadSignature:
        return None
    return Feedback.objects.filter(
        pk=pk, kind=Feedback.Kind.USEFUL, useful=False, reason=""
    ).first()


@same_origin_post
def feedback_reason(request):
    """Why a page was not useful: a reason and a few optional words. Not cached (each "No"
    has its own reference) and never indexed; sets no cookie."""
    data = request.POST if request.method == "POST" else request.GET
    path = _page_path(data.get("page"))
    ref = data.get("ref")
    ref = ref if isinstance(ref, str) else ""
    feedback = _feedback_for(ref)
    if feedback is None:
        # Already answered, too old, or made up: nothing to add a reason to.
        return _thanks(request, path)
    if request.method == "POST":
        form = ReasonForm(request.POST)
        if form.is_spam:
            return _thanks(request, path)
        if form.is_valid():
            feedback.reason = form.cleaned_data["reason"]
            feedback.comment = form.cleaned_data["comment"]
            feedback.save(update_fields=["reason", "comment"])
            return _thanks(request, path)
        status = 400
    else:
        form = ReasonForm(initial={"page": path or "", "ref": ref})
        status = 200
    form.helper.form_action = reverse("channels:feedback_reason")
    response = render(
        request,
        "channels/feedback_reason.html",
        {"form": form, "page_path": path, "crumbs": [{"name": _("Tell us why"), "url": None}]},
        status=status,
    )
    patch_cache_control(response, private=True, no_store=True)
    return _noindex(response)


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
    return _noindex(response)


@public_page(query=["page"])
def feedback_thanks(request):
    path = _page_path(request.GET.get("page"))
    response = render(
        request,
        "channels/feedback_thanks.html",
        {"page_path": path, "crumbs": [{"name": _("Thank you"), "url": None}]},
    )
    return _noindex(response)
