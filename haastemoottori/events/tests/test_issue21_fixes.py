"""Issue 21 (item 9): the online link reaches registered people and organisers only, the iCalendar organiser,
the registration note's length, and the event wording of the registration button."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from icalendar import Calendar, Event

from haastemoottori.events import services
from haastemoottori.events.ics import organizer_address, user_feed_token

pytestmark = pytest.mark.django_db
LINK = "https://meet.example/secret-room"


def ics_text(response) -> str:
    assert response.status_code == 200
    (item,) = Calendar.from_ical(response.content).walk("VEVENT")
    return f"{item.get('DESCRIPTION', '')}\n{item.get('LOCATION', '')}"


def test_online_link_is_only_for_registered_people_and_organisers(client, region, make_event):
    event = make_event(location="", online_url=LINK, capacity=1)
    page = f"/en/events/{event.slug}/"
    assert LINK not in client.get(page).content.decode()  # anonymous
    outsider, waiting = region.people["outsider"], region.people["company_admin"]
    client.force_login(outsider)
    assert LINK not in client.get(page).content.decode()  # signed in, not registered
    services.registration_create(actor=outsider, event=event)
    assert LINK in client.get(page).content.decode()  # registered
    services.registration_create(actor=waiting, event=event)
    client.force_login(waiting)
    assert LINK not in client.get(page).content.decode()  # on the waiting list: no seat yet
    client.force_login(region.people["espoo_owner"])
    assert LINK in client.get(page).content.decode()  # the organiser


def test_online_link_is_not_in_public_calendars_jsonld_or_the_api(client, region, make_event, public_challenge):
    event = make_event(location="", online_url=LINK)
    page = client.get(f"/fi/events/{event.slug}/").content.decode()
    assert LINK not in page  # neither in the facts, the JSON-LD nor the Google Calendar link
    for path in (
        f"/fi/events/{event.slug}.ics",
        reverse("events:organisation-feed", args=[region.espoo.slug]),
        reverse("events:challenge-feed", args=[public_challenge.slug]),
    ):
        response = client.get(path)
        assert response.status_code == 200 and LINK.encode() not in response.content, path
    assert LINK not in client.get("/api/v1/events").content.decode()
    detail = client.get(f"/api/v1/events/{event.slug}").json()
    assert LINK not in str(detail) and detail["online"] is True


def test_personal_feed_has_the_link_for_a_registered_person_only(client, region, make_event):
    event = make_event(location="", online_url=LINK, capacity=1)
    outsider, waiting = region.people["outsider"], region.people["company_admin"]
    services.registration_create(actor=outsider, event=event)
    services.registration_create(actor=waiting, event=event)
    assert LINK in ics_text(client.get(reverse("events:my-feed", args=[user_feed_token(outsider)])))
    assert LINK not in ics_text(client.get(reverse("events:my-feed", args=[user_feed_token(waiting)])))


def test_event_slug_from_the_visible_words(make_event):
    assert make_event(title={"fi": "<b>Työpaja</b> <script>x</script>"}).slug == "tyopaja-x"
    assert make_event(title={"fi": "🎉"}).slug.startswith("event-")


def test_organizer_is_a_mailto_uri_with_the_name_or_left_out(client, region, make_event):
    event = make_event()
    (item,) = Calendar.from_ical(client.get(f"/fi/events/{event.slug}.ics").content).walk("VEVENT")
    assert "ORGANIZER" not in item  # the organiser has no public e-mail address: no non-URI in its place
    cal = Calendar()
    vevent = Event()
    vevent.add("organizer", organizer_address("Espoon kaupunki", "tapahtumat@espoo.example"))
    cal.add_component(vevent)
    (parsed,) = Calendar.from_ical(cal.to_ical()).walk("VEVENT")
    assert str(parsed["ORGANIZER"]) == "mailto:tapahtumat@espoo.example"
    assert parsed["ORGANIZER"].params["CN"] == "Espoon kaupunki"
    assert organizer_address("Espoon kaupunki", "") is None


def test_a_long_registration_note_is_refused_with_a_translated_message(client, region, make_event):
    from haastemoottori.core.errors import ServiceValidationError
    from haastemoottori.events.models import Registration

    event = make_event()
    client.force_login(region.people["outsider"])
    response = client.post(f"/fi/events/{event.slug}/register/", {"note": "x" * 5000})
    assert response.status_code == 400 and not Registration.objects.exists()
    with translation.override("fi"):
        message = gettext("The note can be at most 1,000 characters.")
    assert message != "The note can be at most 1,000 characters." and message in response.content.decode()
    with pytest.raises(ServiceValidationError):
        services.registration_create(actor=region.people["outsider"], event=event, note="x" * 5000)


@pytest.mark.parametrize(("language", "word"), [("fi", "Ilmoittaudu"), ("sv", "Anmäl dig")])
def test_event_registration_button_says_sign_up_for_the_event_not_create_an_account(
    client, region, make_event, language, word
):
    event = make_event()
    client.force_login(region.people["outsider"])
    page = client.get(f"/{language}/events/{event.slug}/").content.decode()
    assert f'<span class="hds-button__label">{word}</span>' in page
    client.logout()
    with translation.override(language):
        signup = client.get(reverse("signup:signup")).content.decode()
        account_word = gettext("Register")
    assert f'<span class="hds-button__label">{account_word}</span>' in signup  # the account keeps its word
    assert account_word != word
