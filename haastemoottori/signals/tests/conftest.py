from pathlib import Path

import pytest
from django.utils import timezone

from haastemoottori.organisations.models import Department
from haastemoottori.signals.models import Signal

FIXTURES = Path(__file__).parent / "fixtures"

# The roles of the permission tests and the person of conftest.region that plays each.
ROLE_PEOPLE = {
    "resident": "outsider",
    "company_member": "company_admin",
    "city_member": "espoo_member",
    "other_city_editor": "vantaa_owner",
    "city_editor": "espoo_owner",
    "platform_admin": "platform_admin",
}


@pytest.fixture
def world(region):
    """The region with departments, and a counter of clustering runs queued."""
    region.education = Department.objects.create(
        organisation=region.espoo,
        slug="kasvatus",
        name={"fi": "Kasvun ja oppimisen toimiala", "sv": "Fostran och lärande", "en": "Growth and Learning"},
    )
    region.environment = Department.objects.create(
        organisation=region.espoo, slug="ymparisto", name={"fi": "Kaupunkiympäristö", "sv": "Stadsmiljö"}
    )
    region.vantaa_department = Department.objects.create(
        organisation=region.vantaa, slug="kasvatus", name={"fi": "Kasvatus ja oppiminen"}
    )
    return region


@pytest.fixture
def clustering_runs(monkeypatch):
    """How many times clustering was queued (the services call schedule_clustering inside their transaction)."""
    calls = []
    monkeypatch.setattr("haastemoottori.signals.services.signals.schedule_clustering", lambda: calls.append(1))
    return calls


def make_signal(
    region,
    *,
    city=None,
    status=Signal.Status.ACCEPTED,
    source=Signal.Source.EXPERT,
    title="Koulumatkan valaistus",
    text="Lapset kulkevat pimeässä.",
    author=None,
    **extra,
) -> Signal:
    return Signal.objects.create(
        city=city or region.espoo,
        status=status,
        source=source,
        title=title,
        text=text,
        language=extra.pop("language", "fi"),
        observed_at=extra.pop("observed_at", timezone.now()),
        author=author,
        **extra,
    )
