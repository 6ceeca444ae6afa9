"""The practice bank in Chromium: a mentor proposes a practice on the site, a methodist approves it
in the admin, a visitor finds it through the filters; accessibility of the bank's pages."""

import re

from django.contrib.auth.models import Group
from django.core.cache import cache

from wagtail.models import Page, Site

import pytest

from home.models import HomePage
from mentoring.models import MentorProfile
from portal.roles import MENTOR, METHODIST
from practices.models import MentoringForm, PracticeIndexPage, PracticePage
from tests.browser.conftest import axe_violations
from tests.practices.factories import PracticePageFactory

PASSWORD = "пароль-для-тестов"  # the password the `login` fixture types
TITLE = "Педагогические пятиминутки перед уроком"


@pytest.fixture
def bank(live_server, django_user_model):
    cache.clear()  # counts are cached per bank generation; the database was just rebuilt
    root = Page.get_first_root_node()
    home = HomePage(title="Наставник.Портал", slug="portal-home")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    index = PracticeIndexPage(title="Банк наставнических практик", slug="praktiki")
    home.add_child(instance=index)
    index.save_revision().publish()

    mentor = django_user_model.objects.create_user(
        "nastavnik", password=PASSWORD, first_name="Елена", last_name="Смирнова"
    )
    mentor.groups.add(Group.objects.get(name=MENTOR))
    MentorProfile.objects.create(
        user=mentor,
        last_name="Смирнова",
        first_name="Елена",
        middle_name="Викторовна",
        slug="smirnova",
    )
    methodist = django_user_model.objects.create_user(
        "metodist", password=PASSWORD, first_name="Мария", last_name="Волкова"
    )
    methodist.groups.add(Group.objects.get(name=METHODIST))
    # Another practice of the same level but another form, which the filters must leave out.
    PracticePageFactory(
        parent=index,
        title="Консультанты по математике",
        levels=["ooo"],
        mentoring_form=MentoringForm.objects.get(slug="uchenik-uchenik"),
    )
    return index


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in violations
    ]


