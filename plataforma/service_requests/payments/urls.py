"""Payments (app_name "payments"), included by the project at "":

- /pagamentos/webhook/<provider>/            the providers' signed notifications
- /pagamentos/simular/<uuid:charge_id>/      sandbox only: "Simular pagamento"
- /servidor/pagamentos/                       the agency's reconciliation (gestor)
- /servidor/pagamentos/pagamentos.csv         the same, as CSV
"""

from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    path("pagamentos/webhook/<slug:provider>/", views.webhook, name="webhook"),
    path("pagamentos/simular/<uuid:charge_id>/", views.simulate_payment, name="simulate"),
    path("servidor/pagamentos/", views.reconciliation, name="reconciliation"),
    path("servidor/pagamentos/pagamentos.csv", views.reconciliation_csv, name="reconciliation_csv"),
]
