"""Failures answer cleanly: 503 «временно недоступен» when the database is away, a 500 page without it."""

from django.db import InterfaceError, OperationalError
from django.test import RequestFactory

import pytest
from bs4 import BeautifulSoup

from portal.middleware import ServiceUnavailableMiddleware
from portal.views import server_error


@pytest.mark.parametrize(
    "error",
    [OperationalError("server closed the connection"), InterfaceError("connection already closed")],
)
def test_lost_database_connection_answers_503_with_retry_after(error):
    middleware = ServiceUnavailableMiddleware(lambda request: None)
    response = middleware.process_exception(RequestFactory().get("/praktiki/"), error)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Портал временно недоступен" in html
    assert "на месте" in html  # nothing saved is lost


def test_other_errors_are_left_to_the_500_page():
    middleware = ServiceUnavailableMiddleware(lambda request: None)
    assert middleware.process_exception(RequestFactory().get("/"), ValueError("bug")) is None


def test_error_pages_need_no_database_and_no_inline_code():
    # No django_db mark: any query here would raise.
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Что-то пошло не так" in soup.get_text()
    assert not soup.find_all("style") and not soup.find_all(style=True)
    assert not [script for script in soup.find_all("script") if not script.get("src")]
    assert soup.find("link", rel="stylesheet")
