"""The honour board and mentor profiles in a real Chromium."""

import io

from django.core.management import call_command

import pytest
from PIL import Image as PILImage

from mentoring.models import Award, MentorProfile
from tests.browser.conftest import axe_violations


@pytest.fixture
def demo(live_server):
    call_command("load_demo", verbosity=0)


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in violations
    ]


def cards(page):
    return page.locator(".board-grid .card--mentor")


def test_visitor_filters_the_board_by_year_and_opens_a_profile(page, live_server, demo):
    page.goto(f"{live_server.url}/")
    with page.expect_navigation():
        page.get_by_role("navigation", name="Основная навигация").get_by_role(
            "link", name="Доска почёта"
        ).click()
    assert page.locator("h1").inner_text() == "Доска почёта"
    assert cards(page).count() == 20

    awarded_2021 = set(
        MentorProfile.objects.filter(awards__year=2021)
        .distinct()
        .values_list("last_name", flat=True)
    )
    # Choosing a year applies the filter at once (progressive enhancement of the form).
    with page.expect_navigation():
        page.get_by_label("Год награждения").select_option("2021")
    assert "year=2021" in page.url
    assert "level=" not in page.url  # empty filters stay out of the address
    assert page.get_by_text(f"Наставников на доске: {len(awarded_2021)}").is_visible()
    names = cards(page).locator(".card__title").all_inner_texts()
    assert {name.split()[0] for name in names} == awarded_2021
    assert all("2021" in text for text in cards(page).locator(".award-list").all_inner_texts())

    first = names[0]
    # The whole card opens the profile, not only the name: a tap on the portrait will do.
    box = cards(page).first.locator(".card--mentor__photo").bounding_box()
    with page.expect_navigation():
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.locator("h1").inner_text() == first
    awards = page.get_by_role("region", name="Награды и достижения")
    assert "2021" in awards.inner_text()
    page.get_by_role("navigation", name="Вы здесь").get_by_role(
        "link", name="Доска почёта"
    ).wait_for()
    # Back to the filtered board: the filters are usable again (not left disabled).
    page.go_back()
    assert page.get_by_label("Год награждения").input_value() == "2021"
    assert page.get_by_label("Уровень награды").is_enabled()
    with page.expect_navigation():
        page.get_by_label("Уровень награды").select_option("federal")
    assert "year=2021" in page.url and "level=federal" in page.url
    # One and the same award must be of 2021 and federal.
    expected = MentorProfile.objects.filter(awards__year=2021, awards__level="federal").count()
    assert page.get_by_role("heading", name=f"Наставников на доске: {expected}").is_visible()
    assert cards(page).count() == expected
    page.wait_for_load_state("networkidle")


def test_filters_work_without_javascript(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False, locale="ru-RU")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/doska-pochyota/")
        page.get_by_label("Уровень награды").select_option("federal")
        with page.expect_navigation():
            page.get_by_role("button", name="Показать").click()
        expected = MentorProfile.objects.filter(awards__level="federal").distinct().count()
        assert cards(page).count() == expected > 0
        assert "федеральный" in cards(page).first.inner_text()
        with page.expect_navigation():
            page.get_by_role("link", name="Сбросить фильтры").click()
        assert cards(page).count() == 20
        page.wait_for_load_state("networkidle")  # nothing in flight when the database is flushed
    finally:
        context.close()


def test_board_and_profile_are_accessible(page, live_server, demo):
    page.goto(f"{live_server.url}/doska-pochyota/?year=2024")
    assert_accessible(page)
    page.goto(f"{live_server.url}/mentoring/nastavniki/smirnova-elena-viktorovna/")
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/doska-pochyota/")
    # On a phone the cards are rows: the photo beside the name, not a full-width poster.
    photo = cards(page).first.locator(".card--mentor__photo").bounding_box()
    assert photo["width"] < 120
    page.wait_for_load_state("networkidle")


def jpeg_bytes(size=(800, 1000)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (90, 120, 160)).save(buffer, format="JPEG")
    return buffer.getvalue()


def test_mentor_updates_their_profile_and_photo(page, live_server, demo, login):
    login(page, "nastavnik1", "demo12345")
    with page.expect_navigation():
        page.get_by_role("link", name="Мой профиль наставника").click()
    assert page.locator("h1").inner_text() == "Мой профиль наставника"
    assert_accessible(page)

    # A text file renamed .jpg: the browser warns at once, the server refuses it for good.
    page.get_by_label("Новая фотография").set_input_files(
        files=[{"name": "photo.jpg", "mimeType": "text/plain", "buffer": "не фото".encode()}]
    )
    assert page.locator("[data-photo-error]").inner_text().startswith("Этот файл не подойдёт")
    page.get_by_label("Должность").fill("заместитель директора по УВР")
    with page.expect_navigation():
        page.get_by_role("button", name="Сохранить профиль").click()
    assert page.get_by_text("Профиль не сохранён").first.is_visible()
    assert "не является изображением" in page.locator(".profile-form").inner_text()
    assert page.get_by_label("Должность").input_value() == "заместитель директора по УВР"

    page.get_by_label("Новая фотография").set_input_files(
        files=[{"name": "portrait.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}]
    )
    assert page.locator("[data-photo-preview]").is_visible()
    page.get_by_label("Цифровые образовательные технологии").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Сохранить профиль").click()
    assert page.locator("h1").inner_text() == "Смирнова Елена Викторовна"
    assert page.get_by_text("Изменения сохранены").is_visible()
    assert (
        "Цифровые образовательные технологии" in page.locator("#expertise-title + dl").inner_text()
    )
    profile = MentorProfile.objects.get(slug="smirnova-elena-viktorovna")
    assert profile.position == "заместитель директора по УВР"
    assert (profile.photo.width, profile.photo.height) == (800, 1000)
    assert "mentor-smirnova-elena-viktorovna" in profile.photo.file.name
    # Awards are not the mentor's to edit: the form has no such field.
    assert page.get_by_role("link", name="Добавить награду").count() == 0
    assert Award.objects.filter(profile=profile).count() == 3
    page.wait_for_load_state("networkidle")
