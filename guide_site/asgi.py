"""ASGI entry point, what `make serve` runs: ``gunicorn -c gunicorn.conf.py guide_site.asgi``.

gunicorn's asyncio worker (``worker_class = "asgi"`` in gunicorn.conf.py) reads requests on an
event loop, so a client that sends its headers or body slowly holds a socket, not a worker;
Django runs the (synchronous) middleware and views in a thread once the request is whole."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guide_site.settings")
# Django runs each request's synchronous code in a thread of its own under ASGI, so a
# connection kept for the next request would be kept by a thread that is gone: Django's
# documentation says to turn persistent connections off under ASGI.
os.environ.setdefault("DJANGO_CONN_MAX_AGE", "0")

application = get_asgi_application()
