from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from guide_site.flatfetch import attach, fetch_flat
from guide_site.pagecache import public_page

from .models import ActivationMethod, Channel, Document, FAQPage, Step


@public_page
def home(request):
    pages = FAQPage.objects.published()
    hotline = Channel.objects.published().exclude(phone="").first()
    return render(request, "channels/home.html", {"pages": pages, "hotline": hotline})


@public_page
def faq_detail(request, slug):
    # Two queries whatever the page holds: the page with its citations (and their articles
    # and law) and its Chinese terms (both short lists, so their product stays small); then
    # its public steps with their channels or methods and what to bring for each.
    pages = fetch_flat(
        FAQPage.objects.published().filter(slug=slug), "citations__article__law", "terms"
    )
    if not pages:
        raise Http404
    page = pages[0]
    steps = fetch_flat(
        Step.objects.public().filter(page=page), "channel__documents", "method__documents"
    )
    for step in steps:
        step.page = page
    attach(page, "steps", steps)
    crumbs = [{"name": page.question, "url": None}]
    return render(request, "channels/faq_detail.html", {"page": page, "crumbs": crumbs})


@public_page
def overview(request):
    return render(
        request,
        "channels/overview.html",
        {
            # One query each: the public routes with what to bring for them.
            "channels": fetch_flat(Channel.objects.published(), "documents"),
            "methods": fetch_flat(ActivationMethod.objects.published(), "documents"),
            "crumbs": [{"name": _("Ways to do it"), "url": None}],
        },
    )


@public_page
def documents(request):
    return render(
        request,
        "channels/documents.html",
        {
            # Three queries: the documents, and the public channels and methods asking for
            # them (a flat join could not leave the drafts out without losing documents).
            "documents": Document.objects.prefetch_related(
                Prefetch("channels", queryset=Channel.objects.published()),
                Prefetch("activationmethods", queryset=ActivationMethod.objects.published()),
            ),
            "crumbs": [{"name": _("What to bring"), "url": None}],
        },
    )
