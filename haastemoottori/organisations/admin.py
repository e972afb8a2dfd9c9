from django.contrib import admin

from haastemoottori.audit.admin_mixins import AuditedAdminMixin, ReadOnlyAdminMixin

from .models import Department, Invitation, JoinRequest, Membership, Organisation, OrganisationIdentifier


class IdentifierInline(admin.TabularInline):
    model = OrganisationIdentifier
    extra = 0


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["slug", "kind", "__str__", "verification_status"]
    list_filter = ["kind", "verification_status"]
    # Verification is a reviewed, audited act: the staff's queue (services_verification), not a form field.
    readonly_fields = ["verification_status", "verification_method", "verified_at", "verified_by", "verification_note"]
    search_fields = ["slug", "identifiers__identifier"]
    inlines = [IdentifierInline, DepartmentInline]


@admin.register(Membership)
class MembershipAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["user__email", "organisation__slug"]
    autocomplete_fields = ["user", "organisation"]


# Invitations and join requests change only through the services (they send e-mail and audit); read-only here.
@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "created_at", "expires_at", "accepted_at", "revoked_at"]
    list_filter = ["role"]
    search_fields = ["email", "organisation__slug"]
    exclude = ["token_hash"]


@admin.register(JoinRequest)
class JoinRequestAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["user", "organisation", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["user__email", "organisation__slug"]
