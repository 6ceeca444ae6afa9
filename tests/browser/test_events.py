"""Events in a real Chromium: a teacher registers and finds the event in «Мои мероприятия»."""

import datetime

from django.utils import timezone

import pytest

from portal.roles import TEACHER
from tests.browser.conftest import axe_violations
from tests.events.factories import EventIndexPageFactory, EventPageFactory


@pytest.fixture
def calendar_site(live_server):
    from wagtail.models import Page, Site

    from home.models import HomePage

    home = HomePage(title="Наставник.Портал", slug="glavnaya")
    Page.get_first_root_node().add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Портал"},
    )
    index = EventIndexPageFactory(parent=home)
    now = timezone.now()
    intensive = EventPageFactory(
        parent=index,
        title="Образовательный интенсив «Наставник: первые шаги»",
        slug="intensiv-pervye-shagi",
        starts_at=now + datetime.timedelta(days=3),
        format="blended",
        address="ул. Примерная, д. 1, актовый зал",
        online_url="https://konferencii.example.org/intensiv",
        capacity=30,
        agenda=[
            {
                "type": "session",
                "value": {
                    "starts": "10:00:00",
                    "ends": "11:00:00",
                    "kind": "plenary",
                    "title": "Наставничество как технология",
                    "speakers": [
                        {"profile": None, "name": "Волкова Мария Андреевна", "role": "методист"}
                    ],
                },
            }
        ],
    )
    master_class = EventPageFactory(
        parent=index,
        title="Мастер-класс «Дневник наставника»",
        slug="master-klass",
        starts_at=now + datetime.timedelta(days=5),
        capacity=1,
    )
    return {"index": index, "intensive": intensive, "master_class": master_class}


@pytest.fixture
def teacher(live_server, make_user):
    return make_user(
        "orlova", roles=[TEACHER], last_name="Орлова", first_name="Анна", email="orlova@example.org"
    )


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in violations
    ]


def test_a_teacher_registers_and_finds_the_event_in_my_events(
    page, live_server, login, calendar_site, teacher
):
    login(page, "orlova")
    page.goto(live_server.url + "/meropriyatiya/")
    assert_accessible(page)
    page.get_by_role("link", name="Образовательный интенсив «Наставник: первые шаги»").click()
    page.wait_for_load_state()
    assert "ул. Примерная" not in page.content()  # not yet a participant
    assert_accessible(page)

    page.get_by_role("link", name="Записаться").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Организация").fill("ГБОУ СОШ № 373")
    page.get_by_label("Должность").fill("учитель русского языка")
    page.get_by_role("button", name="Записаться").click()
    page.wait_for_load_state()
    # Consent is required: the form says so in Russian and keeps what was typed.
    assert page.get_by_text("Без согласия на обработку данных записаться нельзя.").is_visible()
    assert page.get_by_label("Организация").input_value() == "ГБОУ СОШ № 373"
    page.get_by_label("Согласен(на) на обработку моих персональных данных").check()
    page.get_by_role("button", name="Записаться").click()
    page.wait_for_load_state()

    assert page.get_by_text(
        "Вы записаны. Мероприятие появилось в разделе «Мои мероприятия»."
    ).is_visible()
    registration = page.locator("#registration")
    assert "Вы записаны." in registration.inner_text()
    assert registration.get_by_role(
        "link", name="https://konferencii.example.org/intensiv"
    ).is_visible()
    assert registration.evaluate("el => el === document.activeElement")  # the outcome is announced

    page.get_by_role("link", name="Мои мероприятия").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Мои мероприятия"
    card = page.locator(".my-event", has_text="Наставник: первые шаги")
    assert "Вы записаны" in card.inner_text()
    assert "ул. Примерная, д. 1, актовый зал" in card.inner_text()
    assert_accessible(page)


def test_a_full_event_puts_the_teacher_on_the_waiting_list_and_cancel_asks_first(
    page, live_server, login, calendar_site, teacher, make_user
):
    from events import registration as rules

    rules.register(calendar_site["master_class"], make_user("first"), organisation="Гимназия № 524")
    login(page, "orlova")
    page.goto(live_server.url + calendar_site["master_class"].url)
    page.get_by_role("link", name="Встать в лист ожидания").click()
    page.wait_for_load_state()
    page.get_by_label("Организация").fill("ГБОУ СОШ № 373")
    page.get_by_label("Согласен(на) на обработку моих персональных данных").check()
    page.get_by_role("button", name="Встать в лист ожидания").click()
    page.wait_for_load_state()
    assert "Ваше место в очереди: 1." in page.locator("#registration").inner_text()

    page.goto(live_server.url + "/events/my/")
    assert "Лист ожидания, место 1" in page.locator(".my-event").inner_text()

    # The confirmation dialog: dismissing it keeps the place, accepting it cancels.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Покинуть лист ожидания").click()
    assert page.locator(".my-event").count() == 1
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Покинуть лист ожидания").click()
    page.wait_for_load_state()
    assert page.get_by_text("Запись отменена.").is_visible()
    assert page.locator(".my-event").count() == 0


def test_month_calendar_is_accessible_on_a_phone_and_a_desktop(page, live_server, calendar_site):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/meropriyatiya/kalendar/")
    assert page.locator(".month-list").is_visible() and not page.locator(".month-grid").is_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.locator(".month-grid").is_visible()
    page.get_by_role("link", name="Следующий месяц →").click()
    page.wait_for_load_state()
    assert "month=" in page.url
    assert_accessible(page)


def test_archive_and_a_past_event_with_materials_are_accessible(page, live_server, calendar_site):
    past = EventPageFactory(
        parent=calendar_site["index"],
        title="Фестиваль практик наставничества",
        slug="festival-praktik",
        starts_at=timezone.now() - datetime.timedelta(days=30),
        results="<p>Представлено 14 практик; шесть пар награждены.</p>",
        materials=[
            {
                "type": "link",
                "value": {
                    "url": "https://video.example.org/festival",
                    "title": "Видеозапись фестиваля",
                    "description": "Пленарная часть",
                },
            }
        ],
    )
    page.goto(live_server.url + "/meropriyatiya/arhiv/")
    assert page.get_by_text("Есть материалы").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name=past.title).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Итоги и материалы").is_visible()
    assert page.get_by_role("link", name="Видеозапись фестиваля").is_visible()
    assert_accessible(page)
