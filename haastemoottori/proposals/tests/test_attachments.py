"""Attachments: the type from the content, size and count limits, private storage, logged downloads."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.translation import gettext as _

from haastemoottori.core.errors import ServiceConflict, ServiceValidationError
from haastemoottori.proposals import services
from haastemoottori.proposals.models import AttachmentDownload

from .conftest import PDF, PNG, assign, make_proposal, upload

pytestmark = pytest.mark.django_db


def _zip(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name in names:
            z.writestr(name, "x")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name,data,label",
    [
        ("plan.pdf", PNG, "PDF"),
        ("plan.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "PDF"),
        ("plan.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 300, "PDF"),
        ("plan.docx", _zip(["random/file.txt"]), "DOCX"),
        ("plan.png", PDF, "PNG"),
        ("notes.txt", b"<html><body>hi</body></html>", "TXT"),
    ],
)
def test_spoofed_types_are_refused(world, name, data, label):
    p = make_proposal(world)
    with pytest.raises(ServiceValidationError) as exc:
        services.attachment_upload(
            actor=world.people["lead_member"], proposal=p, question=world.q["plan"], uploaded_file=upload(name, data)
        )
    assert str(exc.value.message) == _("The file’s content is not a %(type)s.") % {"type": label}
    assert p.attachments.count() == 1


def test_unknown_extension_refused(world):
    p = make_proposal(world)
    with pytest.raises(ServiceValidationError) as exc:
        services.attachment_upload(
            actor=world.people["lead_member"],
            proposal=p,
            question=world.q["plan"],
            uploaded_file=upload("virus.exe", b"MZ" + b"\x00" * 100),
        )
    assert exc.value.code == "type_not_allowed"


def test_real_png_and_docx_accepted(world):
    p = make_proposal(world)
    docx = _zip(["[Content_Types].xml", "_rels/.rels", "word/document.xml"])
    a = services.attachment_upload(
        actor=world.people["lead_member"], proposal=p, question=world.q["plan"], uploaded_file=upload("kuva.PNG", PNG)
    )
    assert a.content_type == "image/png" and len(a.sha256) == 64
    with pytest.raises(ServiceConflict):  # the question takes two files
        services.attachment_upload(
            actor=world.people["lead_member"],
            proposal=p,
            question=world.q["plan"],
            uploaded_file=upload("doc.docx", docx),
        )


def test_size_and_count_limits(world):
    p = make_proposal(world)
    member = world.people["lead_member"]
    with pytest.raises(ServiceValidationError) as exc:
        services.attachment_upload(
            actor=member, proposal=p, question=world.q["plan"], uploaded_file=upload("big.pdf", PDF + b"0" * 100_001)
        )
    assert exc.value.code == "too_large"
    world.q["plan"].max_files = 10
    world.q["plan"].save()
    services.attachment_upload(actor=member, proposal=p, question=world.q["plan"], uploaded_file=upload("2.pdf"))
    services.attachment_upload(actor=member, proposal=p, question=world.q["plan"], uploaded_file=upload("3.pdf"))
    with pytest.raises(ServiceConflict) as exc:  # the call allows three
        services.attachment_upload(actor=member, proposal=p, question=world.q["plan"], uploaded_file=upload("4.pdf"))
    assert exc.value.code == "too_many"


def test_stored_privately_with_a_random_name(world):
    p = make_proposal(world)
    a = p.attachments.get()
    path = Path(a.file.path)
    assert str(path).startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not str(path).startswith(str(settings.MEDIA_ROOT))
    assert "plan" not in path.name and path.read_bytes() == PDF


def test_download_only_for_the_authorised_and_logged(client, world):
    p = make_proposal(world, submit=True)
    a = p.attachments.get()
    url = f"/fi/proposals/{p.pk}/attachments/{a.pk}/"
    assert client.get(url).status_code == 302  # to sign in
    for who in ("other_company", "outsider", "evaluator_like", "partner_admin"):
        client.force_login(world.people[who])
        assert client.get(url).status_code == 404, who
    assert AttachmentDownload.objects.count() == 0
    assign(world, p)
    for who in ("lead_member", "espoo_owner", "vantaa_member", "evaluator", "platform_admin"):
        client.force_login(world.people[who])
        response = client.get(url)
        assert response.status_code == 200, who
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"].startswith("attachment")
        assert b"".join(response.streaming_content) == PDF
    assert AttachmentDownload.objects.filter(attachment=a).count() == 5
    assert AttachmentDownload.objects.filter(user=world.people["evaluator"]).exists()


def test_upload_view_400_with_message(client, world):
    p = make_proposal(world)
    client.force_login(world.people["lead_member"])
    response = client.post(
        f"/fi/proposals/{p.pk}/attachments/", {"question": world.q["plan"].pk, "file": upload("x.pdf", PNG)}
    )
    assert response.status_code == 400
    assert _("The file’s content is not a %(type)s.") % {"type": "PDF"} in response.content.decode()
