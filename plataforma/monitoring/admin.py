"""Read-only admin views: evaluations and indicators are written only by this app's services
(the admin is not a back office that could put them in an invalid state)."""

from django.contrib import admin

from .models import CatalogueIndicator, Evaluation, IndicatorRefresh, MonthlyIndicator


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "agency", "service", "step", "score", "anonymous")
    list_filter = ("anonymous", "score", "agency")
    list_select_related = ("agency", "service")
    # Who rated is not shown: a servant reading the admin should not browse people's ratings.
    exclude = ("user", "request_digest")


@admin.register(MonthlyIndicator)
class MonthlyIndicatorAdmin(ReadOnlyAdmin):
    list_display = ("scope", "agency", "service", "year", "month", "submitted", "concluded", "evaluations")
    list_filter = ("scope", "year")
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
