from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("preferencias/", views.preferences, name="preferences"),
    path("marcar-todas-como-lidas/", views.mark_all_read, name="mark_all_read"),
    path("<uuid:pk>/", views.open_notification, name="open"),
]
