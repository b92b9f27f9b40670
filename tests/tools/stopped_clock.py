"""The site's WSGI application (as `make serve` serves it) with the rate limits' clock
stopped at ``GUIDE_STOPPED_CLOCK`` (seconds since the epoch), for tests that count renders in
real gunicorn processes: a count is never cut in two by a minute ending halfway. Only tests
serve it:

    Gunicorn(site_env(var, GUIDE_STOPPED_CLOCK=1800000030), app="tests.tools.stopped_clock")
"""

import os

from guide_site import ratelimit
from guide_site.wsgi import application

_STOPPED = float(os.environ["GUIDE_STOPPED_CLOCK"])
ratelimit._clock = lambda: _STOPPED

__all__ = ["application"]
