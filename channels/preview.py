"""Staff preview of drafts, without giving up cacheable public pages.

Public pages must not set a cookie or vary on one, so that any cache may keep them. Reading
``request.user`` loads the session, and Django then adds ``Vary: Cookie`` to the response.
So only a request that carries a session cookie is asked who it is: a reader without one is
never staff, and their response stays exactly as it was. A staff response shows drafts and
must not be kept by anyone: ``Cache-Control: private, no-store``.
"""

from functools import wraps

from django.core.handlers.exception import response_for_exception
from django.http import Http404
from django.utils.cache import patch_cache_control

from guide_site.pagecache import has_session


def is_preview(request):
    if not has_session(request):
        return False
    user = request.user
    return user.is_active and user.is_staff


def previewable(view):
    """Set ``request.preview`` for the view and its templates, and keep staff responses
    (the 404 page too) out of every cache."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.preview = is_preview(request)
        try:
            response = view(request, *args, **kwargs)
        except Http404 as error:
            if not request.preview:
                raise
            response = response_for_exception(request, error)
        if request.preview:
            patch_cache_control(response, private=True, no_store=True)
        return response

    return wrapper
