"""The login page's title names the site, not the host (issue 21, item 9c: LoginView's own ``site_name``)."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/fi/accounts/login/", "/en/accounts/login/"])
def test_login_title_and_header_have_the_site_name(client, settings, path):
    settings.SITE_NAME = "Haastemoottori"
    page = client.get(path, HTTP_HOST="testserver").content.decode()
    (title,) = re.findall(r"<title>(.*?)</title>", page, re.S)
    assert title.endswith("– Haastemoottori") and "testserver" not in title
    assert 'content="Haastemoottori"' in page and "site-header__brand" in page
    assert "testserver</a>" not in page
