from django.contrib import admin

from haastemoottori.audit.admin_mixins import AuditedAdminMixin

from .models import IndustryCode, Theme


@admin.register(Theme)
class ThemeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["slug", "kind", "number", "__str__"]
    list_filter = ["kind"]


@admin.register(IndustryCode)
class IndustryCodeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "__str__"]
    search_fields = ["code"]