def test_propose_approve_find(browser, live_server, login, bank):
    # 1. A mentor proposes a practice through the site form.
    mentor_context = browser.new_context(locale="ru-RU", timezone_id="Europe/Moscow")
    mentor_context.set_default_timeout(15_000)
    page = mentor_context.new_page()
    login(page, "nastavnik")
    page.goto(live_server.url + bank.url)
    page.get_by_role("link", name="Предложить практику").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Предложить практику"
    assert_accessible(page)

    # An incomplete form comes back with the errors listed and what was typed kept.
    page.locator("#id_summary").fill(
        "Пять минут перед уроком наставник и молодой учитель сверяют план."
    )
    page.get_by_role("button", name="Отправить на проверку").click()
    page.wait_for_load_state()
    summary = page.locator("[data-error-summary]")
    assert summary.is_visible()
    assert "Название практики" in summary.inner_text()
    assert summary.evaluate("el => el === document.activeElement")
    assert page.locator("#id_summary").input_value().startswith("Пять минут")

    page.locator("#id_title").fill(TITLE)
    page.locator("#id_problem").fill(
        "Молодой учитель входит в урок без ясного плана и теряет класс."
    )
    page.locator("#id_mentoring_form").select_option(label="учитель – учитель")
    page.get_by_label("Основное общее образование").check()
    page.get_by_label("Планирование и проведение урока (занятия)").check()
    page.locator("#id_participants").fill("3 пары «наставник — молодой учитель»")
    page.locator("#id_duration").fill("четверть, каждый учебный день")
    page.locator("#id_steps-0-title").fill("План на пять минут")
    page.locator("#id_steps-0-text").fill(
        "Наставник и учитель проговаривают цель урока и один приём."
    )
    # The second step appears on request.
    assert not page.locator("#id_steps-1-title").is_visible()
    page.get_by_role("button", name="Добавить шаг").click()
    page.locator("#id_steps-1-title").fill("Короткий разбор после урока")
    page.locator("#id_steps-1-text").fill("Две минуты: что получилось с приёмом.")
    page.locator("#id_results").fill("Учителя начинают уроки вовремя и с ясной целью.")
    page.locator("#id_tags").fill("планирование урока, молодой педагог")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Отправить на проверку").click()
    page.wait_for_load_state()
    assert page.url.endswith("/practices/moi/")
    card = page.locator(".my-practice", has_text=TITLE)
    assert "На проверке у методиста" in card.inner_text()
    practice = PracticePage.objects.get(title=TITLE)
    assert not practice.live
    mentor_context.close()

    # 2. A methodist approves it in the admin («В ожидании вашего отзыва» on the dashboard).
    methodist_context = browser.new_context(locale="ru-RU", timezone_id="Europe/Moscow")
    methodist_context.set_default_timeout(15_000)
    admin = methodist_context.new_page()
    login(admin, "metodist")
    admin.goto(live_server.url + "/admin/")
    row = admin.locator("tr", has_text=TITLE)
    row.get_by_role("button", name="Действия").click()
    row.get_by_role("button", name="Одобрить", exact=True).click()
    admin.wait_for_load_state()
    for _attempt in range(50):
        practice.refresh_from_db()
        if practice.live:
            break
        admin.wait_for_timeout(200)
    assert practice.live
    methodist_context.close()

    # 3. A visitor finds it through the filters.
    visitor = browser.new_context(locale="ru-RU", timezone_id="Europe/Moscow")
    visitor.set_default_timeout(15_000)
    page = visitor.new_page()
    page.goto(live_server.url + bank.url)
    assert "Найдено практик: 2" in page.locator("#results-title").inner_text()
    page.locator("#filter-form").select_option("uchitel-uchitel")
    page.locator("#filter-level").select_option("ooo")
    page.get_by_role("button", name="Показать практики").click()
    page.wait_for_load_state()
    # The address carries only the chosen filters, exactly as a link would.
    assert re.search(r"\?form=uchitel-uchitel&level=ooo$", page.url), page.url
    assert "Найдено практик: 1" in page.locator("#results-title").inner_text()
    assert page.locator(".practice-card").count() == 1
    assert_accessible(page)
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == TITLE
    assert page.get_by_role("link", name="Смирнова Елена Викторовна").is_visible()
    assert page.get_by_role("button", name="Распечатать").is_visible()
    assert_accessible(page)
    visitor.close()


def test_a_teacher_marks_a_practice_as_applied_without_reloading(
    browser, live_server, login, bank, django_user_model
):
    from portal.roles import TEACHER

    teacher = django_user_model.objects.create_user(
        "pedagog", password=PASSWORD, first_name="Ксения"
    )
    teacher.groups.add(Group.objects.get(name=TEACHER))
    practice = PracticePage.objects.live().get()
    context = browser.new_context(locale="ru-RU", timezone_id="Europe/Moscow")
    context.set_default_timeout(15_000)
    page = context.new_page()
    login(page, "pedagog")
    page.goto(live_server.url + practice.url)
    page.get_by_label("Комментарий для коллег (необязательно)").fill("Провели в 5 «А» — работает.")
    url_before = page.url
    page.get_by_role("button", name="Применил(а) в своей работе").click()
    page.locator("[data-apply-status]").filter(has_text="Спасибо").wait_for()
    assert page.url == url_before
    assert page.locator("[data-apply-count]").inner_text() == "1"
    assert PracticePage.objects.get(pk=practice.pk).applications_count == 1
    context.close()


def test_the_filters_fold_on_a_phone(browser, live_server, bank):
    context = browser.new_context(locale="ru-RU", viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + bank.url)
    panel = page.locator("[data-filters-panel]")
    assert not panel.evaluate("el => el.open")
    page.locator("summary.filters-panel__summary").click()
    assert panel.evaluate("el => el.open")
    assert_accessible(page)
    context.close()
