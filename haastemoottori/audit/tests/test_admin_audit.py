"""Changes made by platform admins in Django admin are audited too."""

from haastemoottori.audit.models import AuditEvent
from haastemoottori.platforms.models import DevelopmentPlatform


def test_admin_edit_of_a_platform_is_audited(client, region):
    client.force_login(region.people["platform_admin"])
    url = f"/admin/platforms/developmentplatform/{region.platform.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "owner"}
    data.update(
        {
            "owner": region.espoo.pk,
            "name": '{"fi": "Uusi nimi"}',
            "slug": "testikyla",
            "original_language": "fi",
            "description": "{}",
            "location": "{}",
            "testing": "{}",
            "contact_name": "Testi Henkilö",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.for_object(region.platform).get()
    assert event.actor == region.people["platform_admin"] and event.data == {"via": "admin"}
    assert event.changes["contact_name"] == {"old": "", "new": "Testi Henkilö"}
    assert DevelopmentPlatform.objects.get(pk=region.platform.pk).name == {"fi": "Uusi nimi"}
