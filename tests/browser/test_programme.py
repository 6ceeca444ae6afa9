"""The mentoring programme in a real Chromium: the curator confirms a suggested pair,
the mentee then finds it in «Мои пары» and sees the development plan."""

from django.core.management import call_command

import pytest

from mentoring.models import MenteeRequest, Pair, PairState
from mentoring.programme_demo import SLUG
from tests.browser.conftest import axe_violations


@pytest.fixture
def demo(live_server):
    call_command("load_demo", verbosity=0)


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in violations
    ]


def test_curator_confirms_a_suggested_pair_and_the_mentee_sees_the_plan(
    page, live_server, demo, login
):
    request = MenteeRequest.objects.get(programme__slug=SLUG, teacher__username="pedagog5")
    teacher_name = request.teacher_name

    login(page, "metodist", "demo12345")
    with page.expect_navigation():
        page.get_by_role("navigation", name="Основная навигация").get_by_role(
            "link", name="Программа наставничества"
        ).click()
    with page.expect_navigation():
        page.get_by_role("link", name="Кабинет куратора").first.click()
    assert page.locator("h1").inner_text() == "Кабинет куратора"
    assert_accessible(page)

    card = page.get_by_role("article", name=teacher_name)
    first = card.locator(".suggestion").first
    mentor_name = first.locator(".suggestion__head a").inner_text()
    # The score is explained: every reason with its points.
    reasons = first.locator(".reason").all_inner_texts()
    assert reasons and any("Есть свободные места" in reason for reason in reasons)
    with page.expect_navigation():
        first.get_by_role("button", name="Подтвердить пару").click()
    assert page.get_by_text("Пара подтверждена: ").first.is_visible()
    assert page.get_by_role("article", name=teacher_name).count() == 0  # no longer waiting

    pair = Pair.objects.get(memberships__request=request)
    assert pair.state == PairState.CONFIRMED
    assert pair.mentor.full_name == mentor_name
    assert pair.match_reasons

    # The mentee signs in and finds the pair and its plan.
    page.context.clear_cookies()
    login(page, "pedagog5", "demo12345")
    with page.expect_navigation():
        page.get_by_role("link", name="Мои пары").click()
    with page.expect_navigation():
        page.get_by_role("link", name=f"Наставник: {mentor_name}").click()
    plan = page.get_by_role("region", name="Индивидуальный план развития")
    assert plan.is_visible()
    assert "Хочу вести с восьмиклассниками проекты" in plan.inner_text()
    assert "Выполнено задач: 0 из 0" in plan.inner_text()

    # The mentee adds the first goal and a task; the progress follows.
    page.get_by_label("Новая цель").fill("Вести командные проекты по программированию")
    with page.expect_navigation():
        page.get_by_role("button", name="Добавить цель").click()
    page.get_by_text("Добавить задачу").first.click()
    page.get_by_label("Задача", exact=True).fill("Составить критерии оценки командной работы")
    page.get_by_label("Срок").fill("2026-12-15")
    with page.expect_navigation():
        page.get_by_role("button", name="Добавить задачу", exact=True).click()
    task = page.locator(".task").first
    assert "Составить критерии оценки командной работы" in task.inner_text()
    task.get_by_label("Статус задачи «Составить критерии оценки командной работы»").select_option(
        "done"
    )
    with page.expect_navigation():
        task.get_by_role("button", name="Сохранить").click()
    assert "Выполнено задач: 1 из 1 (100" in page.locator("#plan").inner_text()
    assert_accessible(page)

    # On a phone the page reads in one column without sideways scrolling.
    page.set_viewport_size({"width": 390, "height": 844})
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 390).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 15)"""
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, wide
    page.wait_for_load_state("networkidle")


def test_dashboard_draws_charts_on_the_server(page, live_server, demo, login):
    login(page, "metodist", "demo12345")
    page.goto(f"{live_server.url}/mentoring/programmy/{SLUG}/pokazateli/")
    assert page.locator("svg.chart__svg").count() == 3
    assert page.locator("svg.chart__svg rect.chart__bar").count() >= 5
    assert_accessible(page)
    page.wait_for_load_state("networkidle")
