"""Platform admins configure the cities' identity providers (named permission sso.manage_providers)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from haastemoottori.audit.admin_mixins import AuditedAdminMixin, ReadOnlyAdminMixin
from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record

from .models import OidcIdentity, OidcProvider, OidcRoleMapping
from .views import callback_uri

PERMISSION = "sso.manage_providers"


class PermissionMixin:
    def _allowed(self, request) -> bool:
        return request.user.has_perm(PERMISSION)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request, *args):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)


class RoleMappingInline(PermissionMixin, admin.TabularInline):
    model = OidcRoleMapping
    extra = 1


@admin.register(OidcProvider)
class OidcProviderAdmin(PermissionMixin, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["slug", "organisation", "issuer", "is_enabled", "secret_is_set"]
    list_filter = ["is_enabled"]
    readonly_fields = ["redirect_uri", "secret_is_set"]
    autocomplete_fields = ["organisation"]
    inlines = [RoleMappingInline]

    def save_formset(self, request, form, formset, change):
        # The role mappings are audited like the provider itself.
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            audit_record(actor=request.user, action=AuditEvent.Action.DELETED, target=obj, data={"via": "admin"})
            obj.delete()
        for obj in instances:
            action = AuditEvent.Action.UPDATED if obj.pk else AuditEvent.Action.CREATED
            obj.save()
            audit_record(
                actor=request.user,
                action=action,
                target=obj,
                data={"via": "admin", "role": obj.role, "department": obj.department_id},
            )
        formset.save_m2m()

    @admin.display(description=_("redirect URI to register at the provider"))
    def redirect_uri(self, obj):
        return callback_uri(obj.slug) if obj and obj.slug else "–"

    @admin.display(description=_("secret set in the environment"), boolean=True)
    def secret_is_set(self, obj):
        return bool(obj and obj.client_secret_env and obj.client_secret())


@admin.register(OidcIdentity)
class OidcIdentityAdmin(ReadOnlyAdminMixin, PermissionMixin, admin.ModelAdmin):
    list_display = ["user", "provider", "subject", "created_at", "last_sign_in_at"]
    list_filter = ["provider"]
    search_fields = ["user__email", "subject"]
