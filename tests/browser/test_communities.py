"""The live channel in a real Chromium: two members signed in on two pages.

Django's live_server speaks WSGI only, so these tests run the portal's ASGI
application (HTTP + WebSocket) in uvicorn, in a thread of the test process,
on a port of 8200–8249; it shares the test database like live_server does.
"""

import socket
import threading
import time

import pytest

from communities.models import MembershipRole, Message
from tests.browser.conftest import axe_violations
from tests.communities.factories import (
    ChannelFactory,
    MessageFactory,
    UserFactory,
    make_community,
    member,
)

PORTS = range(8200, 8250)


def free_port():
    for port in PORTS:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("Нет свободного порта в диапазоне 8200–8249")


@pytest.fixture
def asgi_server(transactional_db):
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    import uvicorn

    from portal.asgi import application

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            ASGIStaticFilesHandler(application),
            host="127.0.0.1",
            port=port,
            log_level="warning",
            lifespan="off",
            ws="websockets-sansio",
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn не запустился")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def chat(asgi_server):
    community = make_community("Онлайн-лаборатория педагогов-наставников", slug="laboratoriya")
    moderator = member(
        community,
        UserFactory(username="moderator", first_name="Ольга", last_name="Быкова"),
        MembershipRole.MODERATOR,
    )
    channel = ChannelFactory(community=community, name="Общий", slug="obshchiy")
    MessageFactory(
        channel=channel, author=moderator, text="Коллеги, добро пожаловать в лабораторию!"
    )
    anna = member(
        community, UserFactory(username="pedagog1", first_name="Анна", last_name="Соколова")
    )
    elena = member(
        community, UserFactory(username="nastavnik1", first_name="Елена", last_name="Смирнова")
    )
    return {
        "url": asgi_server + channel.get_absolute_url(),
        "base": asgi_server,
        "anna": anna,
        "elena": elena,
        "channel": channel,
    }


def signed_in_page(browser, base, username):
    context = browser.new_context(locale="ru-RU", timezone_id="Europe/Moscow")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill("пароль-для-тестов")
    page.get_by_role("button", name="Войти").click()
    page.wait_for_load_state()
    return context, page


def test_message_typed_on_one_page_appears_on_the_other(browser, chat):
    anna_context, anna = signed_in_page(browser, chat["base"], "pedagog1")
    elena_context, elena = signed_in_page(browser, chat["base"], "nastavnik1")
    try:
        for page in (anna, elena):
            page.goto(chat["url"])
            page.get_by_text("На связи: новые сообщения появляются сами.").wait_for()
        # Each sees the other online.
        elena.locator("[data-chat-online]").get_by_text("Анна Соколова").wait_for()

        text = "План интенсива: https://example.org/plan <b>жирный?</b> @nastavnik1"
        anna.get_by_label("Сообщение").fill(text)
        anna.get_by_label("Сообщение").press("Enter")

        arrived = elena.locator(".chat-message", has_text="План интенсива")
        arrived.wait_for()
        assert arrived.locator(".chat-message__author").inner_text() == "Анна Соколова"
        body = arrived.locator(".chat-message__text")
        assert body.inner_text() == text  # the tags stay text
        assert body.locator("b").count() == 0
        link = body.get_by_role("link", name="https://example.org/plan")
        assert link.get_attribute("href") == "https://example.org/plan"
        assert body.locator(".mention--me").inner_text() == "@nastavnik1"
        # No reload happened on either page, and the composer emptied itself.
        assert anna.get_by_label("Сообщение").input_value() == ""
        assert Message.objects.filter(text=text, author=chat["anna"]).exists()

        # Elena replies; Anna gets it live with the quote of her message.
        elena.locator(".chat-message", has_text="План интенсива").get_by_role(
            "button", name="Ответить"
        ).click()
        elena.get_by_label("Сообщение").fill("Беру секцию по математике.")
        elena.get_by_role("button", name="Отправить").click()
        reply = anna.locator(".chat-message", has_text="Беру секцию по математике.")
        reply.wait_for()
        assert "Ответ Анна Соколова" in reply.locator(".chat-message__reply").inner_text()
    finally:
        anna_context.close()
        elena_context.close()


def test_flood_and_length_errors_are_shown_in_russian(browser, chat, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "message": "1/m"}
    context, page = signed_in_page(browser, chat["base"], "pedagog1")
    try:
        page.goto(chat["url"])
        page.get_by_text("На связи: новые сообщения появляются сами.").wait_for()
        composer = page.get_by_label("Сообщение")
        composer.fill("Первое сообщение")
        composer.press("Enter")
        page.locator(".chat-message", has_text="Первое сообщение").wait_for()
        composer.fill("Второе сообщение")
        composer.press("Enter")
        alert = page.get_by_role("alert")
        alert.get_by_text("Слишком много сообщений подряд").wait_for()
        assert composer.input_value() == "Второе сообщение"  # kept for a second try
        assert Message.objects.filter(text="Второе сообщение").count() == 0
    finally:
        context.close()


def test_channel_page_is_accessible(browser, chat):
    context, page = signed_in_page(browser, chat["base"], "pedagog1")
    try:
        page.goto(chat["url"])
        page.get_by_text("На связи: новые сообщения появляются сами.").wait_for()
        violations = axe_violations(page)
        assert violations == [], [
            (v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in violations
        ]
    finally:
        context.close()
