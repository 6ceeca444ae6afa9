"""`manage.py backup` / `manage.py restore`: real dumps, media, manifest, a round trip."""

import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import connection

from wagtail.images import get_image_model

import pytest
from PIL import Image

from home.models import StandardPage
from portal.backups import BackupError, read_manifest, restore_backup

from .conftest import needs_postgres

ROOT = Path(__file__).resolve().parents[2]
# Committed data: pg_dump and the SQLite backup API read what other connections see.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 80, 40)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def content(demo_site, make_user):
    """Something worth keeping: a mentor, a published page, a photo."""
    user = make_user("irina-kuznetsova", first_name="Ирина", last_name="Кузнецова")
    page = StandardPage(title="Положение о наставничестве 2026", slug="polozhenie-2026")
    demo_site.add_child(instance=page)
    page.save_revision().publish()
    image = get_image_model()(
        title="Фото наставника", file=ImageFile(io.BytesIO(png_bytes()), name="irina.png")
    )
    image.save()
    return {"user": user, "page": page, "image": image, "image_bytes": png_bytes()}


def run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def restore_env(database_url, media_root):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(media_root),
        }
    )
    return env


def make_backup(tmp_path):
    call_command("backup", output=str(tmp_path / "archives"), stdout=io.StringIO())
    (archive,) = (tmp_path / "archives").glob("portal-*.tar.gz")
    return archive


def check_manifest(archive, content, engine):
    manifest = read_manifest(archive)
    assert manifest["engine"] == engine
    assert manifest["counts"]["users"] >= 1
    assert manifest["counts"]["images"] == get_image_model().objects.count() >= 1
    assert manifest["migrations"]["portal"].startswith("000")
    assert manifest["media"]["files"] >= 1
    media = [name for name in manifest["members"] if name.startswith("media/")]
    assert f"media/{content['image'].file.name}" in media
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names
    assert manifest["database_file"] in names
    return manifest


def test_round_trip_on_sqlite(content, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite round trip runs in the SQLite pass")
    archive = make_backup(tmp_path)
    manifest = check_manifest(archive, content, "sqlite")
    assert manifest["database_file"] == "database.sqlite3"

    target = tmp_path / "restored.sqlite3"
    media = tmp_path / "media"
    env = restore_env(f"sqlite:///{target}", media)
    result = run_manage("restore", str(archive), env=env)
    assert result.returncode == 0, result.stderr
    assert "Restored the backup" in result.stdout

    with sqlite3.connect(target) as db:
        assert db.execute(
            "SELECT first_name FROM portal_user WHERE username = 'irina-kuznetsova'"
        ).fetchone() == ("Ирина",)
        assert db.execute(
            "SELECT live FROM wagtailcore_page WHERE title = 'Положение о наставничестве 2026'"
        ).fetchone() == (1,)
    assert (media / content["image"].file.name).read_bytes() == content["image_bytes"]

    # A second restore would overwrite: refused without --force, done with it.
    refused = run_manage("restore", str(archive), env=env)
    assert refused.returncode != 0
    assert "--force" in refused.stderr
    forced = run_manage("restore", str(archive), "--force", env=env)
    assert forced.returncode == 0, forced.stderr


@needs_postgres
def test_round_trip_on_postgresql(content, tmp_path):
    import psycopg

    archive = make_backup(tmp_path)
    manifest = check_manifest(archive, content, "postgresql")
    assert manifest["database_file"] == "database.dump"

    settings_dict = connection.settings_dict
    server = f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:{settings_dict['PORT']}"
    name = "portal_prod_restore"
    admin_url = f"{server}/postgres"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    media = tmp_path / "media"
    env = restore_env(f"{server}/{name}", media)
    try:
        result = run_manage("restore", str(archive), env=env)
        assert result.returncode == 0, result.stderr
        with psycopg.connect(f"{server}/{name}") as db:
            row = db.execute(
                "SELECT first_name FROM portal_user WHERE username = 'irina-kuznetsova'"
            ).fetchone()
            assert row == ("Ирина",)
            assert db.execute(
                "SELECT live FROM wagtailcore_page WHERE title = 'Положение о наставничестве 2026'"
            ).fetchone() == (True,)
        assert (media / content["image"].file.name).read_bytes() == content["image_bytes"]

        refused = run_manage("restore", str(archive), env=env)
        assert refused.returncode != 0
        assert "--force" in refused.stderr
        forced = run_manage("restore", str(archive), "--force", env=env)
        assert forced.returncode == 0, forced.stderr
        # The restored copy serves: migrations are all applied.
        check = run_manage("migrate", "--check", env=env)
        assert check.returncode == 0, check.stdout + check.stderr
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_damaged_archive_is_refused_before_anything_changes(content, tmp_path):
    archive = make_backup(tmp_path)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("media/"):
                data = data[:-1] + bytes([data[-1] ^ 0xFF])
            target.addfile(member, io.BytesIO(data))
    with pytest.raises(BackupError, match="Checksum mismatch"):
        restore_backup(damaged, force=True)
    assert StandardPage.objects.filter(title="Положение о наставничестве 2026").exists()


def test_restore_refuses_another_engine_and_foreign_files(content, tmp_path):
    archive = make_backup(tmp_path)
    manifest = read_manifest(archive)
    other = "postgresql" if manifest["engine"] == "sqlite" else "sqlite"
    forged = tmp_path / "other-engine.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(forged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "manifest.json":
                data = json.dumps({**manifest, "engine": other}).encode()
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    with pytest.raises(BackupError, match="holds a"):
        restore_backup(forged, force=True)
    not_a_backup = tmp_path / "notes.tar.gz"
    with tarfile.open(not_a_backup, "w:gz") as target:
        info = tarfile.TarInfo("notes.txt")
        target.addfile(info, io.BytesIO(b""))
    with pytest.raises(BackupError, match="not a portal backup"):
        restore_backup(not_a_backup)
