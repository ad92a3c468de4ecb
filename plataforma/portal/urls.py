from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("acessibilidade/", views.accessibility, name="accessibility"),
    path("acessibilidade/contraste/", views.contrast, name="contrast"),
    path("dados-abertos/", views.open_data, name="open_data"),
    path("conta/acessos-aos-meus-dados/", views.data_access, name="data_access"),
]
