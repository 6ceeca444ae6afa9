import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, env_extra=None):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "ru"
    assert settings.TIME_ZONE == "Europe/Moscow"
    assert settings.USE_TZ
    assert settings.AUTH_USER_MODEL == "portal.User"


def test_production_refuses_default_secret_key():
    result = run_manage("check", env_extra={"DJANGO_SETTINGS_MODULE": "portal.settings.production"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_development_key():
    result = run_manage(
        "check",
        env_extra={
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": "dev-only-insecure-key-change-me",
        },
    )
    assert result.returncode != 0


@pytest.mark.parametrize("settings_module", ["portal.settings.production"])
def test_check_deploy_passes_with_production_settings(settings_module):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={
            "DJANGO_SETTINGS_MODULE": settings_module,
            "SECRET_KEY": "x" * 20 + "a-real-random-production-key-with-enough-entropy-0123456789",
            "ALLOWED_HOSTS": "nastavnik.example.org",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_settings_come_from_environment():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.ALLOWED_HOSTS, s.DEBUG, s.ELASTICSEARCH_URL, "
        "s.CHANNEL_LAYERS['default']['BACKEND'])",
        env_extra={
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DATABASE_URL": "postgres://portal@db.example.org:5432/portal",
            "ALLOWED_HOSTS": "a.example.org,b.example.org",
            "DEBUG": "0",
            "ELASTICSEARCH_URL": "http://es.example.org:9200",
            "REDIS_URL": "redis://cache.example.org:6379/0",
        },
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "django.db.backends.postgresql" in out
    assert "['a.example.org', 'b.example.org']" in out
    assert "False" in out
    assert "http://es.example.org:9200" in out
    assert "channels_redis.core.RedisChannelLayer" in out
