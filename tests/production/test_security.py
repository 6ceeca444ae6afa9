"""Security rules of the production issue, one test (or a few) per rule."""

import io
import json
from urllib.parse import urljoin, urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

import pytest
from bs4 import BeautifulSoup
from django_ratelimit.exceptions import Ratelimited
from PIL import Image

from portal.ratelimits import (
    count_use,
    is_limited,
    is_limited_for,
    is_used_up,
    period_in_words,
    rate_limit,
    usage_for,
)
from portal.roles import ADMINISTRATOR, METHODIST, TEACHER
from portal.views import rate_limited

pytestmark = pytest.mark.django_db
PASSWORD = "пароль-для-тестов"


# -- CSRF on every form --------------------------------------------------------


def crawl(client, start="/", limit=60):
    """Pages reachable from ``start`` through links of the site (no admin), with their HTML."""
    seen, queue, pages = set(), [start], {}
    while queue and len(pages) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        pages[url] = html
        for link in BeautifulSoup(html, "html.parser").find_all("a", href=True):
            target = urlsplit(urljoin(url, link["href"]))
            if target.netloc not in ("", "testserver") or target.scheme not in ("", "http"):
                continue
            path = target.path + (f"?{target.query}" if target.query else "")
            if path.startswith(("/admin", "/django-admin", "/documents/", "/static/", "/media/")):
                continue
            if path not in seen:
                queue.append(path)
    return pages


def post_forms(pages):
    for url, html in pages.items():
        for form in BeautifulSoup(html, "html.parser").find_all("form"):
            if form.get("method", "get").lower() == "post":
                yield url, form


def test_every_post_form_carries_a_csrf_token_and_the_server_demands_it(demo_site, make_user):
    visitor, member = Client(), Client()
    member.force_login(make_user("mentor", roles=[METHODIST]))
    pages = {**crawl(visitor), **crawl(member)}
    assert len(pages) > 10
    forms = list(post_forms(pages))
    assert forms, "the crawl reached no form"
    actions = set()
    for url, form in forms:
        assert form.find("input", attrs={"name": "csrfmiddlewaretoken"}), (
            f"form on {url} has no CSRF token"
        )
        actions.add(urljoin(url, form.get("action") or url))

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(make_user("checker", roles=[TEACHER]))
    for action in sorted(actions):
        response = strict.post(action, {})
        assert response.status_code == 403, f"{action} accepted a POST without a CSRF token"


# -- Content Security Policy ----------------------------------------------------


