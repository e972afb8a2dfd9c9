from django.contrib import admin

from haastemoottori.audit.admin_mixins import ReadOnlyAdminMixin

from .models import Challenge


@admin.register(Challenge)
class ChallengeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only here: challenges change through the services, which check rules and audit."""

    list_display = ["slug", "stage", "version", "published_at"]
    list_filter = ["stage", "route"]
    search_fields = ["slug", "search_text"]
