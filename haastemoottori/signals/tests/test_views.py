"""The signal pages end to end: suggesting, moderating, filtering, forms with bad input, uploads and progress."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from haastemoottori.audit.models import AuditEvent
from haastemoottori.signals.models import Signal, SignalCluster, SignalImport

from .conftest import FIXTURES, make_signal

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_gets_a_sign_in_link_not_the_form(client, world):
    response = client.get("/fi/signals/suggest/")
    assert response.status_code == 200
    assert b'name="title"' not in response.content
    assert b"/fi/accounts/login/?next=/fi/signals/suggest/" in response.content
    response = client.post("/fi/signals/suggest/", {"title": "x"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Signal.objects.exists()


def test_resident_suggests_in_the_language_of_the_page(client, world):
    client.force_login(world.people["outsider"])
    response = client.post(
        "/sv/signals/suggest/",
        {
            "city": world.espoo.pk,
            "title": "Skuggan saknas på lekplatsen",
            "text": "Sandlådan är för het på sommaren.",
            "theme": world.themes[0].pk,
            "location_name": "Otsvik",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/sv/signals/suggest/mine/"
    signal = Signal.objects.get()
    assert (signal.status, signal.language, signal.author, signal.location_name) == (
        "pending",
        "sv",
        world.people["outsider"],
        "Otsvik",
    )
    page = client.get("/sv/signals/suggest/mine/")
    assert "Skuggan saknas på lekplatsen" in page.content.decode()


def test_bad_suggestion_input_is_shown_in_the_users_language_and_nothing_is_saved(client, world):
    client.force_login(world.people["outsider"])
    response = client.post(
        "/sv/signals/suggest/", {"city": "999999", "title": "", "text": "kort", "evidence_url": "ftp://x"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    with translation.override("sv"):
        assert escape(gettext("This field is required.")) in body
    assert not Signal.objects.exists()


def test_the_daily_limit_is_explained(client, world):
    client.force_login(world.people["outsider"])
    data = {"city": world.espoo.pk, "text": "Kuvaus tarpeesta, joka on tarpeeksi pitkä."}
    for n in range(5):
        assert client.post("/fi/signals/suggest/", {**data, "title": f"Tarve {n}"}).status_code == 302
    response = client.post("/fi/signals/suggest/", {**data, "title": "Kuudes"})
    assert response.status_code == 409
    assert Signal.objects.count() == 5


def test_rejection_reason_is_shown_only_to_its_author(client, world):
    signal = make_signal(
        world,
        status="pending",
        source="resident",
        author=world.people["outsider"],
        title="Puiston penkit",
        text="Penkkejä tarvitaan lisää.",
    )
    client.force_login(world.people["espoo_owner"])
    prefix = f"m{signal.pk}"
    response = client.post(f"/fi/signals/{signal.pk}/moderate/", {f"{prefix}-decision": "reject"})
    assert response.status_code == 400
    assert escape(gettext("Tell the resident why the suggestion was rejected.")) in response.content.decode()
    assert Signal.objects.get(pk=signal.pk).status == "pending"
    reason = "Penkkejä lisätään jo ensi keväänä."
    response = client.post(
        f"/fi/signals/{signal.pk}/moderate/", {f"{prefix}-decision": "reject", f"{prefix}-reason": reason}
    )
    assert response.status_code == 302
    client.force_login(world.people["outsider"])
    assert reason in client.get("/fi/signals/suggest/mine/").content.decode()
    client.force_login(world.people["company_admin"])
    mine = client.get("/fi/signals/suggest/mine/").content.decode()
    assert reason not in mine and "Puiston penkit" not in mine
    client.force_login(world.people["espoo_member"])  # staff who do not moderate do not see rejected suggestions
    assert client.get(f"/fi/signals/{signal.pk}/").status_code == 404
    assert "Puiston penkit" not in client.get("/fi/signals/?status=rejected").content.decode()


def test_moderating_twice_says_so(client, world):
    signal = make_signal(world, status="pending", source="resident", author=world.people["outsider"])
    client.force_login(world.people["espoo_owner"])
    data = {f"m{signal.pk}-decision": "accept"}
    assert client.post(f"/fi/signals/{signal.pk}/moderate/", data).status_code == 302
    response = client.post(f"/fi/signals/{signal.pk}/moderate/", data)
    assert response.status_code == 409
    assert escape(gettext("This suggestion has already been moderated.")) in response.content.decode()


def test_the_queue_lists_only_pending_suggestions_of_the_users_cities(client, world):
    make_signal(world, status="pending", source="resident", title="Espoon ehdotus")
    make_signal(world, city=world.vantaa, status="pending", source="resident", title="Vantaan ehdotus")
    make_signal(world, status="accepted", title="Hyväksytty jo")
    client.force_login(world.people["espoo_owner"])
    body = client.get("/fi/signals/moderation/").content.decode()
    assert "Espoon ehdotus" in body and "Vantaan ehdotus" not in body and "Hyväksytty jo" not in body


def test_filters_narrow_the_list_and_bad_filters_are_a_400(client, world):
    make_signal(world, title="Espoon valaistus", department=world.education)
    make_signal(world, city=world.vantaa, title="Vantaan pysäkki", language="sv", source="strategy")
    client.force_login(world.people["espoo_member"])
    body = client.get(f"/fi/signals/?city={world.vantaa.pk}").content.decode()
    assert "Vantaan pysäkki" in body and "Espoon valaistus" not in body
    body = client.get("/fi/signals/?q=valaistus&source=expert").content.decode()
    assert "Espoon valaistus" in body and "Vantaan pysäkki" not in body
    body = client.get(f"/fi/signals/?department={world.education.pk}&language=fi").content.decode()
    assert "Espoon valaistus" in body and "Vantaan pysäkki" not in body
    assert client.get("/fi/signals/?city=abc&status=nope&page=x").status_code == 400


def test_create_form_refuses_a_department_of_another_city(client, world):
    client.force_login(world.people["espoo_owner"])
    response = client.post(
        "/fi/signals/new/",
        {
            "city": world.espoo.pk,
            "source": "expert",
            "title": "Havainto",
            "language": "fi",
            "department": world.vantaa_department.pk,
        },
    )
    assert response.status_code == 400  # Vantaa's department is not even a choice for Espoo's editor
    assert not Signal.objects.exists()
    response = client.post(
        "/fi/signals/new/",
        {
            "city": world.espoo.pk,
            "source": "expert",
            "title": "Havainto",
            "language": "fi",
            "department": world.education.pk,
            "latitude": "60,2",
            "longitude": "",
            "observed_at": "2025-02-30",
        },
    )
    assert response.status_code == 400 and not Signal.objects.exists()
    response = client.post(
        "/fi/signals/new/",
        {
            "city": world.espoo.pk,
            "source": "foresight",
            "title": "Havainto",
            "language": "fi",
            "department": world.education.pk,
            "latitude": "60,2",
            "longitude": "24,7",
            "observed_at": "2025-02-03",
            "themes": [world.themes[1].pk],
        },
    )
    signal = Signal.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/fi/signals/{signal.pk}/"
    assert signal.source == "foresight" and [t.pk for t in signal.themes.all()] == [world.themes[1].pk]


def test_detail_shows_the_cluster_and_hides_a_residents_identity_from_other_staff(client, world):
    cluster = SignalCluster.objects.create(name={"fi": "Pimeät koulumatkat"}, signal_count=1)
    signal = make_signal(world, source="resident", author=world.people["outsider"], cluster=cluster)
    client.force_login(world.people["vantaa_owner"])
    body = client.get(f"/fi/signals/{signal.pk}/").content.decode()
    assert "Pimeät koulumatkat" in body and f"/fi/signals/clusters/{cluster.pk}/" in body
    assert "someone@example.test" not in body
    client.force_login(world.people["espoo_owner"])
    assert "someone@example.test" in client.get(f"/fi/signals/{signal.pk}/").content.decode()


def test_upload_runs_in_the_background_and_shows_rejected_rows(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.people["espoo_owner"])
    upload = SimpleUploadedFile("signaalit.csv", (FIXTURES / "signals.csv").read_bytes(), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fi/signals/imports/", {"city": world.espoo.pk, "format": "csv", "file": upload})
    run = SignalImport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/fi/signals/imports/{run.pk}/"
    assert (run.status, run.imported, len(run.rejected)) == ("done", 3, 7)
    page = client.get(f"/fi/signals/imports/{run.pk}/").content.decode()
    with translation.override("fi"):  # the rows are reported in the language of the person who uploaded
        ref = gettext("row %(number)s (id %(id)s)") % {"number": 6, "id": "E-5"}
    assert ref in page and 'http-equiv="refresh"' not in page
    assert escape(gettext("Not a date. Write e.g. 2025-03-01 or 1.3.2025.")) in page


def test_a_running_import_page_reloads_itself(client, world):
    from haastemoottori.signals import services

    run = services.signal_import_start(
        actor=world.people["espoo_owner"],
        city=world.espoo,
        fmt="open311",
        file_name="r.json",
        data=(FIXTURES / "open311_requests.json").read_bytes(),
        background=False,
    )
    services.signal_import_run(import_run=run, batch_size=2, max_batches=1)
    client.force_login(world.people["espoo_owner"])
    page = client.get(f"/fi/signals/imports/{run.pk}/").content.decode()
    assert 'http-equiv="refresh"' in page and 'value="2"' in page and f"/fi/signals/imports/{run.pk}/" in page


@pytest.mark.parametrize(
    "name,data,fmt", [("rikki.csv", b"\xff\xfe\x00", "csv"), ("rikki.json", b"{not json", "open311")]
)
def test_an_unreadable_upload_is_explained_and_nothing_is_started(client, world, name, data, fmt):
    client.force_login(world.people["espoo_owner"])
    response = client.post(
        "/fi/signals/imports/", {"city": world.espoo.pk, "format": fmt, "file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 400 and not SignalImport.objects.exists()


def test_no_signal_text_reaches_public_pages_or_the_open_api(client, world):
    secret = "Salainen havainto Kilon koulusta"
    make_signal(world, title=secret, text=secret)
    make_signal(world, status="pending", source="resident", author=world.people["outsider"], title=secret)
    for url in (
        "/fi/",
        "/fi/challenges/",
        "/fi/organisations/espoo/",
        "/fi/search/?q=Kilon+koulusta",
        "/fi/signals/suggest/",
        "/api/v1/challenges",
        "/api/v1/signals",
        "/api/v1/openapi.json",
    ):
        response = client.get(url)
        assert secret not in response.content.decode(), url
    client.force_login(world.people["company_admin"])
    for url in ("/fi/signals/suggest/", "/fi/signals/suggest/mine/", "/api/v1/signals"):
        assert secret not in client.get(url).content.decode(), url


def test_editing_keeps_what_was_not_changed(client, world):
    from datetime import datetime

    from django.utils import timezone

    observed = timezone.make_aware(datetime(2025, 1, 20, 8, 15))
    signal = make_signal(
        world,
        source="open311",
        external_source="open311",
        external_id="101",
        observed_at=observed,
        latitude="60.175600",
        longitude="24.804900",
        location_name="Tapiola",
    )
    client.force_login(world.people["espoo_owner"])
    form = client.get(f"/fi/signals/{signal.pk}/edit/").context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(text="Korjattu kuvaus.", themes=[world.themes[0].pk], observed_at="2025-01-20")
    response = client.post(f"/fi/signals/{signal.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    signal.refresh_from_db()
    assert signal.text == "Korjattu kuvaus." and signal.observed_at == observed
    assert (signal.latitude, signal.location_name, signal.source) == (Decimal("60.175600"), "Tapiola", "open311")
    event = AuditEvent.objects.for_object(signal).get()
    assert event.data["fields"] == ["text", "themes"]
