"""Read-only admin views: evaluations and indicators are written only by this app's services
(the admin is not a back office that could put them in an invalid state)."""

from django.contrib import admin
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .dimensions import DIMENSION_KEYS
from .models import CatalogueIndicator, Evaluation, IndicatorRefresh, MonthlyIndicator

# What a rating says, who made it and for which request: never shown, never a filter.
EVALUATION_HIDDEN_FIELDS = {
    "score",
    "comment",
    "user",
    "request_digest",
    "created_at",
    "updated_at",
    *(f"dim_{key}" for key in DIMENSION_KEYS),
}


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    """Which ratings exist, never what they say (ADR 0023): no score, dimension or comment —
    one person's score read here could be subtracted from a published group of ratings, and a
    comment can name its author — nor who rated, nor any filter on them; an anonymous rating
    shows only its month. The public panel is where ratings are read, as protected figures."""

    list_display = ("made_in", "agency", "service", "step", "anonymous")
    list_filter = ("anonymous", "agency")
    list_select_related = ("agency", "service")
    fields = ("made_in", "agency", "service", "step", "anonymous")
    readonly_fields = fields
    # Ties (anonymous ratings of the same month) in random order (uuid4), not insertion order.
    ordering = ("-created_at", "id")

    @admin.display(description=_("quando"))
    def made_in(self, obj: Evaluation) -> str:
        moment = timezone.localtime(obj.created_at)
        if obj.anonymous:
            return date_format(moment, "F \\d\\e Y")
        return date_format(moment, "DATETIME_FORMAT")

    def lookup_allowed(self, lookup, value, request=None):
        if lookup.split("__")[0] in EVALUATION_HIDDEN_FIELDS:
            return False
        return super().lookup_allowed(lookup, value, request)


@admin.register(MonthlyIndicator)
class MonthlyIndicatorAdmin(ReadOnlyAdmin):
    # Withheld rating figures are not stored (NULL): what this shows is what the panel publishes.
    list_display = (
        "scope",
        "agency",
        "service",
        "year",
        "month",
        "submitted",
        "concluded",
        "evaluations",
        "ratings_withheld",
    )
    list_filter = ("scope", "year", "ratings_withheld")
    list_select_related = ("agency", "service")


@admin.register(CatalogueIndicator)
class CatalogueIndicatorAdmin(ReadOnlyAdmin):
    list_display = (
        "agency",
        "services_published",
        "services_digital",
        "services_on_platform",
        "refreshed_at",
    )


@admin.register(IndicatorRefresh)
class IndicatorRefreshAdmin(ReadOnlyAdmin):
    list_display = ("refreshed_at", "periods")
