from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from haastemoottori.audit.admin_mixins import AuditedAdminMixin

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "preferred_language")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


# Second-factor devices: an admin sees who has which and can remove a lost one (the person then sets up a new
# one at their next sign-in); never the TOTP secret or its QR code, which django-otp's own admin shows.
class _DeviceAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    readonly_fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    search_fields = ["user__email", "name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


for _model in (TOTPDevice, StaticDevice, WebAuthnCredential):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _DeviceAdmin)
