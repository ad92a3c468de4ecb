"""Routes of the public pages and the servants' entry page (see urls.py)."""

from django.urls import path

from .views import home

urlpatterns = [
    path("governanca/", home.public_home, name="pub_home"),
    path("servidor/governanca/", home.staff_home, name="staff_home"),
]
