from django.contrib import admin

from haastemoottori.audit.admin_mixins import AuditedAdminMixin

from .models import Department, Membership, Organisation, OrganisationIdentifier


class IdentifierInline(admin.TabularInline):
    model = OrganisationIdentifier
    extra = 0


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["slug", "kind", "__str__"]
    list_filter = ["kind"]
    search_fields = ["slug", "identifiers__identifier"]
    inlines = [IdentifierInline, DepartmentInline]


@admin.register(Membership)
class MembershipAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["user__email", "organisation__slug"]
    autocomplete_fields = ["user", "organisation"]
