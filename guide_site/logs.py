"""Structured logs: every record as one JSON line, with the id of the request it belongs to."""

import contextvars
import json
import logging
import sys
import time

request_id_var = contextvars.ContextVar("request_id", default=None)


class RequestIdFilter(logging.Filter):
    """Put the current request's id on every record, so an error's traceback can be matched
    with the request's own log line."""

    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class JSONFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        http = getattr(record, "http", None)
        if http:
            entry.update(http)
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class StandardStreamHandler(logging.StreamHandler):
    """Writes to sys.stdout or sys.stderr as they are when the record is written, not as they
    were when logging was configured (test runners swap them)."""

    def __init__(self, stream="stderr"):
        self.stream_name = stream
        super().__init__()

    @property
    def stream(self):
        return getattr(sys, self.stream_name)

    @stream.setter
    def stream(self, value):
        pass
