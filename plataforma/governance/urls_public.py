"""Routes of the public pages, the servants' entry page and the Núcleo's dashboard (see urls.py).

- /governanca/: what the Núcleo and MTI do, and links to every public record;
- /governanca/plano/ and /governanca/plano/<ano>/: the plan of priority services and its progress
  (both named `pub_plan`: reverse with or without the year);
- /governanca/dados/: open data (CSV and JSON) of the plan, the exceptions and MTI's catalogue;
- /servidor/governanca/: the servants' entry, by role; /servidor/governanca/painel/: the Núcleo's
  dashboard.
"""

from django.urls import path, re_path

from .views import home, monitoring, opendata

urlpatterns = [
    path("governanca/", home.public_home, name="pub_home"),
    path("governanca/plano/", monitoring.public_plan, name="pub_plan"),
    path("governanca/plano/<int:year>/", monitoring.public_plan, name="pub_plan"),
    path("governanca/dados/", opendata.open_data, name="pub_open_data"),
    re_path(
        r"^governanca/dados/(?P<name>[a-z0-9-]{1,40})\.(?P<fmt>csv|json)$",
        opendata.dataset,
        name="pub_dataset",
    ),
    path("servidor/governanca/", home.staff_home, name="staff_home"),
    path("servidor/governanca/painel/", monitoring.nucleo_dashboard, name="nucleo_dashboard"),
]
