from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from haastemoottori.api.api import api
from haastemoottori.core.views import healthz
from haastemoottori.site.views_seo import robots_txt, sitemap_xml

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots"),
    path("sitemap.xml", sitemap_xml, name="sitemap"),
    # The installation's public signing keys (JWKS) and credential status lists (docs/references.md).
    path("", include("haastemoottori.credentials.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sso/", include("haastemoottori.sso.urls_callback")),
    # The regional profile service's GDPR API (off unless GDPR_API_ENABLED; docs/privacy.md).
    path("gdpr-api/", include("haastemoottori.privacy.urls_gdpr")),
    # Passkey ceremonies (JSON endpoints for django-otp-webauthn's scripts; accounts/urls_webauthn.py).
    path("webauthn/", include("haastemoottori.accounts.urls_webauthn")),
]

urlpatterns += i18n_patterns(
    path("", include("haastemoottori.site.urls")),
    path("accounts/", include("haastemoottori.accounts.urls")),
    path("accounts/", include("haastemoottori.signup.urls")),
    path("accounts/sso/", include("haastemoottori.sso.urls")),
    path("accounts/privacy/", include("haastemoottori.privacy.urls")),
    path("challenges/<slug:slug>/questions/", include("haastemoottori.qa.urls")),
    path("challenges/<slug:slug>/comments/", include("haastemoottori.comments.urls")),
    path("challenges/<slug:slug>/call/", include("haastemoottori.proposals.urls_call")),
    path("challenges/<slug:slug>/evaluation/", include("haastemoottori.evaluation.urls_challenge")),
    path("challenges/<slug:slug>/procurement/", include("haastemoottori.procurement.urls")),
    path("challenges/", include("haastemoottori.challenges.urls")),
    path("proposals/", include("haastemoottori.proposals.urls")),
    path("events/", include("haastemoottori.events.urls")),
    path("evaluation/", include("haastemoottori.evaluation.urls")),
    path("pilots/", include("haastemoottori.pilots.urls")),
    path("", include("haastemoottori.references.urls")),
    path("impact/", include("haastemoottori.impact.urls")),
    path("signals/", include("haastemoottori.signals.urls")),
    path("backlog/", include("haastemoottori.backlog.urls")),
    path("foresight/", include("haastemoottori.backlog.urls_foresight")),
    path("notifications/", include("haastemoottori.notifications.urls")),
    path("organisations/", include("haastemoottori.organisations.urls")),
    path("platforms/", include("haastemoottori.platforms.urls")),
    path("alerts/", include("haastemoottori.alerts.urls")),
    path("search/", include("haastemoottori.discovery.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:  # uploaded files (logos) in local development; a web server serves them in production
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "haastemoottori.core.views.bad_request"
handler403 = "haastemoottori.core.views.permission_denied"
handler404 = "haastemoottori.core.views.page_not_found"
handler500 = "haastemoottori.core.views.server_error"
