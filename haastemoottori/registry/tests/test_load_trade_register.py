"""The bulk loader on a small zip written by the test: streamed, batched, resumable, re-runnable."""

import json

import pytest
from django.core.management import CommandError, call_command

from haastemoottori.registry.bulk import iter_json_array
from haastemoottori.registry.models import LoadCheckpoint, RegisterEntry

from .fixtures import CEASED, LIQUIDATION, NOKIA, bulk_zip, company

pytestmark = pytest.mark.django_db


def _many(n):
    from haastemoottori.organisations.business_id import business_id_check_digit

    out = []
    number = 1000000
    while len(out) < n:
        number += 1
        digits = f"{number:07d}"
        check = business_id_check_digit(digits)
        if check is not None:
            out.append(company(f"{digits}-{check}", f"Yhtiö {len(out)} Åbo Oy"))
    return out


def test_loads_a_zip_in_batches(tmp_path):
    path = tmp_path / "all.zip"
    path.write_bytes(bulk_zip([NOKIA, CEASED, LIQUIDATION, *_many(7)]))
    call_command("load_trade_register", str(path), "--batch-size", "3", "--no-progress")
    assert RegisterEntry.objects.count() == 10
    assert RegisterEntry.objects.get(business_id="1618033-3").status == "ceased"
    assert RegisterEntry.objects.filter(name__endswith="Åbo Oy").count() == 7  # multi-byte text across chunks
    checkpoint = LoadCheckpoint.objects.get()
    assert checkpoint.finished and checkpoint.position == 10


def test_a_rerun_updates(tmp_path):
    path = tmp_path / "all.zip"
    path.write_bytes(bulk_zip([NOKIA]))
    call_command("load_trade_register", str(path), "--no-progress")
    renamed = json.loads(json.dumps(NOKIA))
    renamed["names"][0]["name"] = "Nokia Corporation Oyj"
    path.write_bytes(bulk_zip([renamed, CEASED]))
    call_command("load_trade_register", str(path), "--no-progress")
    assert RegisterEntry.objects.get(business_id="0112038-9").name == "Nokia Corporation Oyj"
    assert RegisterEntry.objects.count() == 2


def test_an_interrupted_load_resumes_after_the_last_batch(tmp_path):
    records = _many(6)
    good = json.dumps(records, ensure_ascii=False)
    broken = good[: good.index(records[4]["businessId"]["value"]) - 20]  # cut inside the fifth record
    import io
    import zipfile

    path = tmp_path / "all.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("all.json", broken)
    path.write_bytes(buffer.getvalue())
    with pytest.raises(CommandError, match="re-run to resume"):
        call_command("load_trade_register", str(path), "--batch-size", "2", "--no-progress")
    assert RegisterEntry.objects.count() == 4
    checkpoint = LoadCheckpoint.objects.get()
    assert checkpoint.position == 4 and not checkpoint.finished
    # The same file is resumed from its checkpoint: the first four are not read into the database again.
    RegisterEntry.objects.all().delete()
    with pytest.raises(CommandError):
        call_command("load_trade_register", str(path), "--batch-size", "2", "--no-progress")
    assert RegisterEntry.objects.count() == 0


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("load_trade_register", str(tmp_path / "nope.zip"), "--no-progress")


def test_loads_from_a_url(register_server, tmp_path):
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    data = bulk_zip([NOKIA, CEASED])

    class Zip(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "application/zip")
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Zip)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        call_command("load_trade_register", f"http://127.0.0.1:{server.server_address[1]}/all", "--no-progress")
    finally:
        server.shutdown()
        server.server_close()
    assert set(RegisterEntry.objects.values_list("business_id", flat=True)) == {"0112038-9", "1618033-3"}


def test_the_stream_reader_accepts_the_wrapped_document():
    import io

    stream = io.BytesIO(json.dumps({"totalResults": 1, "companies": [NOKIA]}).encode())
    assert [r["businessId"]["value"] for r in iter_json_array(stream)] == ["0112038-9"]
