"""The events pages for the every-page test (core/tests/test_every_view.py): anonymous within 10 queries,
signed in (an owner editor) within 25, in every language."""

import pytest

from haastemoottori.events import services

PUBLIC = ["/{l}/events/", "/{l}/events/{slug}/", "/{l}/events/?when=past&organisation=espoo"]
STAFF = ["/{l}/events/my/", "/{l}/events/new/", "/{l}/events/{slug}/edit/", "/{l}/events/{slug}/participants/"]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_events_page_renders_with_bounded_queries(
    client, region, make_event, lang, django_assert_max_num_queries
):
    event = make_event()
    services.registration_create(actor=region.people["espoo_owner"], event=event)
    for url in PUBLIC:
        with django_assert_max_num_queries(10):
            assert client.get(url.format(l=lang, slug=event.slug)).status_code == 200, url
    client.force_login(region.people["espoo_owner"])
    for url in PUBLIC + STAFF:
        with django_assert_max_num_queries(25):
            assert client.get(url.format(l=lang, slug=event.slug)).status_code == 200, url
