from django.urls import reverse

import pytest

from portal.roles import TEACHER, has_role


@pytest.mark.django_db
def test_signup_creates_a_teacher_and_signs_in(client, django_user_model):
    response = client.post(
        reverse("signup"),
        {
            "username": "anna",
            "last_name": "Соколова",
            "first_name": "Анна",
            "middle_name": "Петровна",
            "email": "anna@example.org",
            "password1": "Очень-надёжный-пароль-2026",
            "password2": "Очень-надёжный-пароль-2026",
        },
    )
    assert response.status_code == 302
    user = django_user_model.objects.get(username="anna")
    assert has_role(user, TEACHER)
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_signup_bad_input_keeps_what_was_typed(client, make_user):
    make_user(username="taken", email="anna@example.org")
    response = client.post(
        reverse("signup"),
        {
            "username": "anna",
            "last_name": "Соколова",
            "first_name": "Анна",
            "email": "anna@example.org",
            "password1": "123",
            "password2": "456",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "уже зарегистрирован" in html
    assert 'value="Соколова"' in html
    assert not response.context["form"].is_valid()


@pytest.mark.django_db
def test_login_error_is_russian(client, make_user):
    make_user(username="olga", password="правильный")
    response = client.post(reverse("login"), {"username": "olga", "password": "неправильный"})
    assert response.status_code == 200
    assert "Неверное имя пользователя или пароль" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("next_url", "expected"),
    [("/praktiki/", "/praktiki/"), ("https://evil.example.com/", "/"), ("//evil.example.com", "/")],
)
def test_signup_redirects_only_within_the_site(client, next_url, expected):
    response = client.post(
        reverse("signup"),
        {
            "username": "boris",
            "last_name": "Орлов",
            "first_name": "Борис",
            "email": "boris@example.org",
            "password1": "Очень-надёжный-пароль-2026",
            "password2": "Очень-надёжный-пароль-2026",
            "next": next_url,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == expected
