"""Real servers for the tests and the developer tools, each in a temporary directory and on
a free loopback port: PostgreSQL (initdb and pg_ctl), Redis and nginx (Debian's packages), and
the site itself under gunicorn. This is the one place that starts gunicorn and finds ports;
the tests, ``tests.tools.bench`` and ``tests.tools.lighthouse`` all come through here.

Ports come from the operating system without a race: gunicorn is handed a socket that is
already bound and listening (``--bind fd://N``), so no other process can take its port
between choosing and binding; PostgreSQL, Redis and nginx cannot take a socket, so they are
started on a port the system just gave out and started again on another one in the rare case
that something took it in between.

Also a command that runs another command with a PostgreSQL server of its own, started before
and stopped after, whatever happens in between (``make test`` runs the suite this way):

    python -m tests.tools.servers postgres -- pytest -q
"""

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
NGINX_TEMPLATE = BASE_DIR / "nginx.conf"
# How many ports to try when a server that binds its own port finds it taken.
PORT_ATTEMPTS = 5


def free_port():
    """A port nothing listens on right now. Only for servers that bind it themselves and are
    started again on another port when it was taken in between (see ``_start_on_a_free_port``);
    gunicorn gets a socket instead (``listening_socket``)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening_socket():
    """A loopback socket on a port the system chose, bound and listening, that a child
    process can inherit: the port is ours from the start, so there is nothing to race for."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    # gunicorn does not listen() again on a socket it is handed: the backlog is
    # gunicorn.conf.py's, as if it had bound the port itself.
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


class PortTaken(RuntimeError):
    """A server could not bind the port it was given: try another."""


def _start_on_a_free_port(server):
    """Call ``server.start_on(port)`` with a fresh free port until it does not raise
    PortTaken (another process took the port between our choosing and the server binding)."""
    for _attempt in range(PORT_ATTEMPTS):
        server.port = free_port()
        try:
            return server.start_on(server.port)
        except PortTaken:
            continue
    raise RuntimeError(f"{type(server).__name__}: no free port after {PORT_ATTEMPTS} attempts")


def wait_for_port(port, timeout=30, process=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited ({process.returncode}) before it listened")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


def wait_for(url, timeout=30, process=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited ({process.returncode}) before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


class PostgresServer:
    """A PostgreSQL cluster of its own: initdb in a temporary directory, listening on a free
    loopback port, its unix socket in that directory, trust authentication (loopback only).
    PostgreSQL refuses to run as root, so as root it runs as the `postgres` user (or
    `nobody`)."""

    def __init__(self, directory=None):
        self.directory = Path(directory or tempfile.mkdtemp(prefix="guide-postgres-"))
        self.data = self.directory / "data"
        self.log = self.directory / "postgres.log"
        self.port = None
        self.user = None
        if os.geteuid() == 0:
            for name in ("postgres", "nobody"):
                try:
                    self.user = pwd.getpwnam(name)
                    break
                except KeyError:
                    continue

    def _run(self, *args, check=True):
        command = list(args)
        if self.user is not None:
            command = ["runuser", "-u", self.user.pw_name, "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True)

    def start(self):
        """Start the cluster: on a free port the first time, on the same port again after
        ``stop()`` (clients keep their address across a restart)."""
        if self.port is None:
            return _start_on_a_free_port(self)
        return self.start_on(self.port)

    def start_on(self, port):
        if not self.data.exists():
            if self.user is not None:
                os.chown(self.directory, self.user.pw_uid, self.user.pw_gid)
            self._run(
                "initdb",
                "--pgdata",
                str(self.data),
                "--username",
                "postgres",
                "--auth",
                "trust",
                "--encoding",
                "UTF8",
                "--locale",
                "C.UTF-8",
                "--no-sync",
            )
        options = " ".join(
            [
                "-c listen_addresses=127.0.0.1",
                f"-c port={port}",
                f"-c unix_socket_directories={self.directory}",
                # A throwaway cluster: durability buys nothing here and costs time.
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                "-c max_connections=200",
            ]
        )
        result = self._run(
            "pg_ctl",
            "start",
            "--wait",
            "--pgdata",
            str(self.data),
            "--log",
            str(self.log),
            "--options",
            options,
            check=False,
        )
        if result.returncode != 0:
            log = self.log.read_text() if self.log.exists() else ""
            if "could not bind" in log or "Address already in use" in log:
                self.log.unlink()
                raise PortTaken(port)
            raise RuntimeError(f"PostgreSQL did not start: {result.stderr}\n{log}")
        return self

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "stop", "--wait", "--mode", "fast", "--pgdata", str(self.data))

    def restart(self):
        self.stop()
        self.start()

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)

    def url(self, name="postgres"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def create_database(self, name, template=None):
        """A new database (a copy of `template`, when given); its URL."""
        import psycopg

        copy = f' TEMPLATE "{template}"' if template else ""
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"{copy}')
        return self.url(name)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.cleanup()


class RedisServer:
    """Debian's redis-server on a free loopback port, keeping nothing on disk."""

    def __init__(self):
        self.directory = Path(tempfile.mkdtemp(prefix="guide-redis-"))
        self.port = None
        self.process = None

    def start(self):
        return _start_on_a_free_port(self)

    def start_on(self, port):
        log = self.directory / "redis.log"
        log.unlink(missing_ok=True)
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
                "--daemonize",
                "no",
                "--logfile",
                str(log),
            ],
        )
        try:
            wait_for_port(port, process=self.process)
        except RuntimeError:
            self.process.wait()
            if "Address already in use" in (log.read_text() if log.exists() else ""):
                raise PortTaken(port) from None
            raise
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        shutil.rmtree(self.directory, ignore_errors=True)

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def site_env(var_dir, database_url=None, cache_url=None, production=False, **extra):
    """The environment the site runs with: its own var/ and database, and, in production
    mode, a generated secret key, loopback hosts and plain HTTP (no TLS on loopback)."""
    var_dir = Path(var_dir)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "guide_site.settings",
        "DJANGO_VAR_DIR": str(var_dir),
        "DATABASE_URL": database_url or f"sqlite:///{var_dir}/db.sqlite3",
    }
    env.pop("DJANGO_CACHE_URL", None)
    if cache_url:
        env["DJANGO_CACHE_URL"] = cache_url
    if production:
        import secrets

        env.update(
            DJANGO_ENV="production",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            DJANGO_SECURE_SSL_REDIRECT="false",
        )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(env, *args):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def prepare_site(env):
    manage(env, "migrate", "--noinput")
    manage(env, "loadcontent")


