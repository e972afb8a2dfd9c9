"""A backup restored into an empty database and empty folders has every table and every file as they were;
a tampered archive or a database that is not empty is refused before anything is written.

The SQLite test runs in the normal suite; the PostgreSQL one when DATABASE_URL is PostgreSQL (CI runs both)."""

import io
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, connections
from PIL import Image

from haastemoottori.core.backup import BackupError, backup_create, backup_restore
from haastemoottori.organisations import services_profile
from haastemoottori.signals import services as signal_services

pytestmark = pytest.mark.django_db(transaction=True)

CSV = "id,title,text,language,observed\n1,Pyörätie jäässä,Auraus myöhässä 🚲,fi,2026-01-05\n".encode()


@pytest.fixture
def roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return {"media": settings.MEDIA_ROOT, "private": settings.PRIVATE_MEDIA_ROOT}


@pytest.fixture
def filled(region, make_challenge, roots):
    """The test region, a challenge, a logo (public media) and a signal import's file (private)."""
    make_challenge()
    buffer = io.BytesIO()
    Image.new("RGB", (12, 6), (0, 0, 191)).save(buffer, "PNG")
    services_profile.organisation_update_profile(
        actor=region.people["company_admin"],
        organisation=region.company,
        logo=SimpleUploadedFile("logo.png", buffer.getvalue()),
        description={"fi": "Kuvaus ääkkösin – ja emojilla 🌲"},
    )
    signal_services.signal_import_start(
        actor=region.people["espoo_owner"],
        city=region.espoo,
        fmt="csv",
        file_name="palaute.csv",
        data=CSV,
        background=False,
    )
    return region


@pytest.fixture
def empty_database(tmp_path):
    """Settings of a new, empty database on the test's engine (dropped afterwards on PostgreSQL)."""
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "restored.sqlite3")
        yield settings_dict
        return
    name = f"{settings_dict['NAME']}_restored_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    settings_dict["NAME"] = name
    try:
        yield settings_dict
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _rows(conn, table):
    quoted = conn.ops.quote_name(table)
    with conn.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (a table name from introspection)
        return sorted(repr(row) for row in cursor.fetchall())


def _tables(conn):
    with conn.cursor() as cursor:
        return sorted(conn.introspection.table_names(cursor))


def _files(root: Path):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _compare(source, restored_settings):
    """Every table: the same rows (compared in full, not by digest); at least the filled ones not empty."""
    restored = type(connections["default"])(restored_settings, alias="restored")
    try:
        tables = _tables(source)
        assert tables == _tables(restored)
        for table in tables:
            assert _rows(source, table) == _rows(restored, table), table
    finally:
        restored.close()
    return {table: len(_rows(source, table)) for table in tables}


def _check_restore(filled, roots, empty_database, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", "--output", str(archive))
    restored_roots = {"media": tmp_path / "restored-media", "private": tmp_path / "restored-private"}
    manifest = backup_restore(archive, database=empty_database, roots=restored_roots)

    counts = _compare(connection, empty_database)
    assert counts["organisations_organisation"] == 4 and counts["challenges_challenge"] == 1
    assert counts["signals_signalimport"] == 1 and counts["django_migrations"] > 50
    assert set(manifest["tables"]) >= {"accounts_user", "audit_auditevent"} or connection.vendor != "sqlite"
    for label, root in roots.items():
        assert _files(root) == _files(restored_roots[label]), label
    assert len(_files(roots["media"])) == 1 and len(_files(roots["private"])) == 1

    # Restoring again: the database is no longer empty, so nothing is written.
    with pytest.raises(BackupError, match="not empty"):
        backup_restore(archive, database=empty_database, roots={"media": tmp_path / "a", "private": tmp_path / "b"})
    assert not (tmp_path / "a").exists()
    return archive


def _tampered(archive: Path, target: Path) -> Path:
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as out:
        for member in source:
            data = source.extractfile(member).read()
            if member.name.startswith("files/private/"):
                data = data.replace("jäässä".encode(), b"sulaa!")
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    return target


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backup (the PostgreSQL one is below)")
def test_sqlite_backup_restores_every_table_and_file(filled, roots, empty_database, tmp_path, capsys):
    archive = _check_restore(filled, roots, empty_database, tmp_path)
    call_command("restore", "--check", str(archive))
    assert "checked" in capsys.readouterr().out

    bad = _tampered(archive, tmp_path / "tampered.tar.gz")
    other = dict(empty_database, NAME=str(tmp_path / "other.sqlite3"))
    with pytest.raises(BackupError, match="checksum"):
        backup_restore(bad, database=other, roots={"media": tmp_path / "c", "private": tmp_path / "d"})
    assert not Path(other["NAME"]).exists() and not (tmp_path / "d").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs when DATABASE_URL is PostgreSQL")
def test_postgresql_backup_restores_every_table_and_file(filled, roots, empty_database, tmp_path):
    _check_restore(filled, roots, empty_database, tmp_path)


def test_a_backup_is_consistent_with_its_manifest(filled, roots, tmp_path):
    manifest = backup_create(tmp_path / "b.tar.gz")
    with tarfile.open(tmp_path / "b.tar.gz", "r:gz") as tar:
        names = tar.getnames()
    assert names[-1] == "manifest.json" and set(names[:-1]) == set(manifest["members"])
    assert manifest["engine"] == {"sqlite": "sqlite", "postgresql": "postgresql"}[connection.vendor]
    assert all(table["rows"] >= 0 and len(table["sha256"]) == 64 for table in manifest["tables"].values())
    assert connections["default"].vendor == connection.vendor
