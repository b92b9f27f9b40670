"""Gunicorn settings. The Makefile passes --bind from HOST and PORT; the rest can come from
the environment so one file serves a laptop and a server."""

import multiprocessing
import os
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# gunicorn's own asyncio worker (`asgi`) serving guide_site.asgi: it reads requests on an
# event loop, so a client that sends its headers or body slowly, or keeps a connection open
# and idle, holds a socket and a few kilobytes, not a worker; Django runs the middleware
# and the view in a thread once the request is whole. Sync workers were tied up for the
# whole timeout by five slow clients (see README, "Slow clients"). GUNICORN_WORKER_CLASS=sync
# with guide_site.wsgi is the old way.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "asgi")
# A few processes per core keep the latency low when renders wait on the database.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# Open connections per worker process, idle and slow ones included.
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", "2000"))
# Connections waiting to be accepted.
backlog = 2048
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# A request line and headers stay small: a reader's browser sends a few hundred bytes.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
# Let Django write its own request log; gunicorn's access log would say it twice.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
# Forwarded headers are only trusted from a proxy on this machine (nginx in front).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's control socket (for gunicornc) in this site's var/, not the one
# $HOME/.gunicorn/gunicorn.ctl every gunicorn of the user would share (and remove).
_var = Path(os.environ.get("DJANGO_VAR_DIR", Path(__file__).resolve().parent / "var"))
_var.mkdir(parents=True, exist_ok=True)
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", str(_var / "gunicorn.ctl"))
