"""Read-only views of charges and notifications: money is never edited by hand in the admin
(payments change only through the provider's signed notifications and the services)."""

from django.contrib import admin

from .models import Charge, WebhookDelivery


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Charge)
class ChargeAdmin(_ReadOnly):
    list_display = ["txid", "agency", "amount", "status", "reconciliation", "expires_at", "paid_at"]
    list_filter = ["status", "reconciliation", "provider"]
    search_fields = ["txid", "end_to_end_id", "request__protocol"]
    exclude = ["payer_name_masked"]
    list_select_related = ["agency"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(_ReadOnly):
    list_display = ["provider", "delivery_id", "received_at", "signature_valid", "outcome"]
    list_filter = ["provider", "signature_valid", "outcome"]
    search_fields = ["delivery_id"]
