"""Platform admins edit reference data in Django admin; those changes are audited like any other."""

from haastemoottori.core.page_cache import public_content_changed

from .models import AuditEvent
from .services import audit_record


class AuditedAdminMixin:
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changes = {
            name: (form.initial.get(name) if change else None, form.cleaned_data.get(name))
            for name in form.changed_data
        }
        audit_record(
            actor=request.user,
            action=AuditEvent.Action.UPDATED if change else AuditEvent.Action.CREATED,
            target=obj,
            changes=changes,
            data={"via": "admin"},
        )
        public_content_changed()

    def delete_model(self, request, obj):
        audit_record(actor=request.user, action=AuditEvent.Action.DELETED, target=obj, data={"via": "admin"})
        super().delete_model(request, obj)
        public_content_changed()

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit_record(actor=request.user, action=AuditEvent.Action.DELETED, target=obj, data={"via": "admin"})
        super().delete_queryset(request, queryset)
        public_content_changed()


class ReadOnlyAdminMixin:
    """For records that change only through services (challenges) or never (audit events)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
