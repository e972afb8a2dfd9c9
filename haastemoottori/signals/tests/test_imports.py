"""Bulk imports: CSV and Open311 GeoReport v2, bad rows reported and the rest imported, idempotent re-imports,
runs that stop and continue, the management command."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from haastemoottori.audit.models import AuditEvent
from haastemoottori.core.errors import ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.signals import services
from haastemoottori.signals.imports.csv_format import detect_delimiter
from haastemoottori.signals.models import Signal, SignalImport
from haastemoottori.signals.services.imports import import_storage

from .conftest import FIXTURES

pytestmark = pytest.mark.django_db

CSV_BYTES = (FIXTURES / "signals.csv").read_bytes()
OPEN311_BYTES = (FIXTURES / "open311_requests.json").read_bytes()


def _import(world, data=CSV_BYTES, fmt="csv", actor=None, city=None, **run):
    started = services.signal_import_start(
        actor=actor if actor is not None else world.people["espoo_owner"],
        city=city or world.espoo,
        fmt=fmt,
        file_name=f"test.{fmt}",
        data=data,
        background=False,
    )
    return services.signal_import_run(import_run=started, **run)


def _row(number, external_id):
    return gettext("row %(number)s (id %(id)s)") % {"number": number, "id": external_id}


def _req(number, external_id=None):
    if external_id is None:
        return gettext("request %(number)s") % {"number": number}
    return gettext("request %(number)s (service_request_id %(id)s)") % {"number": number, "id": external_id}


def _reason(field, message, **params):
    return f"{field}: {gettext(message) % params if params else gettext(message)}"


def test_csv_imports_good_rows_and_reports_each_bad_row(world, clustering_runs):
    run = _import(world)
    assert (run.status, run.total, run.processed) == ("done", 10, 10)
    assert (run.imported, run.updated, run.unchanged) == (3, 0, 0)
    assert run.rejected == [
        [_row(4, "E-3"), _reason("title", "This field is required.")],
        [
            _row(5, "E-4"),
            _reason(
                "department", "%(city)s has no department “%(name)s”.", city=world.espoo, name="tuntematon-toimiala"
            ),
        ],
        [_row(6, "E-5"), _reason("observed", "Not a date. Write e.g. 2025-03-01 or 1.3.2025.")],
        [_row(7, "E-6"), _reason("longitude", "Give both latitude and longitude, or neither.")],
        [
            _row(8, "E-7"),
            _reason("source", "Unknown source; use one of %(sources)s.", sources="csv, expert, strategy, foresight"),
        ],
        [_row(9, "E-8"), _reason("evidence_url", "Enter a web address that starts with https:// or http://.")],
        [
            _row(10, "E-1"),
            gettext("The same id is also on %(ref)s; only the first one is imported.") % {"ref": _row(2, "E-1")},
        ],
    ]
    signals = {s.external_id: s for s in Signal.objects.all()}
    assert sorted(signals) == ["E-1", "E-2", "E-9"]
    first = signals["E-1"]
    assert (first.source, first.status, first.language, first.department) == (
        "expert",
        "accepted",
        "fi",
        world.education,
    )
    assert (first.latitude, first.longitude) == (Decimal("60.219000"), Decimal("24.813000"))
    assert first.evidence_url == "https://www.espoo.fi/raportti" and first.external_source == "csv"
    second = signals["E-2"]
    # The department by its Swedish name, a theme by its Finnish name, a Finnish date.
    assert second.department == world.education and second.language == "sv"
    assert sorted(t.slug for t in second.themes.all()) == ["carbon-neutrality", "sdg-11"]
    assert timezone.localtime(second.observed_at).isoformat() == "2025-02-01T00:00:00+02:00"
    # No language given: recognised as Swedish (the city's own language would have been Finnish); a quoted
    # semicolon stays in the text.
    ninth = signals["E-9"]
    assert ninth.language == "sv" and ninth.source == "strategy" and "; tjänsterna" in ninth.text
    assert len(clustering_runs) == 1
    assert AuditEvent.objects.filter(target_type="signals.signal", action="created").count() == 3


def test_reasons_are_in_the_language_of_the_person_who_imports(world):
    with translation.override("sv"):
        run = _import(world)
        expected = gettext("row %(number)s (id %(id)s)") % {"number": 4, "id": "E-3"}
    assert run.rejected[0][0] == expected


def test_comma_separated_csv_without_bom(world):
    run = _import(
        world, data=(FIXTURES / "signals_comma.csv").read_bytes(), city=world.vantaa, actor=world.people["vantaa_owner"]
    )
    assert (run.imported, [r[0] for r in run.rejected]) == (2, [_row(4, "V-3")])
    bus = Signal.objects.get(external_id="V-1")
    # A comma inside a quoted text is not a separator.
    assert bus.text == "Tikkurilan pysäkillä ei ole katosta, ja odottajat kastuvat."
    assert bus.city == world.vantaa and bus.latitude == Decimal("60.292500")
    assert Signal.objects.get(external_id="V-2").language == "sv"


def test_the_header_decides_the_separator():
    # Sniffer alone would pick the comma here (decimal commas and commas in the text outnumber semicolons).
    text = "id;title;observed;latitude\n1;Kaupunki, kylä ja kunta, kaikki;1.1.2025;60,1\n2;A, b, c, d;1.1.2025;60,2\n"
    assert detect_delimiter(text) == ";"
    assert detect_delimiter("id,title,observed\n1,a;b,2025-01-01\n") == ","


def test_open311_feedback_is_imported_as_accepted_resident_feedback(world):
    run = _import(world, data=OPEN311_BYTES, fmt="open311")
    assert (run.total, run.imported) == (8, 3)
    assert run.rejected == [
        [_req(3, "103"), _reason("description", "This field is required.")],
        [_req(4), _reason("service_request_id", "This field is required.")],
        [_req(5, "105"), _reason("requested_datetime", "This field is required.")],
        [_req(6, "106"), _reason("lat", "Latitude must be between -90 and 90.")],
        [_req(7), gettext("The entry is not a service request object.")],
    ]
    by_id = {s.external_id: s for s in Signal.objects.all()}
    slippery = by_id["101"]
    assert (slippery.source, slippery.status, slippery.external_source, slippery.language) == (
        "open311",
        "accepted",
        "open311",
        "fi",
    )
    assert (
        slippery.title == "Katujen kunnossapito: Jalkakäytävä on liukas ja hiekoittamatta Tapiolan keskuksessa. "
        "Moni on jo kaatunut."
    )
    assert slippery.location_name == "Tapionaukio 1, Espoo" and slippery.evidence_url.endswith("/101.jpg")
    assert slippery.observed_at.isoformat() == "2025-01-20T06:15:30+00:00"
    assert by_id["102"].language == "sv" and by_id["102"].latitude == Decimal("60.176000")
    assert by_id["108"].title == "Leikkipuiston keinu on rikki" and by_id["108"].latitude is None
    assert all(s.author is None for s in by_id.values())


def test_reimporting_the_same_file_updates_and_never_duplicates(world, clustering_runs):
    _import(world)
    _import(world, data=OPEN311_BYTES, fmt="open311")
    clustering_runs.clear()
    again = _import(world)
    assert (again.imported, again.updated, again.unchanged, len(again.rejected)) == (0, 0, 3, 7)
    again = _import(world, data=OPEN311_BYTES, fmt="open311")
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 3)
    assert Signal.objects.count() == 6 and not clustering_runs
    changed = CSV_BYTES.replace("Lapset kulkevat pimeässä".encode(), "Koululaiset kulkevat pimeässä".encode())
    third = _import(world, data=changed)
    assert (third.imported, third.updated, third.unchanged) == (0, 1, 2)
    assert Signal.objects.get(external_source="csv", external_id="E-1").text.startswith("Koululaiset")
    assert Signal.objects.count() == 6 and len(clustering_runs) == 1


def test_reimport_keeps_the_classification_staff_gave(world):
    _import(world, data=OPEN311_BYTES, fmt="open311")
    signal = Signal.objects.get(external_id="101")
    services.signal_update(
        actor=world.people["espoo_owner"], signal=signal, department=world.environment, themes=[world.themes[0]]
    )
    again = _import(world, data=OPEN311_BYTES, fmt="open311")
    assert again.unchanged == 3
    signal.refresh_from_db()
    assert signal.department == world.environment and list(signal.themes.all()) == [world.themes[0]]


def test_the_same_ids_in_another_city_are_other_signals(world):
    _import(world)
    _import(world, city=world.vantaa, actor=world.people["vantaa_owner"])
    assert Signal.objects.filter(external_id="E-1").count() == 2


def test_a_stopped_run_continues_where_it_was(world):
    run = _import(world, batch_size=3, max_batches=2)
    assert (run.status, run.processed) == ("running", 6)
    assert Signal.objects.count() == 2  # E-1 and E-2 (rows 2–7; rows 4–7 rejected)
    run = services.signal_import_run(import_run=run, batch_size=3)
    assert (run.status, run.processed, run.imported, len(run.rejected)) == ("done", 10, 3, 7)
    assert Signal.objects.count() == 3
    # A finished run is not run again.
    assert services.signal_import_run(import_run=run).imported == 3


def test_a_run_that_crashes_keeps_its_committed_batches_and_resumes(world, monkeypatch):
    from haastemoottori.signals.services import import_rows
    from haastemoottori.signals.services import imports as tasks

    real = import_rows.save_row

    def crash_on_e9(*, raw, **kwargs):
        if raw.external_id == "E-9":
            raise RuntimeError("the worker went away")
        return real(raw=raw, **kwargs)

    started = services.signal_import_start(
        actor=world.people["espoo_owner"],
        city=world.espoo,
        fmt="csv",
        file_name="a.csv",
        data=CSV_BYTES,
        background=False,
    )
    monkeypatch.setattr("haastemoottori.signals.services.imports.save_row", crash_on_e9)
    monkeypatch.setattr("haastemoottori.signals.services.imports.BATCH_SIZE", 4)
    tasks.signal_import_task.call(started.pk, "fi")
    run = SignalImport.objects.get(pk=started.pk)
    assert run.status == "failed" and run.error
    # Two batches of four rows were committed (E-1 and E-2 imported); the third rolled back.
    assert run.processed == 8 and Signal.objects.count() == 2
    monkeypatch.setattr("haastemoottori.signals.services.imports.save_row", real)
    services.signal_import_resume(actor=world.people["espoo_owner"], import_run=run)
    run = services.signal_import_run(import_run=run)
    assert (run.status, run.processed, run.imported) == ("done", 10, 3)
    assert Signal.objects.count() == 3


@pytest.mark.parametrize(
    "data,fmt,message",
    [
        (
            b"\xff\xfeid;title",
            "csv",
            "The file is not UTF-8 text. Save it in UTF-8 (in Excel: “CSV UTF-8”) and try again.",
        ),
        (b"", "csv", "The file is empty."),
        (b"nimi;kuvaus\nA;B\n", "csv", None),
        (b"[{]", "open311", None),
        (
            b'{"items": 3}',
            "open311",
            "The file is not an Open311 requests.json document: expected an array of service requests.",
        ),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole(world, data, fmt, message):
    with pytest.raises(ServiceValidationError) as exc:
        services.signal_import_start(
            actor=world.people["espoo_owner"], city=world.espoo, fmt=fmt, file_name="x", data=data, background=False
        )
    assert exc.value.field == "file"
    if message:
        assert str(exc.value.message) == gettext(message)
    assert not SignalImport.objects.exists()


@pytest.mark.parametrize("person", ["espoo_member", "vantaa_owner", "company_admin", "outsider"])
def test_only_the_citys_editors_import(world, person):
    with pytest.raises(ServicePermissionDenied):
        _import(world, actor=world.people[person])
    assert not SignalImport.objects.exists() and not Signal.objects.exists()


def test_the_stored_file_is_private_and_removed_when_done(world, settings, django_capture_on_commit_callbacks):
    started = services.signal_import_start(
        actor=world.people["espoo_owner"],
        city=world.espoo,
        fmt="csv",
        file_name="../../etc/passwd",
        data=CSV_BYTES,
        background=False,
    )
    storage = import_storage()
    assert started.file_name == "passwd"
    assert storage.path(started.stored_name).startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert storage.exists(started.stored_name)
    with django_capture_on_commit_callbacks(execute=True):
        services.signal_import_run(import_run=started)
    assert not storage.exists(started.stored_name)
    with pytest.raises(ServiceConflict):
        services.signal_import_resume(actor=world.people["espoo_owner"], import_run=started)


def test_management_command_imports_and_resumes(world):
    out = io.StringIO()
    call_command(
        "import_signals",
        str(FIXTURES / "signals.csv"),
        "--city",
        "espoo",
        "--format",
        "csv",
        "--no-progress",
        "--batch-size",
        "4",
        stdout=out,
    )
    text = out.getvalue()
    assert _row(4, "E-3") in text
    summary = gettext(
        "Imported %(imported)s, updated %(updated)s, unchanged %(unchanged)s, rejected %(rejected)s "
        "(%(seconds).1f s, %(rate).0f records/s)."
    ) % {"imported": 3, "updated": 0, "unchanged": 0, "rejected": 7, "seconds": 0, "rate": 0}
    assert summary.split("(")[0] in text
    run = SignalImport.objects.get()
    assert run.status == "done" and run.created_by is None
    assert AuditEvent.objects.filter(target_type="signals.signal", actor_label="system").count() == 3
    with pytest.raises(CommandError):
        call_command("import_signals", "--resume", str(run.pk), stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("import_signals", str(FIXTURES / "signals.csv"), "--city", "nowhere", stdout=io.StringIO())


def test_management_command_resume_continues(world):
    started = services.signal_import_start(
        actor=None, city=world.espoo, fmt="open311", file_name="r.json", data=OPEN311_BYTES, background=False
    )
    services.signal_import_run(import_run=started, batch_size=2, max_batches=1)
    out = io.StringIO()
    call_command("import_signals", "--resume", str(started.pk), "--no-progress", stdout=out)
    started.refresh_from_db()
    assert started.status == "done" and started.imported == 3 and Signal.objects.count() == 3
    assert "continuing from row 3" in out.getvalue()


def test_an_import_rolled_back_leaves_no_file(world):
    storage = import_storage()
    with pytest.raises(RuntimeError), transaction.atomic():
        started = services.signal_import_start(
            actor=world.people["espoo_owner"],
            city=world.espoo,
            fmt="csv",
            file_name="palaute.csv",
            data=CSV_BYTES,
            background=False,
        )
        assert storage.exists(started.stored_name)
        raise RuntimeError("something after the upload failed")
    assert not storage.exists(started.stored_name)
    assert not SignalImport.objects.filter(pk=started.pk).exists()
