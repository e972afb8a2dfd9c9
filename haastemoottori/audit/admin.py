from django.contrib import admin

from haastemoottori.audit.admin_mixins import ReadOnlyAdminMixin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: the audit trail is append-only."""

    list_display = ["created_at", "actor_label", "action", "target_type", "target_label", "is_public"]
    list_filter = ["action", "target_type", "is_public"]
    search_fields = ["actor_label", "target_label", "target_id"]
