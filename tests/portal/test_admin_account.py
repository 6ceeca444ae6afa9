from django.contrib.auth import get_user_model
from django.core.management import call_command

import pytest

from portal.roles import ADMINISTRATOR


@pytest.mark.django_db
def test_generated_password_is_printed_once(capsys, monkeypatch):
    monkeypatch.delenv("PORTAL_ADMIN_PASSWORD", raising=False)
    call_command("ensure_admin")
    first = capsys.readouterr().out
    assert "Пароль:" in first
    password = first.split("Пароль:")[1].split()[0]
    admin = get_user_model().objects.get(username="admin")
    assert admin.check_password(password)
    assert admin.is_superuser
    assert admin.groups.filter(name=ADMINISTRATOR).exists()

    call_command("ensure_admin")
    second = capsys.readouterr().out
    assert "Пароль:" not in second
    admin.refresh_from_db()
    assert admin.check_password(password)


@pytest.mark.django_db
def test_password_from_environment(monkeypatch, capsys):
    monkeypatch.setenv("PORTAL_ADMIN_PASSWORD", "секретный-пароль-42")
    call_command("ensure_admin")
    assert "Пароль:" not in capsys.readouterr().out
    assert get_user_model().objects.get(username="admin").check_password("секретный-пароль-42")
