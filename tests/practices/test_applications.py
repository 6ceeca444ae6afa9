"""«Применил(а) в своей работе»: one mark per teacher, with an optional comment and a count."""

from django.urls import reverse

import pytest

from practices.applications import record_application, withdraw_application
from practices.models import PracticeApplication, PracticePage
from tests.practices.factories import PracticePageFactory


def apply_url(practice):
    return reverse("practices:apply", args=[practice.pk])


@pytest.mark.django_db
def test_a_teacher_marks_a_practice_once_and_the_count_follows(client, practice, teacher):
    client.force_login(teacher)
    html = client.get(practice.url).content.decode()
    assert "Применил(а) в своей работе" in html

    response = client.post(apply_url(practice), {"comment": "Провели в 5 «Б», дети в восторге"})
    assert response.status_code == 302
    assert response["Location"].endswith("#primenenie")
    response = client.post(apply_url(practice), {"comment": "Уточнение: и в 6 «А» тоже"})
    assert PracticeApplication.objects.filter(practice=practice, user=teacher).count() == 1
    assert PracticePage.objects.get(pk=practice.pk).applications_count == 1

    html = client.get(practice.url).content.decode()
    assert "Вы отметили, что применили эту практику" in html
    assert "Уточнение: и в 6 «А» тоже" in html
    assert "Отзывы коллег" in html


@pytest.mark.django_db
def test_the_count_shows_and_the_script_gets_json(client, practice, teacher, make_user):
    from portal.roles import TEACHER

    record_application(practice, make_user("kollega", roles=[TEACHER]))
    client.force_login(teacher)
    response = client.post(apply_url(practice), {"comment": ""}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    data = response.json()
    assert data == {"count": 2, "applied": True, "message": data["message"]}
    assert "Спасибо" in data["message"]


@pytest.mark.django_db
def test_comments_are_limited_and_escaped(client, practice, teacher):
    client.force_login(teacher)
    response = client.post(
        apply_url(practice), {"comment": "х" * 501}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400
    assert not PracticeApplication.objects.exists()
    client.post(apply_url(practice), {"comment": "<script>alert(1)</script>"})
    html = client.get(practice.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.django_db
def test_withdrawing_a_mark(client, practice, teacher):
    record_application(practice, teacher, "было")
    client.force_login(teacher)
    response = client.post(reverse("practices:withdraw", args=[practice.pk]))
    assert response.status_code == 302
    assert not PracticeApplication.objects.exists()
    assert PracticePage.objects.get(pk=practice.pk).applications_count == 0
    assert withdraw_application(practice, teacher) is False


@pytest.mark.django_db
def test_who_may_mark(client, index, practice, mentor, methodist):
    # Anonymous visitors are invited to sign in.
    assert "Войдите" in client.get(practice.url).content.decode()
    response = client.post(apply_url(practice))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    # An author does not mark their own practice.
    own = PracticePageFactory(parent=index, title="Своя", authors=[mentor.mentor_profile])
    client.force_login(mentor)
    assert "Применил(а) в своей работе" not in client.get(own.url).content.decode()
    assert client.post(apply_url(own), HTTP_ACCEPT="application/json").status_code == 403
    # A mentor marks someone else's practice.
    assert client.post(apply_url(practice)).status_code == 302
    # A methodist only (no teaching role) reviews, not applies.
    client.force_login(methodist)
    assert client.post(apply_url(practice), HTTP_ACCEPT="application/json").status_code == 403
    assert PracticePage.objects.get(pk=practice.pk).applications_count == 1


@pytest.mark.django_db
def test_drafts_cannot_be_marked(client, index, teacher):
    draft = PracticePageFactory(parent=index, live=False)
    client.force_login(teacher)
    assert client.post(apply_url(draft)).status_code == 404
    assert (
        client.get(apply_url(draft)).status_code == 405
        or client.get(apply_url(draft)).status_code == 404
    )


@pytest.mark.django_db
def test_marks_are_rate_limited(client, index, teacher, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "application": "2/h"}
    client.force_login(teacher)
    practices = [PracticePageFactory(parent=index, title=f"Практика {n}") for n in range(4)]
    for practice in practices[:2]:
        assert client.post(apply_url(practice), HTTP_ACCEPT="application/json").status_code == 200
    response = client.post(apply_url(practices[2]), HTTP_ACCEPT="application/json")
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "Слишком много отметок" in response.json()["message"]
    # Without JavaScript the form gets the Russian 429 page.
    response = client.post(apply_url(practices[3]), {"comment": "Применила в 5 «Б»"})
    assert response.status_code == 429
    assert "Слишком много запросов" in response.content.decode()
    assert response["Retry-After"] == "3600"
    assert practices[2].applications.count() == 0
