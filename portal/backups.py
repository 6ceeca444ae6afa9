"""Backup and restore of the portal: the database and the media files in one archive.

``manage.py backup`` writes ``portal-<date>-<time>.tar.gz`` with

- ``manifest.json``: format, time, database engine, versions, the last applied
  migration of each app, row counts of the main tables, and the size and
  SHA-256 of every member, so a damaged archive is refused before anything is
  touched;
- ``database.dump`` (PostgreSQL: ``pg_dump --format=custom``) or
  ``database.sqlite3`` (SQLite: the online backup API, consistent while the
  portal keeps running);
- ``media/...``: every file of the default storage (disk or S3), read through
  Django's storage API.

``manage.py restore <archive>`` checks the archive, refuses to overwrite a
database that already holds data or media files that already exist unless
``--force`` is given, then restores with ``pg_restore`` or the backup API,
writes the media back and empties the page cache.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections

import wagtail

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
COUNTED = {
    "users": "portal.User",
    "pages": "wagtailcore.Page",
    "images": "wagtailimages.Image",
    "documents": "wagtaildocs.Document",
}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in words for an operator."""


# -- helpers -------------------------------------------------------------------


def _engine(connection):
    if connection.vendor == "postgresql":
        return "postgresql"
    if connection.vendor == "sqlite":
        return "sqlite"
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")


def _sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env_and_args(connection):
    params = connection.settings_dict
    env = {**os.environ}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    args = ["--dbname", params["NAME"]]
    if params.get("HOST"):
        args += ["--host", str(params["HOST"])]
    if params.get("PORT"):
        args += ["--port", str(params["PORT"])]
    if params.get("USER"):
        args += ["--username", str(params["USER"])]
    return env, args


def _pg_tool(name):
    path = os.environ.get(f"PORTAL_{name.upper()}") or shutil.which(name)
    if not path:
        raise BackupError(
            f"{name} not found: install the PostgreSQL client (apt-get install postgresql-client)."
        )
    return path


def _run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(
            f"{Path(command[0]).name} failed: {result.stderr.strip() or result.stdout.strip()}"
        )
    return result


def _media_files(storage, folder=""):
    """Every file name in ``storage`` under ``folder``, depth first."""
    try:
        folders, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from _media_files(storage, f"{folder}/{sub}" if folder else sub)


def _applied_migrations(connection):
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return {}
    latest = {}
    for app, name in recorder.migration_qs.order_by("app", "name").values_list("app", "name"):
        latest[app] = name
    return latest


def _counts(using):
    counts = {}
    for label, model_label in COUNTED.items():
        try:
            counts[label] = apps.get_model(model_label).objects.using(using).count()
        except LookupError:
            continue
    return counts


