"""A logo is stored only as a re-encoded PNG, JPEG or WebP image under a random name with its real extension;
script, SVG, HTML and decompression bombs are refused; a replaced or removed logo's file goes after commit,
and a rolled-back change leaves no file."""

import io
import re
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image

from haastemoottori.core.errors import ServiceValidationError
from haastemoottori.organisations import services_profile
from haastemoottori.organisations.models import Organisation

from .test_profile import PROFILE, _form, codes  # noqa: F401 (codes is a fixture)

SCRIPT = b"<script>alert(document.cookie)</script>"


def image_bytes(fmt="PNG", size=(40, 20), mode="RGBA") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (0, 0, 191, 255) if mode == "RGBA" else (0, 0, 191)).save(buffer, fmt)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A small valid-looking PNG whose header claims the given dimensions (a decompression bomb)."""
    data = image_bytes()
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return data[:8] + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk)) + data[33:]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _logos(media):
    folder = media / "logos"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _upload(client, region, codes, name, data, content_type="image/png"):  # noqa: F811
    upload = SimpleUploadedFile(name, data, content_type=content_type)
    return client.post(PROFILE, {**_form(region, codes), "logo": upload})


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("poc.html", b"\x89PNG\r\n\x1a\n" + SCRIPT),  # the finding: a PNG signature, then script
        ("poc.svg", b"<svg xmlns='http://www.w3.org/2000/svg'>" + SCRIPT + b"</svg>"),
        ("poc.xhtml", b"<html xmlns='http://www.w3.org/1999/xhtml'>" + SCRIPT + b"</html>"),
        ("poc.js", b"alert(1)"),
        ("poc.png", b"\xff\xd8\xff\xe0" + SCRIPT),  # a JPEG signature, not a JPEG
        ("poc.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 " + SCRIPT),
        ("poc.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
        ("truncated.png", image_bytes()[:60]),
    ],
)
def test_what_is_not_an_image_is_refused_and_nothing_stored(client, region, team, codes, media, name, data):  # noqa: F811
    client.force_login(team["admin"])
    response = _upload(client, region, codes, name, data)
    assert response.status_code == 400 and "PNG, JPEG or WebP" in response.content.decode()
    assert not Organisation.objects.get(pk=region.company.pk).logo
    assert _logos(media) == []


@pytest.mark.parametrize(("fmt", "extension"), [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp")])
def test_an_image_is_stored_re_encoded_under_a_random_name_with_its_real_extension(
    client,
    region,
    team,
    codes,  # noqa: F811
    media,
    fmt,
    extension,
):
    client.force_login(team["admin"])
    data = image_bytes(fmt, mode="RGB" if fmt == "JPEG" else "RGBA") + SCRIPT  # trailing bytes after the image
    assert _upload(client, region, codes, "poc.html", data, content_type="text/html").status_code == 302
    name = Organisation.objects.get(pk=region.company.pk).logo.name
    assert re.fullmatch(rf"logos/[0-9a-f]{{32}}\.{extension}", name), name
    stored = (media / name).read_bytes()
    assert SCRIPT not in stored and stored != data
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == fmt and image.size == (40, 20)


@pytest.mark.parametrize(("width", "height"), [(2001, 10), (10, 2001), (100_000, 100_000)])
def test_too_large_dimensions_and_bombs_are_refused(client, region, team, codes, media, width, height):  # noqa: F811
    client.force_login(team["admin"])
    data = png_claiming(width, height)
    assert len(data) < 1000
    response = _upload(client, region, codes, "bomb.png", data)
    assert response.status_code == 400 and "2000 × 2000" in response.content.decode()
    assert _logos(media) == []


def test_a_replaced_or_removed_logo_file_is_deleted_after_commit(
    client,
    region,
    team,
    codes,  # noqa: F811
    media,
    django_capture_on_commit_callbacks,
):
    client.force_login(team["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        assert _upload(client, region, codes, "a.png", image_bytes()).status_code == 302
    first = Organisation.objects.get(pk=region.company.pk).logo.name
    with django_capture_on_commit_callbacks(execute=True):
        assert _upload(client, region, codes, "b.png", image_bytes(size=(30, 30))).status_code == 302
    second = Organisation.objects.get(pk=region.company.pk).logo.name
    assert second != first and _logos(media) == [second.removeprefix("logos/")]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(PROFILE, {**_form(region, codes), "remove_logo": "on"}).status_code == 302
    assert _logos(media) == []


def test_a_rolled_back_logo_change_leaves_the_old_file_and_no_new_one(region, team, media):
    admin, company = team["admin"], region.company
    services_profile.organisation_update_profile(
        actor=admin, organisation=company, logo=SimpleUploadedFile("a.png", image_bytes())
    )
    first = Organisation.objects.get(pk=company.pk).logo.name
    with pytest.raises(RuntimeError), transaction.atomic():
        services_profile.organisation_update_profile(
            actor=admin, organisation=company, logo=SimpleUploadedFile("b.png", image_bytes(size=(5, 5)))
        )
        assert len(_logos(media)) == 2
        raise RuntimeError("something after the change failed")
    assert _logos(media) == [first.removeprefix("logos/")]
    assert Organisation.objects.get(pk=company.pk).logo.name == first


def test_the_service_refuses_what_the_form_refuses(region, team, media):
    with pytest.raises(ServiceValidationError) as exc:
        services_profile.organisation_update_profile(
            actor=team["admin"], organisation=region.company, logo=SimpleUploadedFile("x.png", png_claiming(9999, 9))
        )
    assert exc.value.code == "logo_too_large" and _logos(media) == []


def test_logos_stored_before_re_encoding_are_re_stored_or_removed(region, media, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    from haastemoottori.audit.models import AuditEvent

    (media / "logos").mkdir()
    (media / "logos" / "poc.html").write_bytes(b"\x89PNG\r\n\x1a\n" + SCRIPT)
    (media / "logos" / "espoo.png").write_bytes(image_bytes() + SCRIPT)
    Organisation.objects.filter(pk=region.company.pk).update(logo="logos/poc.html")
    Organisation.objects.filter(pk=region.espoo.pk).update(logo="logos/espoo.png")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("reencode_logos")
    assert not Organisation.objects.get(pk=region.company.pk).logo
    name = Organisation.objects.get(pk=region.espoo.pk).logo.name
    assert re.fullmatch(r"logos/[0-9a-f]{32}\.png", name)
    assert _logos(media) == [name.removeprefix("logos/")]
    assert SCRIPT not in (media / name).read_bytes()
    assert AuditEvent.objects.filter(data__logo_reencoded=True).count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        call_command("reencode_logos")  # again: nothing to do
    assert Organisation.objects.get(pk=region.espoo.pk).logo.name == name
    assert AuditEvent.objects.filter(data__logo_reencoded=True).count() == 2
