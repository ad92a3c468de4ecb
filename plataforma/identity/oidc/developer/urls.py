from django.urls import path

from . import views

app_name = "developers"

urlpatterns = [
    path("mt-login/", views.mt_login_guide, name="mt_login"),
]
