import datetime

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format

import pytest


def test_russian_date_format():
    moment = datetime.datetime(2026, 11, 23, 14, 0)
    with translation.override("ru"):
        assert date_format(moment, "DATETIME_FORMAT") == "23 ноября 2026, 14:00"


def test_compiled_catalogues_exist():
    for code in ["ru", "en"]:
        assert (settings.BASE_DIR / "locale" / code / "LC_MESSAGES" / "django.mo").exists(), code


def test_english_catalogue_translates_the_interface():
    with translation.override("en"):
        assert translation.gettext("Новые практики") == "New practices"
        assert translation.gettext("Доска почёта") == "Honour board"


@pytest.mark.django_db
def test_english_chosen_by_cookie_russian_by_default(client, demo_site):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Новые практики" in html  # the browser's language does not override Russian
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/").content.decode()
    assert "New practices" in html
