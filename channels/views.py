from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from .models import ActivationMethod, Channel, Citation, Document, FAQPage, Step
from .structured_data import faq_page


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
    return render(
        request,
        "channels/faq_detail.html",
        {"page": page, "crumbs": crumbs, "structured_data": [faq_page(request, page)]},
    )


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
