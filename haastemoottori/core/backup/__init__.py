"""One archive with everything the platform keeps: the database and the stored files, with a manifest.

``backup_create`` writes a gzip-compressed tar archive:

- ``database.pgdump`` (PostgreSQL, ``pg_dump`` custom format) or ``database.sqlite3`` (SQLite, online backup);
- ``files/media/…`` (public uploads: logos) and ``files/private/…`` (proposal attachments, import files);
- ``manifest.json`` last: the engine, the SHA-256 and size of every member, and every table's row count and
  content digest at the moment of the dump.

``backup_restore`` checks every member against the manifest before it changes anything, restores the
database into an empty one, writes the files, then reads every table back and compares it with the manifest.
How to run them: docs/backup.md.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.db import connections

from .databases import BackupError, TableDigests, database_dump, database_restore, engine_of

FORMAT = "haastemoottori-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE_MEMBERS = ("database.pgdump", "database.sqlite3")


def file_roots() -> dict[str, Path]:
    """The folders backed up, by their name in the archive."""
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _info(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(datetime.datetime.now(tz=datetime.UTC).timestamp())
    info.mode = 0o600
    return info


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> dict[str, Any]:
    tar.addfile(_info(name, len(data)), io.BytesIO(data))
    return {"sha256": _sha256(data), "size": len(data)}


def _add_file(tar: tarfile.TarFile, name: str, path: Path) -> dict[str, Any]:
    """A file that does not change while it is added (the dump in the staging folder), streamed."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        tar.addfile(_info(name, size), handle)
    return {"sha256": _file_sha256(path), "size": size}


def _files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def backup_create(path: Path, *, using: str = "default", roots: dict[str, Path] | None = None) -> dict[str, Any]:
    """Write the archive at ``path`` and return its manifest."""
    roots = roots if roots is not None else file_roots()
    path.parent.mkdir(parents=True, exist_ok=True)
    members: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="haastemoottori-backup-") as staging:
        engine, dump, tables = database_dump(using, Path(staging))
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            members[dump.name] = _add_file(tar, dump.name, dump)
            for label, root in roots.items():
                for file in _files(root):
                    name = f"files/{label}/{file.relative_to(root).as_posix()}"
                    try:
                        data = file.read_bytes()
                    except FileNotFoundError:  # removed while the backup ran (a replaced logo)
                        continue
                    members[name] = _add(tar, name, data)
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created_at": datetime.datetime.now(tz=datetime.UTC).isoformat(),
                "engine": engine,
                "database": dump.name,
                "members": members,
                "tables": tables,
            }
            _add(tar, MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
        partial.replace(path)  # a backup that stopped half-way never looks complete
    return manifest


def _safe_member_name(name: str) -> bool:
    parts = PurePosixPath(name).parts
    if name in (MANIFEST, *DATABASE_MEMBERS):
        return True
    return (
        len(parts) >= 3
        and parts[0] == "files"
        and not PurePosixPath(name).is_absolute()
        and all(part not in ("", ".", "..") for part in parts)
    )


def backup_read(path: Path, staging: Path) -> tuple[dict[str, Any], dict[str, Path]]:
    """The manifest and every member extracted into ``staging`` (by name), each checked against the manifest
    (else BackupError). Nothing outside ``staging`` is written."""
    staged: dict[str, Path] = {}
    found: dict[str, dict[str, Any]] = {}
    try:
        with tarfile.open(path, "r:gz") as tar:
            for index, member in enumerate(tar):
                if not member.isfile() or not _safe_member_name(member.name) or member.name in staged:
                    raise BackupError(f"Unexpected entry in the archive: {member.name!r}.")
                source = tar.extractfile(member)
                assert source is not None  # a regular file
                target = staging / f"{index:08d}"
                digest, size = hashlib.sha256(), 0
                with target.open("wb") as out:
                    for chunk in iter(lambda: source.read(1 << 20), b""):  # noqa: B023 (used at once)
                        digest.update(chunk)
                        size += len(chunk)
                        out.write(chunk)
                staged[member.name] = target
                found[member.name] = {"sha256": digest.hexdigest(), "size": size}
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BackupError(f"The archive cannot be read: {exc}")
    if MANIFEST not in staged:
        raise BackupError("The archive has no manifest.")
    manifest = json.loads(staged.pop(MANIFEST).read_bytes())
    found.pop(MANIFEST)
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError("This is not a backup of this platform (or of an unknown version).")
    expected = manifest["members"]
    if set(found) != set(expected):
        raise BackupError(f"The archive's entries differ from its manifest: {sorted(set(found) ^ set(expected))}")
    for name, actual in found.items():
        if actual != {"sha256": expected[name]["sha256"], "size": expected[name]["size"]}:
            raise BackupError(f"{name} does not match its checksum in the manifest.")
    return manifest, staged


def _compare_tables(expected: TableDigests, actual: TableDigests) -> None:
    differing = sorted(name for name in set(expected) | set(actual) if expected.get(name) != actual.get(name))
    if differing:
        raise BackupError(f"Tables differ from the backup after the restore: {', '.join(differing)}")


def backup_restore(
    path: Path,
    *,
    database: dict[str, Any] | None = None,
    roots: dict[str, Path] | None = None,
) -> dict[str, Any]:
    """Restore the archive into an empty database (``database``: settings like ``DATABASES["default"]``) and
    the file folders; check every table and file afterwards. Returns the manifest."""
    database = database if database is not None else connections["default"].settings_dict
    roots = roots if roots is not None else file_roots()
    with tempfile.TemporaryDirectory(prefix="haastemoottori-restore-") as staging:
        manifest, staged = backup_read(path, Path(staging))
        if engine_of(database) != manifest["engine"]:
            raise BackupError(f"The backup is of a {manifest['engine']} database; the target is not.")
        targets: dict[Path, str] = {}
        for name in staged:
            if name.startswith("files/"):
                _prefix, label, *rest = PurePosixPath(name).parts
                if label not in roots:
                    raise BackupError(f"Unknown folder in the archive: {label}.")
                target = roots[label].joinpath(*rest)
                if target.exists() and _file_sha256(target) != manifest["members"][name]["sha256"]:
                    raise BackupError(f"{target} exists with other content; restore into empty folders.")
                targets[target] = name
        restored = database_restore(database, staged[manifest["database"]])
        for target, name in targets.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(staged[name], target)
    _compare_tables(manifest["tables"], restored)
    for target, name in targets.items():
        if _file_sha256(target) != manifest["members"][name]["sha256"]:
            raise BackupError(f"{target} differs from the backup after the restore.")
    return manifest


__all__ = ["BackupError", "backup_create", "backup_read", "backup_restore", "file_roots"]