def database_has_data(connection):
    """True when the database holds an applied schema (anything to lose)."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    return "django_migrations" in tables


# -- backup --------------------------------------------------------------------


def _dump_database(connection, folder):
    engine = _engine(connection)
    if engine == "postgresql":
        target = folder / "database.dump"
        env, args = _pg_env_and_args(connection)
        _run(
            [
                _pg_tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(target),
                *args,
            ],
            env,
        )
        return target
    target = folder / "database.sqlite3"
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()
    return target


def create_backup(output=None, *, include_media=True, using=DEFAULT_DB_ALIAS, storage=None):
    """Write a backup archive; return its path. ``output`` is a file or a folder."""
    storage = storage or default_storage
    connection = connections[using]
    now = datetime.datetime.now(datetime.UTC)
    name = f"portal-{now:%Y%m%d-%H%M%S}.tar.gz"
    output = (
        Path(output)
        if output
        else Path(getattr(settings, "PORTAL_BACKUP_DIR", settings.BASE_DIR / "backups"))
    )
    if output.suffixes[-2:] != [".tar", ".gz"]:
        output.mkdir(parents=True, exist_ok=True)
        output = output / name
    else:
        output.parent.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="portal-backup-") as scratch:
        scratch = Path(scratch)
        dump = _dump_database(connection, scratch)
        members = {dump.name: {"size": dump.stat().st_size, "sha256": _sha256_file(dump)}}
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(dump, arcname=dump.name)
            media_count = media_bytes = 0
            if include_media:
                for file_name in _media_files(storage):
                    with storage.open(file_name, "rb") as handle:
                        data = handle.read()
                    info = tarfile.TarInfo(MEDIA_PREFIX + file_name)
                    info.size = len(data)
                    info.mtime = int(now.timestamp())
                    archive.addfile(info, io.BytesIO(data))
                    members[info.name] = {
                        "size": len(data),
                        "sha256": hashlib.sha256(data).hexdigest(),
                    }
                    media_count += 1
                    media_bytes += len(data)
            manifest = {
                "format": FORMAT,
                "created_at": now.isoformat(),
                "engine": _engine(connection),
                "database_file": dump.name,
                "versions": {"django": _django_version(), "wagtail": wagtail.__version__},
                "migrations": _applied_migrations(connection),
                "counts": _counts(using),
                "media": {"included": include_media, "files": media_count, "bytes": media_bytes},
                "members": members,
            }
            payload = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(payload)
            info.mtime = int(now.timestamp())
            archive.addfile(info, io.BytesIO(payload))
        partial.replace(output)  # never leave a half-written archive under the final name
    return output, manifest


def _django_version():
    import django

    return django.get_version()


# -- restore -------------------------------------------------------------------


def read_manifest(archive_path):
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            manifest = json.load(archive.extractfile(MANIFEST))
    except (OSError, KeyError, tarfile.TarError, json.JSONDecodeError) as error:
        raise BackupError(f"{archive_path} is not a portal backup: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r} (expected {FORMAT}).")
    return manifest


def _extract_checked(archive_path, manifest, folder):
    """Unpack into ``folder``, refusing unexpected names and checksum mismatches."""
    expected = manifest["members"]
    with tarfile.open(archive_path, "r:gz") as archive:
        for member in archive.getmembers():
            if member.name == MANIFEST:
                continue
            if member.name not in expected or not member.isfile():
                raise BackupError(f"Unexpected member in the archive: {member.name}")
            data = archive.extractfile(member).read()
            if hashlib.sha256(data).hexdigest() != expected[member.name]["sha256"]:
                raise BackupError(f"Checksum mismatch for {member.name}: the archive is damaged.")
            target = folder / member.name
            # Names are checked against the manifest and written under the folder only.
            if not target.resolve().is_relative_to(folder.resolve()):
                raise BackupError(f"Unsafe path in the archive: {member.name}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    missing = [name for name in expected if not (folder / name).exists()]
    if missing:
        raise BackupError(f"The archive lacks {', '.join(missing)}.")


def _restore_database(connection, engine, dump):
    if engine == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA IF EXISTS public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        connection.close()
        env, args = _pg_env_and_args(connection)
        _run(
            [
                _pg_tool("pg_restore"),
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                *args,
                str(dump),
            ],
            env,
        )
        return
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def restore_backup(
    archive_path, *, force=False, include_media=True, using=DEFAULT_DB_ALIAS, storage=None
):
    """Restore the database and media of ``archive_path``; return its manifest."""
    storage = storage or default_storage
    connection = connections[using]
    manifest = read_manifest(archive_path)
    engine = _engine(connection)
    if manifest["engine"] != engine:
        raise BackupError(
            f"The archive holds a {manifest['engine']} database; this portal runs on {engine}."
        )
    media_names = [
        name[len(MEDIA_PREFIX) :] for name in manifest["members"] if name.startswith(MEDIA_PREFIX)
    ]
    if not force:
        if database_has_data(connection):
            raise BackupError(
                "The database is not empty (it has the portal's tables). Restoring replaces "
                "everything in it: repeat with --force if that is what you want."
            )
        if include_media:
            existing = [name for name in media_names if storage.exists(name)]
            if existing:
                raise BackupError(
                    f"{len(existing)} media files already exist (e.g. {existing[0]}): repeat with --force to overwrite them."
                )

    with tempfile.TemporaryDirectory(prefix="portal-restore-") as scratch:
        scratch = Path(scratch)
        _extract_checked(archive_path, manifest, scratch)
        _restore_database(connection, engine, scratch / manifest["database_file"])
        if include_media:
            for name in media_names:
                if storage.exists(name):
                    storage.delete(name)
                saved = storage.save(
                    name, ContentFile((scratch / MEDIA_PREFIX / name).read_bytes())
                )
                if saved != name:
                    raise BackupError(f"Media file {name} was stored as {saved}.")
    # Whatever was cached describes the content that is gone.
    from portal.page_cache import VERSION_KEY, forget_local_version

    cache.delete(VERSION_KEY)
    forget_local_version()
    return manifest
