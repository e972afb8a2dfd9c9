from django.contrib import admin

from haastemoottori.audit.admin_mixins import ReadOnlyAdminMixin

from .models import Candidate, Criterion, PairwiseComparison, ScoreSheet


@admin.register(Candidate)
class CandidateAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only here: candidates change through the services, which check rules and audit."""

    list_display = ["__str__", "cluster", "promoted_at", "published_at"]
    list_filter = ["published_at"]
    raw_id_fields = ["challenge", "cluster", "promoted_by"]


@admin.register(Criterion)
class CriterionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "organisation", "weight", "scale_max", "position", "active"]
    list_filter = ["organisation", "active"]


@admin.register(ScoreSheet)
class ScoreSheetAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "candidate", "organisation", "scorer", "submitted_at"]
    list_filter = ["organisation"]


@admin.register(PairwiseComparison)
class PairwiseComparisonAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "organisation", "voter", "created_at"]
    list_filter = ["organisation"]
