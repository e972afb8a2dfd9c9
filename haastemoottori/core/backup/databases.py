"""The database part of a backup, per engine: a consistent copy, its restore, and per-table digests.

PostgreSQL: ``pg_dump --format=custom`` run inside a snapshot that this module exports, so the table digests
written to the manifest describe exactly the dumped data; ``pg_restore`` into an empty database.
SQLite: the online backup API (``sqlite3.Connection.backup``) copies the open database page by page while the
platform keeps running; the digests are read from the copy; a restore copies it back the same way.

Digests are order-independent: each row is hashed, the row hashes sorted and hashed together, so a table
restored with its rows in another physical order still matches.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.db import connections

TableDigests = dict[str, dict[str, Any]]

POSTGRESQL = "postgresql"
SQLITE = "sqlite"


class BackupError(Exception):
    pass


def engine_of(settings_dict: dict[str, Any]) -> str:
    engine = settings_dict["ENGINE"]
    if engine.endswith("postgresql"):
        return POSTGRESQL
    if engine.endswith("sqlite3"):
        return SQLITE
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {engine}.")


def _canonical(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    return value


def _digest(rows: Iterable[tuple[Any, ...]]) -> dict[str, Any]:
    hashes = sorted(hashlib.sha256(repr(tuple(map(_canonical, row))).encode()).digest() for row in rows)
    total = hashlib.sha256()
    for row_hash in hashes:
        total.update(row_hash)
    return {"rows": len(hashes), "sha256": total.hexdigest()}


# SQLite --------------------------------------------------------------------------------------------------------


def _sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    return [name for (name,) in rows]


def sqlite_digests(path: Path | str) -> TableDigests:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            table: _digest(conn.execute(f'SELECT * FROM "{table}"'))  # noqa: S608 (names from sqlite_master)
            for table in _sqlite_tables(conn)
        }
    finally:
        conn.close()


def sqlite_dump(using: str, target: Path) -> TableDigests:
    """Copy the live database with the online backup API; the digests are those of the copy."""
    connection = connections[using]
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()
    return sqlite_digests(target)


def sqlite_restore(settings_dict: dict[str, Any], source: Path) -> Path:
    target = Path(settings_dict["NAME"])
    if target.exists():
        conn = sqlite3.connect(target)
        try:
            if _sqlite_tables(conn):
                raise BackupError(f"The database {target} is not empty; restore into a new, empty database.")
        finally:
            conn.close()
    source_conn, target_conn = sqlite3.connect(source), sqlite3.connect(target)
    try:
        source_conn.backup(target_conn)
    finally:
        source_conn.close()
        target_conn.close()
    return target


# PostgreSQL ----------------------------------------------------------------------------------------------------

_LIBPQ_OPTIONS = ("sslmode", "sslrootcert", "sslcert", "sslkey", "passfile", "service")


def _pg_environment(settings_dict: dict[str, Any]) -> dict[str, str]:
    """libpq's variables for the pg_dump and pg_restore processes (the password never on a command line)."""
    values = {
        "PGDATABASE": settings_dict.get("NAME"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": str(settings_dict.get("PORT") or ""),
    }
    options = settings_dict.get("OPTIONS") or {}
    values.update({f"PG{key.upper()}": options.get(key) for key in _LIBPQ_OPTIONS})
    return {key: str(value) for key, value in values.items() if value}


def _pg_connect(settings_dict: dict[str, Any]) -> Any:
    import psycopg
    import psycopg.conninfo

    env = _pg_environment(settings_dict)
    params = {
        "dbname": env.get("PGDATABASE"),
        "user": env.get("PGUSER"),
        "password": env.get("PGPASSWORD"),
        "host": env.get("PGHOST"),
        "port": env.get("PGPORT"),
    }
    options = settings_dict.get("OPTIONS") or {}
    params.update({key: options[key] for key in _LIBPQ_OPTIONS if options.get(key)})
    conninfo = psycopg.conninfo.make_conninfo(**{key: value for key, value in params.items() if value})
    return psycopg.connect(conninfo)


def _program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} was not found; install the PostgreSQL client programs (postgresql-client).")
    return path


def _run(args: list[str], settings_dict: dict[str, Any]) -> None:
    env = {**os.environ, **_pg_environment(settings_dict)}
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {result.stderr.strip()}")


def _pg_tables(cursor: Any) -> list[str]:
    cursor.execute(
        "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables "
        "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
    )
    return [name for (name,) in cursor.fetchall()]


def _pg_digests(conn: Any) -> TableDigests:
    with conn.cursor() as cursor:
        digests = {}
        for table in _pg_tables(cursor):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (names from pg_tables, quoted)
            digests[table] = _digest(cursor)
        return digests


@contextmanager
def _snapshot(settings_dict: dict[str, Any]) -> Iterator[tuple[Any, str]]:
    """A read-only repeatable-read transaction and the id of its exported snapshot."""
    conn = _pg_connect(settings_dict)
    try:
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        conn.execute("SET LOCAL TIME ZONE 'UTC'")
        row = conn.execute("SELECT pg_export_snapshot()").fetchone()
        yield conn, row[0]
    finally:
        conn.rollback()
        conn.close()


def pg_digests(settings_dict: dict[str, Any]) -> TableDigests:
    with _snapshot(settings_dict) as (conn, _snapshot_id):
        return _pg_digests(conn)


def pg_dump(settings_dict: dict[str, Any], target: Path) -> TableDigests:
    with _snapshot(settings_dict) as (conn, snapshot_id):
        _run(
            [
                _program("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot_id}",
                f"--file={target}",
            ],
            settings_dict,
        )
        return _pg_digests(conn)


def pg_restore(settings_dict: dict[str, Any], source: Path) -> None:
    conn = _pg_connect(settings_dict)
    try:
        with conn.cursor() as cursor:
            if _pg_tables(cursor):
                raise BackupError(
                    f"The database {settings_dict['NAME']} is not empty; restore into a new, empty database."
                )
    finally:
        conn.close()
    _run(
        [
            _program("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={settings_dict['NAME']}",
            str(source),
        ],
        settings_dict,
    )


# Either engine -------------------------------------------------------------------------------------------------


def database_dump(using: str, target_folder: Path) -> tuple[str, Path, TableDigests]:
    """(engine, the dump file, its table digests)."""
    settings_dict = connections[using].settings_dict
    engine = engine_of(settings_dict)
    if engine == POSTGRESQL:
        target = target_folder / "database.pgdump"
        return engine, target, pg_dump(settings_dict, target)
    target = target_folder / "database.sqlite3"
    return engine, target, sqlite_dump(using, target)


def database_restore(settings_dict: dict[str, Any], source: Path) -> TableDigests:
    """Restore into the (empty) database and return the digests read back from it."""
    if engine_of(settings_dict) == POSTGRESQL:
        pg_restore(settings_dict, source)
        return pg_digests(settings_dict)
    return sqlite_digests(sqlite_restore(settings_dict, source))
