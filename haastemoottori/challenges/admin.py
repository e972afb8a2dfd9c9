from django.contrib import admin

from .models import Challenge


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    """Read-only here: challenges change through the services, which check rules and audit."""

    list_display = ["slug", "stage", "version", "published_at"]
    list_filter = ["stage", "route"]
    search_fields = ["slug", "search_text"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
