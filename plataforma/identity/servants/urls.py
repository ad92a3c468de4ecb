from django.urls import path

from . import views

app_name = "servants"

urlpatterns = [
    path("", views.home, name="home"),
    path("orgaos/<slug:agency_slug>/membros/", views.members, name="members"),
    path(
        "orgaos/<slug:agency_slug>/membros/<uuid:grant_id>/revogar/",
        views.member_revoke,
        name="member_revoke",
    ),
    path("vinculos/", views.tie_queue, name="tie_queue"),
    path("vinculos/<uuid:tie_id>/", views.tie_decide, name="tie_decide"),
]
