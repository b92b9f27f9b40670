"""Developer tools beside the tests: real servers (PostgreSQL, Redis, nginx, gunicorn) on
free loopback ports, the benchmark, Lighthouse and in-process page measurements. None of
them is part of the running site; each runs as ``python -m tests.tools.<name>``."""