class Gunicorn:
    """The site as `make serve` runs it (gunicorn.conf.py's threaded workers serving
    guide_site.wsgi), on a loopback port the system chose (handed over as a listening
    socket); its output in a log file. `workers=None` keeps gunicorn.conf.py's number (two
    per core, plus one). gunicorn's control socket is in the site's var/."""

    def __init__(self, env, workers=2, log=None, args=(), app="guide_site.wsgi"):
        self.env = env
        self.app = app
        self.workers = workers
        self.own_log = log is None  # a temporary log, removed on stop
        self.log_path = Path(log) if log else None
        self.args = list(args)
        self.process = None
        self.port = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        if self.own_log:
            descriptor, name = tempfile.mkstemp(prefix="guide-gunicorn-", suffix=".log")
            self.log_path = Path(name)
            self.log = os.fdopen(descriptor, "ab")
        else:
            self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        with listening_socket() as sock:
            self.port = sock.getsockname()[1]
            self.process = subprocess.Popen(
                [
                    GUNICORN,
                    "-c",
                    "gunicorn.conf.py",
                    "--bind",
                    f"fd://{sock.fileno()}",
                    *(["--workers", str(self.workers)] if self.workers else []),
                    *self.args,
                    self.app,
                ],
                cwd=BASE_DIR,
                env=self.env,
                stdout=self.log,
                stderr=subprocess.STDOUT,
                pass_fds=[sock.fileno()],
            )
        # gunicorn holds the socket now; connections wait in its backlog until a worker
        # takes them, so this waits for the site, not for a port.
        try:
            # Five workers start Django each: on a busy machine that takes a while.
            wait_for(f"{self.url}/healthz", timeout=90, process=self.process)
        except RuntimeError as error:
            output = self.output()[-3000:]
            self.stop()
            raise RuntimeError(f"{error}\n{output}") from None
        return self

    def output(self):
        return self.log_path.read_text(errors="replace")

    def stop(self):
        if self.process and self.process.poll() is None:
            # Quick shutdown: nothing is left to finish once its user is done with it (a
            # graceful one waits for kept-alive connections).
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process:
            self.log.close()
        if self.own_log and self.log_path:
            self.log_path.unlink(missing_ok=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def render_nginx(listen, upstream, static_root, server_names="127.0.0.1 localhost", balancers=()):
    """The committed nginx.conf with its placeholders filled in; `balancers` are the
    addresses of a load balancer in front whose X-Forwarded-Proto nginx believes."""
    values = {
        "LISTEN": listen,
        "SERVER_NAMES": server_names,
        "UPSTREAM": upstream,
        "STATIC_ROOT": static_root,
        "BALANCERS": "".join(f"        {address} 1;\n" for address in balancers),
    }
    text = NGINX_TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", str(value))
    return text


class Nginx:
    """Debian's nginx in front of a gunicorn, from a temporary prefix (`-p`), with its pid,
    logs, cache and temporary files there, on a free port."""

    def __init__(self, upstream_port, static_root=BASE_DIR / "staticfiles", balancers=()):
        self.prefix = Path(tempfile.mkdtemp(prefix="guide-nginx-"))
        self.balancers = balancers
        self.port = None
        self.upstream_port = upstream_port
        self.static_root = Path(static_root)
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        return _start_on_a_free_port(self)

    def start_on(self, port):
        for sub in ("logs", "tmp", "cache"):
            (self.prefix / sub).mkdir(exist_ok=True)
        (self.prefix / "logs" / "error.log").unlink(missing_ok=True)
        config = self.prefix / "nginx.conf"
        config.write_text(
            render_nginx(
                f"127.0.0.1:{port}",
                f"127.0.0.1:{self.upstream_port}",
                self.static_root,
                balancers=self.balancers,
            )
        )
        # As root, nginx would hand its workers to an unprivileged user that cannot read this
        # private temporary prefix; on a loopback test, root workers are fine.
        directives = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")
        self.process = subprocess.Popen(
            [
                "nginx",
                "-p",
                str(self.prefix),
                "-c",
                str(config),
                "-e",
                "logs/error.log",
                "-g",
                directives,
            ],
        )
        try:
            wait_for_port(port, process=self.process)
        except RuntimeError as error:
            log = self.error_log()
            self.process.wait()
            if "Address already in use" in log:
                raise PortTaken(port) from None
            self.stop()
            raise RuntimeError(f"{error}\n{log}") from None
        return self

    def error_log(self):
        path = self.prefix / "logs" / "error.log"
        return path.read_text() if path.exists() else ""

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful: finish what is in flight
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.prefix, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def _run_with_postgres(command):
    """Run `command` with DATABASE_URL pointing at a PostgreSQL server started for it; stop
    the server afterwards, also when the command fails or the run is interrupted."""

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    server = PostgresServer()
    try:
        server.start()
        print(f"PostgreSQL on 127.0.0.1:{server.port} ({server.directory})", flush=True)
        env = {**os.environ, "DATABASE_URL": server.url("guide")}
        return subprocess.run(command, env=env, check=False).returncode
    except KeyboardInterrupt:
        return 130
    finally:
        server.cleanup()


def main(argv):
    if len(argv) >= 3 and argv[0] == "postgres" and argv[1] == "--":
        return _run_with_postgres(argv[2:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


# --- A small HTTP client for the real-server tests: no redirects followed, cookies by hand. ---


class Answer:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # lower-case names; repeated headers joined by "\n"
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def cookies(self):
        found = {}
        for line in self.headers.get("set-cookie", "").split("\n"):
            if "=" in line:
                name, _, rest = line.partition("=")
                found[name.strip()] = rest.split(";")[0]
        return found


def request(url, method="GET", headers=None, data=None, cookies=None, timeout=10):
    """One HTTP request with http.client; a connection failure raises OSError."""
    import http.client
    from urllib.parse import urlencode, urlsplit

    parts = urlsplit(url)
    headers = dict(headers or {})
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body = None
    if data is not None:
        body = urlencode(data, doseq=True).encode()
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(method, path or "/", body=body, headers=headers)
        response = connection.getresponse()
        collected = {}
        for name, value in response.getheaders():
            key = name.lower()
            collected[key] = f"{collected[key]}\n{value}" if key in collected else value
        return Answer(response.status, collected, response.read())
    finally:
        connection.close()


class Load:
    """GETs to `urls` in turn from `concurrency` threads, from the start of the `with` block
    to its end (and at most `max_requests`, or `max_seconds`, in case a test forgets to
    stop). ``results()`` gives (started, finished, status or error) for each request so far;
    ``wait_until(condition)`` waits until they meet a condition, so a test acts on what the
    load has seen rather than after a fixed time. A request that fails in any way (refused,
    reset, cut short) has its error's class name as its outcome."""

    def __init__(self, urls, concurrency=4, max_requests=5000, max_seconds=120):
        import itertools
        import threading

        self.urls = urls
        self.max_requests = max_requests
        self.max_seconds = max_seconds
        self._results = []
        self._lock = threading.Lock()
        self._counter = itertools.count()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._send) for _ in range(concurrency)]

    def _send(self):
        deadline = time.monotonic() + self.max_seconds
        while not self._stop.is_set() and time.monotonic() < deadline:
            n = next(self._counter)
            if n >= self.max_requests:
                return
            started = time.monotonic()
            try:
                outcome = request(self.urls[n % len(self.urls)], timeout=15).status
            except Exception as error:  # a failed request, e.g. IncompleteRead
                # when a worker dies mid-answer: counted, and the thread goes on sending.
                outcome = type(error).__name__
            with self._lock:
                self._results.append((started, time.monotonic(), outcome))

    def results(self):
        with self._lock:
            return sorted(self._results)

    def wait_until(self, condition, timeout=60):
        """Wait until ``condition(results)`` is true; fail after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition(self.results()):
                return
            if not any(thread.is_alive() for thread in self._threads):
                break  # max_requests or max_seconds reached: nothing more will come
            time.sleep(0.02)
        if not condition(self.results()):
            raise AssertionError(f"the load never met {condition.__doc__ or condition}")

    def start(self):
        for thread in self._threads:
            thread.start()
        return self

    def join(self):
        for thread in self._threads:
            thread.join()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self._stop.set()
        self.join()


def run_load(urls, seconds, concurrency=4, max_requests=5000):
    """Send GETs to `urls` in turn from `concurrency` threads for `seconds` (and at most
    `max_requests` in all); return (started, finished, status or error) for each request."""
    load = Load(urls, concurrency, max_requests, max_seconds=seconds).start()
    load.join()
    return load.results()
