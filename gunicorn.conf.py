"""Gunicorn settings. The Makefile passes --bind from HOST and PORT; the rest can come from
the environment so one file serves a laptop and a server."""

import multiprocessing
import os
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threaded workers serving guide_site.wsgi. In gunicorn's gthread worker each connection
# gets a thread as soon as it is accepted (an idle one is handed back to the poller after 5 s,
# a kept-alive one between requests), and a client that sends its headers or body a little
# at a time keeps its thread. A worker stops accepting at `worker_connections`, so with no
# more connections than threads every connection a worker takes finds a free thread at once:
# slow clients fill some workers' threads and readers are taken by the others. 256 of each
# per worker (1,280 on two cores); an idle thread costs little memory. Sync workers were tied
# up for the whole timeout by five slow clients (see README, "On the open internet").
# gunicorn's asyncio worker (`asgi`) holds slow clients more cheaply still, but measured here
# it cost 5-15 ms of CPU per cached page against well under 1 ms (Django's thread hops per
# request under ASGI): a third to two thirds of the cached throughput.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "256"))
# A few processes per core keep the latency low when renders wait on the database.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# Open connections per worker process, idle and slow ones included: no more than threads.
worker_connections = min(threads, int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", threads)))
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
