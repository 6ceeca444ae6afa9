"""Structured logs: a request id on every line, JSON in production.

The proxy (deploy/nginx.conf) sends ``X-Request-ID``; without one the portal
makes its own. The id is answered in the response header and added to every
log record written while the request runs, so one visitor's trouble can be
followed from the proxy's access log to the application's lines.
"""

import contextvars
import logging
import re
import uuid

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as _JsonFormatterBase

request_id_var = contextvars.ContextVar("request_id", default="")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _VALID_ID.match(given) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to each record (empty outside a request)."""

    def filter(self, record):
        if not getattr(record, "request_id", None):
            record.request_id = request_id_var.get()
        return True


class JsonFormatter(_JsonFormatterBase):
    """One JSON object per line: UTC ``time``, ``level``, ``logger``, ``message``, extras.

    Used by Django's LOGGING in production and by uvicorn's own log config
    (deploy/uvicorn-logging.json), so the supervisor and the workers write the
    same shape. uvicorn's ``color_message`` duplicate is left out.
    """

    def __init__(self, fmt="%(levelname)s %(name)s %(message)s", *args, **kwargs):
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", "time")
        kwargs.setdefault("json_ensure_ascii", False)
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, "color_message"])
        super().__init__(fmt, *args, **kwargs)
