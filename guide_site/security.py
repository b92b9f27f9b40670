"""Cross-site request forgery protection that costs public pages nothing.

Django's CSRF token needs a cookie, and a page that sets a cookie cannot be held by a shared
cache. The feedback forms sit on every public page, so their endpoints check where the post
comes from instead: browsers send an ``Origin`` header with every form POST (and a
``Referer`` where privacy settings allow), and a forged cross-site post carries the
attacker's origin, which does not match ours.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseForbidden
from django.template.loader import render_to_string
from django.views.decorators.csrf import csrf_exempt


def _allowed_origins(request):
    own = f"{request.scheme}://{request.get_host()}"
    return {own, *settings.CSRF_TRUSTED_ORIGINS}


def origin_is_ours(request):
    origin = request.headers.get("Origin")
    if origin is None or origin == "null":
        referer = request.headers.get("Referer")
        if not referer:
            return False
        parts = urlsplit(referer)
        origin = f"{parts.scheme}://{parts.netloc}"
    return origin in _allowed_origins(request)


def same_origin_post(view):
    """Exempt a view from the CSRF cookie check, and refuse posts from other sites."""

    @csrf_exempt
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and not origin_is_ours(request):
            return HttpResponseForbidden(render_to_string("403_origin.html", request=request))
        return view(request, *args, **kwargs)

    return wrapped
