from django.db.models import Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import ActivationMethod, Channel, Citation, Document, FAQPage, SlugRedirect, Step
from .preview import previewable


def keep_old_anchors(items):
    """Channels, methods and documents live at #anchors on list pages, which no server
    redirect can reach. A renamed one also carries its old anchors, so a reader's link to
    …/ways/#channel-old-slug still lands on it."""
    old_slugs = SlugRedirect.objects.old_slugs()
    for item in items:
        olds = old_slugs.get((item.redirect_kind, item.slug), [])
        item.old_anchors = [f"{item.redirect_kind}-{slug}" for slug in olds]
    return items


@previewable
def home(request):
    pages = FAQPage.objects.visible(request.preview)
    hotline = Channel.objects.published().exclude(phone="").first()
    return render(request, "channels/home.html", {"pages": pages, "hotline": hotline})


@previewable
def faq_detail(request, slug):
    preview = request.preview
    # Staff see every step, a draft channel or method among them marked as such.
    steps = (Step.objects.all() if preview else Step.objects.public()).select_related(
        "channel", "method"
    )
    steps = steps.prefetch_related("channel__documents", "method__documents")
    citations = Citation.objects.select_related("article__law")
    pages = FAQPage.objects.visible(preview)
    page = (
        pages.prefetch_related(
            Prefetch("steps", queryset=steps),
            Prefetch("citations", queryset=citations),
            "terms",
            "change_notes",
        )
        .filter(slug=slug)
        .first()
    )
    if page is None:
        # A page renamed by an editor keeps its old address, for good.
        new_slug = SlugRedirect.objects.target(SlugRedirect.Kind.FAQ, slug)
        if new_slug and pages.filter(slug=new_slug).exists():
            return HttpResponsePermanentRedirect(reverse("channels:faq", kwargs={"slug": new_slug}))
        raise Http404
    keep_old_anchors([step.route for step in page.steps.all() if step.route])
    crumbs = [{"name": page.question, "url": None}]
    context = {"page": page, "crumbs": crumbs, "change_notes": list(page.change_notes.all())}
    return render(request, "channels/faq_detail.html", context)


@previewable
def overview(request):
    preview = request.preview
    return render(
        request,
        "channels/overview.html",
        {
            "channels": keep_old_anchors(
                list(Channel.objects.visible(preview).prefetch_related("documents"))
            ),
            "methods": keep_old_anchors(
                list(ActivationMethod.objects.visible(preview).prefetch_related("documents"))
            ),
            "crumbs": [{"name": _("Ways to do it"), "url": None}],
        },
    )


@previewable
def documents(request):
    preview = request.preview
    return render(
        request,
        "channels/documents.html",
        {
            "documents": keep_old_anchors(
                list(
                    Document.objects.prefetch_related(
                        Prefetch("channels", queryset=Channel.objects.visible(preview)),
                        Prefetch(
                            "activationmethods",
                            queryset=ActivationMethod.objects.visible(preview),
                        ),
                    )
                )
            ),
            "crumbs": [{"name": _("What to bring"), "url": None}],
        },
    )
