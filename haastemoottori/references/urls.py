from django.urls import path

from . import views

app_name = "references"
urlpatterns = [
    path("references/pilot/<int:pk>/issue/", views.issue, name="issue"),
    path("references/<uuid:pk>/", views.detail, name="detail"),
    path("references/<uuid:pk>/reference.jwt", views.download_jwt, name="download-jwt"),
    path("references/<uuid:pk>/reference.json", views.download_json, name="download-json"),
    path("references/<uuid:pk>/print/", views.printable, name="print"),
    path("references/<uuid:pk>/revoke/", views.revoke, name="revoke"),
    path("references/<uuid:pk>/visibility/", views.visibility, name="visibility"),
    path("verify/", views.verify, name="verify"),
    path("verify/<uuid:pk>/", views.verify_reference, name="verify-reference"),
]
