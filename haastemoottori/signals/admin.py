"""Signals change only through the services (audited, clustered); the admin shows them read-only."""

from django.contrib import admin

from haastemoottori.audit.admin_mixins import ReadOnlyAdminMixin

from .models import Signal, SignalImport


@admin.register(Signal)
class SignalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("id", "city", "source", "status", "language", "observed_at")
    list_filter = ("status", "source", "language", "city")
    search_fields = ("=id", "external_id")
    exclude = ("embedding",)
    list_select_related = ("city",)


@admin.register(SignalImport)
class SignalImportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("id", "file_name", "city", "format", "status", "processed", "total", "created_at")
    list_filter = ("status", "format", "city")
    exclude = ("rejected",)
    list_select_related = ("city",)
