"""Stored files follow the transaction: a rollback leaves nothing on disk, a commit keeps the file, a replaced
file goes once the change commits; check_files lists orphans and missing files and removes the orphans."""

import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from haastemoottori.core import files
from haastemoottori.core.files import FileSource, file_delete_on_commit, register_file_source, storage_save
from haastemoottori.core.files_check import files_check


@pytest.fixture
def storage(tmp_path):
    return FileSystemStorage(location=tmp_path)


@pytest.mark.django_db
def test_a_savepoint_rolled_back_removes_its_file(storage):
    with pytest.raises(RuntimeError), transaction.atomic():
        name = storage_save(storage, "things/a.txt", ContentFile(b"a"))
        assert storage.exists(name)  # readable while the transaction runs
        raise RuntimeError
    assert not storage.exists(name)


@pytest.mark.django_db
def test_only_the_inner_savepoint_rolled_back_loses_its_file(storage, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        kept = storage_save(storage, "things/kept.txt", ContentFile(b"k"))
        with pytest.raises(RuntimeError), transaction.atomic():
            lost = storage_save(storage, "things/lost.txt", ContentFile(b"l"))
            raise RuntimeError
        assert not storage.exists(lost)
    assert storage.exists(kept)


@pytest.mark.django_db(transaction=True)
def test_a_real_rollback_removes_and_a_commit_keeps(storage):
    with pytest.raises(RuntimeError), transaction.atomic():
        lost = storage_save(storage, "things/lost.txt", ContentFile(b"l"))
        raise RuntimeError
    with transaction.atomic():
        kept = storage_save(storage, "things/kept.txt", ContentFile(b"k"))
    assert not storage.exists(lost) and storage.exists(kept)


@pytest.mark.django_db(transaction=True)
def test_a_replaced_file_goes_only_when_the_change_commits(storage):
    name = storage.save("things/old.txt", ContentFile(b"o"))
    with pytest.raises(RuntimeError), transaction.atomic():
        file_delete_on_commit(storage, name)
        raise RuntimeError
    assert storage.exists(name)
    with transaction.atomic():
        file_delete_on_commit(storage, name)
        assert storage.exists(name)
    assert not storage.exists(name)


def _age(storage, name, hours=2):
    past = time.time() - hours * 3600
    os.utime(storage.path(name), (past, past))


@pytest.mark.django_db
def test_check_files_lists_orphans_and_missing_and_deletes_orphans(storage, capsys, monkeypatch):
    monkeypatch.setattr(files, "_SOURCES", {})  # only this test's files
    rows = ["things/a.txt", "things/gone.txt"]
    source = FileSource(label="things", storage=lambda: storage, folder="things", names=lambda: rows)
    register_file_source(source)
    for name in ("things/a.txt", "things/orphan.txt", "things/deep/orphan2.txt", "things/new.txt"):
        storage.save(name, ContentFile(b"x"))
    for name in ("things/a.txt", "things/orphan.txt", "things/deep/orphan2.txt"):
        _age(storage, name)
    report = files_check(sources=[source])
    assert [n for _s, n in report.orphans] == ["things/deep/orphan2.txt", "things/orphan.txt"]
    assert [n for _s, n in report.recent] == ["things/new.txt"]
    assert [n for _s, n in report.missing] == ["things/gone.txt"]

    with pytest.raises(CommandError):
        call_command("check_files")
    out = capsys.readouterr().out
    assert "orphan\tthings\tthings/orphan.txt" in out and "missing\tthings\tthings/gone.txt" in out
    assert storage.exists("things/orphan.txt")  # listing removes nothing

    rows.remove("things/gone.txt")
    call_command("check_files", "--delete")
    assert not storage.exists("things/orphan.txt") and not storage.exists("things/deep/orphan2.txt")
    assert storage.exists("things/a.txt") and storage.exists("things/new.txt")
    call_command("check_files")  # nothing left to report: no error


def test_every_app_with_files_registers_them():
    labels = {source.label: source.folder for source in files.file_sources()}
    assert labels == {"logos": "logos", "proposal attachments": "proposals", "signal imports": "signal-imports"}