@pytest.fixture
def enforced_csp(settings):
    from portal.settings.base import CSP_DIRECTIVES

    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": CSP_DIRECTIVES}
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = None
    return settings


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_public_pages_allow_only_the_sites_own_scripts(client, demo_site, enforced_csp):
    policy = directives(client.get("/")["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


def test_public_pages_contain_no_inline_script_or_style(client, demo_site):
    """What the policy would block: inline code in the site's own templates."""
    for url, html in crawl(client).items():
        soup = BeautifulSoup(html, "html.parser")
        for script in soup.find_all("script"):
            assert script.get("src") or script.get("type") == "application/json", (
                f"inline script on {url}"
            )
        assert not soup.find_all("style"), f"<style> element on {url}"
        for tag in soup.find_all(True):
            handlers = [name for name in tag.attrs if name.startswith("on")]
            assert not handlers, f"inline event handler {handlers} on {url}"
            assert "style" not in tag.attrs, f"style attribute on <{tag.name}> on {url}"


def test_admin_exceptions_stay_under_admin(client, admin_user, enforced_csp):
    client.force_login(admin_user)
    admin_policy = directives(client.get("/admin/")["Content-Security-Policy"])
    assert "'unsafe-inline'" in admin_policy["script-src"]
    public_policy = directives(client.get("/accounts/login/")["Content-Security-Policy"])
    assert "'unsafe-inline'" not in public_policy["script-src"]


# -- sign-in: rate limit and lockout ----------------------------------------------


def login(client, username, password, url="/accounts/login/"):
    return client.post(url, {"username": username, "password": password})


def test_lockout_after_repeated_failures_in_russian_within_the_layout(client, make_user, settings):
    make_user("olga", password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = login(client, "olga", "неверный")
        assert response.status_code == 200
        assert "Неверное имя пользователя или пароль" in response.content.decode()
    response = login(client, "olga", "неверный")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Вход временно заблокирован" in html
    assert f"{settings.AXES_FAILURE_LIMIT} раз подряд" in html
    assert "Попробуйте снова через 15 мин." in html
    assert 'class="site-header"' in html  # the site's own layout
    assert response["Retry-After"] == "900"
    # Even the right password is refused now, and nobody is signed in.
    response = login(client, "olga", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_covers_the_wagtail_admin_sign_in(client, make_user, settings):
    make_user("metodist", password=PASSWORD, roles=[METHODIST])
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "metodist", "неверный", url="/admin/login/")
    response = login(client, "metodist", PASSWORD, url="/admin/login/")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_successful_sign_in_resets_the_count(client, make_user, settings):
    make_user("anna", password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "anna", "неверный")
    assert login(client, "anna", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "anna", "неверный").status_code == 200
    assert login(client, "anna", PASSWORD).status_code == 302


def test_sign_in_is_rate_limited_per_address(client, rate_limits):
    # Hourly windows: django-ratelimit's windows are fixed, and a minute's edge could fall mid-test.
    rate_limits.PORTAL_RATE_LIMITS = {**rate_limits.PORTAL_RATE_LIMITS, "login": "3/h"}
    for number in range(3):
        assert login(client, f"user{number}", "неверный").status_code == 200
    response = login(client, "user9", "неверный")
    assert response.status_code == 429
    assert "Слишком много запросов" in response.content.decode()
    assert response["Retry-After"] == "3600"
    assert client.get("/accounts/login/").status_code == 200  # reading the form is not limited


def test_sign_up_is_rate_limited(client, rate_limits):
    rate_limits.PORTAL_RATE_LIMITS = {**rate_limits.PORTAL_RATE_LIMITS, "signup": "2/h"}
    for _ in range(2):
        assert client.post("/accounts/signup/", {"username": ""}).status_code == 200
    response = client.post("/accounts/signup/", {"username": ""})
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"


# -- the reusable rate-limit helper ------------------------------------------------


def test_rate_limit_decorator_refuses_over_the_named_rate(rate_limits, make_user):
    rate_limits.PORTAL_RATE_LIMITS = {**rate_limits.PORTAL_RATE_LIMITS, "registration": "2/h"}

    @rate_limit("registration")
    def register(request):
        return "записан"

    factory = RequestFactory()
    user = make_user("pedagog", roles=[TEACHER])
    other = make_user("pedagog2", roles=[TEACHER])

    def post(who):
        request = factory.post("/events/zapis/")
        request.user = who
        return request

    assert register(post(user)) == "записан"
    assert register(post(user)) == "записан"
    limited_request = post(user)
    with pytest.raises(Ratelimited):
        register(limited_request)
    assert register(post(other)) == "записан"  # per user, not for everyone

    response = rate_limited(limited_request)
    response.render()
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "Слишком много запросов" in response.content.decode()


def test_rate_limited_answer_is_json_for_scripts(rate_limits):
    request = RequestFactory().post("/communities/x/messages/", HTTP_ACCEPT="application/json")
    request.rate_limit_name = "message"
    response = rate_limited(request)
    assert response.status_code == 429
    body = json.loads(response.content)
    assert body["retry_after"] == 60
    assert "Слишком много запросов" in body["error"]


def test_rate_limit_without_a_request_for_websocket_consumers(rate_limits):
    rate_limits.PORTAL_RATE_LIMITS = {**rate_limits.PORTAL_RATE_LIMITS, "message": "3/h"}
    assert [is_limited_for("message", "user:7") for _ in range(4)] == [False, False, False, True]
    assert not is_limited_for("message", "user:8")


def test_is_limited_counts_requests(rate_limits):
    rate_limits.PORTAL_RATE_LIMITS = {**rate_limits.PORTAL_RATE_LIMITS, "proposal": "1/h"}
    request = RequestFactory().post("/practices/predlozhit/", REMOTE_ADDR="10.1.2.3")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert not is_limited(request, "proposal")
    assert is_limited(request, "proposal")


def test_actions_counted_only_when_they_happen(rate_limits, make_user):
    rate_limits.PORTAL_RATE_LIMITS = {**rate_limits.PORTAL_RATE_LIMITS, "proposal": "2/h"}
    request = RequestFactory().post("/praktiki/predlozhit/")
    request.user = make_user("nastavnik", roles=[TEACHER])
    for _ in range(5):  # looking costs nothing (a form sent back with errors)
        assert not is_used_up(request, "proposal")
    count_use(request, "proposal")
    assert not is_used_up(request, "proposal")
    count_use(request, "proposal")
    assert is_used_up(request, "proposal")
    assert request.rate_limit_name == "proposal"


def test_usage_for_reports_the_limit_and_the_wait(rate_limits):
    rate_limits.PORTAL_RATE_LIMITS = {**rate_limits.PORTAL_RATE_LIMITS, "message": "1/h"}
    assert not usage_for("message", "user:3")["should_limit"]
    usage = usage_for("message", "user:3")
    assert usage["should_limit"] and usage["limit"] == 1
    assert 0 <= usage["time_left"] <= 3600


def test_periods_in_words(settings):
    settings.PORTAL_RATE_LIMITS = {"a": "20/m", "b": "5/h", "c": "100/5m", "d": "3/d"}
    assert [period_in_words(name) for name in "abcd"] == [
        "в минуту",
        "в час",
        "за 5 мин",
        "в сутки",
    ]


def test_every_rate_limited_endpoint_reads_portal_rate_limits(settings):
    """One place for every limit: no app keeps a rate of its own."""
    assert set(settings.PORTAL_RATE_LIMITS) >= {
        "login",
        "signup",
        "message",
        "registration",
        "proposal",
        "application",
        "suggest",
    }
    for old in (
        "EVENTS_REGISTRATION_RATE",
        "COMMUNITIES_FLOOD_LIMIT_PER_MINUTE",
        "SEARCH_SUGGEST_RATE",
    ):
        assert not hasattr(settings, old), old


def test_an_unknown_limit_name_fails_loudly():
    with pytest.raises(KeyError, match="PORTAL_RATE_LIMITS"):
        rate_limit("no-such-limit")


# -- admins only for staff and roles ------------------------------------------------


def test_wagtail_admin_only_for_role_groups(client, make_user):
    assert client.get("/admin/").status_code == 302
    client.force_login(make_user("teacher", roles=[TEACHER]))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    client.force_login(make_user("metodist", roles=[METHODIST]))
    assert client.get("/admin/").status_code == 200


def test_django_admin_only_for_staff(client, make_user, admin_user):
    assert client.get("/django-admin/").status_code == 302
    client.force_login(make_user("metodist", roles=[METHODIST, ADMINISTRATOR]))
    assert client.get("/django-admin/").status_code == 302  # a role, but not staff
    client.force_login(admin_user)
    assert client.get("/django-admin/").status_code == 200


# -- uploads checked by type and size -------------------------------------------------


def png_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (29, 79, 145)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def editor(client, make_user):
    client.force_login(make_user("administrator", roles=[ADMINISTRATOR]))
    return client


def collection_id():
    from wagtail.models import Collection

    return Collection.get_first_root_node().pk


def test_a_text_file_renamed_jpg_is_refused(editor):
    response = editor.post(
        reverse("wagtailimages:add"),
        {
            "title": "Не картинка",
            "collection": collection_id(),
            "file": SimpleUploadedFile("photo.jpg", b"just some text, not an image", "image/jpeg"),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_image_model().objects.exists()


def test_an_image_over_the_size_limit_is_refused(editor, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    big = png_bytes((400, 400))
    assert len(big) > 1024
    response = editor.post(
        reverse("wagtailimages:add"),
        {
            "title": "Большое",
            "collection": collection_id(),
            "file": SimpleUploadedFile("big.png", big, "image/png"),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_image_model().objects.exists()


def test_an_image_with_too_many_pixels_is_refused(editor, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100
    response = editor.post(
        reverse("wagtailimages:add"),
        {
            "title": "Огромное",
            "collection": collection_id(),
            "file": SimpleUploadedFile("wide.png", png_bytes((200, 200)), "image/png"),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_a_real_image_is_accepted(editor):
    response = editor.post(
        reverse("wagtailimages:add"),
        {
            "title": "Логотип",
            "collection": collection_id(),
            "file": SimpleUploadedFile("logo.png", png_bytes(), "image/png"),
        },
    )
    assert response.status_code == 302
    assert get_image_model().objects.get().title == "Логотип"


def add_document(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Документ",
            "collection": collection_id(),
            "file": SimpleUploadedFile(name, content),
        },
    )


def test_a_program_renamed_pdf_is_refused(editor):
    response = add_document(editor, "polozhenie.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    assert response.status_code == 200
    assert "не соответствует расширению" in str(response.context["form"].errors["file"])
    assert not get_document_model().objects.exists()


def test_a_text_renamed_docx_is_refused(editor):
    response = add_document(editor, "plan.docx", "План наставника на год".encode())
    assert response.status_code == 200
    assert "не соответствует расширению" in str(response.context["form"].errors["file"])


def test_a_document_over_the_size_limit_is_refused(editor, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    response = add_document(editor, "big.pdf", b"%PDF-1.7\n" + b"0" * 2000)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_document_model().objects.exists()


def test_a_forbidden_extension_is_refused(editor):
    response = add_document(editor, "virus.exe", b"MZ\x90\x00")
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_real_documents_are_accepted(editor):
    import zipfile

    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    for name, content in [
        ("polozhenie.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
        ("plan.docx", docx.getvalue()),
        ("plan.odt", odt.getvalue()),
        ("zametki.txt", "Заметки наставника".encode()),
        ("staryi.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),
    ]:
        response = add_document(editor, name, content)
        assert response.status_code == 302, (
            name,
            response.context and response.context["form"].errors,
        )
    assert get_document_model().objects.count() == 5


# -- redirects stay on the site ------------------------------------------------------


def test_sign_up_never_redirects_off_the_site(client):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "anna",
            "last_name": "Соколова",
            "first_name": "Анна",
            "email": "anna@example.org",
            "password1": "Очень-надёжный-пароль-2026",
            "password2": "Очень-надёжный-пароль-2026",
            "next": "https://evil.example.com/phish",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
