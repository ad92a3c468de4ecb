from django.urls import path

from . import views

app_name = "companies"

urlpatterns = [
    path("", views.home, name="home"),
    path("pedir-vinculo/", views.tie_request, name="tie_request"),
    path("pessoa-fisica/", views.acting_stop, name="acting_stop"),
    path("vinculos/<uuid:tie_id>/encerrar/", views.tie_revoke, name="tie_revoke"),
    path("<uuid:company_id>/", views.company_detail, name="company"),
    path("<uuid:company_id>/atuar/", views.acting_start, name="acting_start"),
    path("<uuid:company_id>/conceder/", views.company_grant, name="grant"),
    path("<uuid:company_id>/vinculos/<uuid:tie_id>/aprovar/", views.tie_approve, name="tie_approve"),
]
