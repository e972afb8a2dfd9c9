from django.contrib import admin

from haastemoottori.audit.admin_mixins import AuditedAdminMixin

from .models import DevelopmentPlatform


@admin.register(DevelopmentPlatform)
class DevelopmentPlatformAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["slug", "__str__", "owner"]
