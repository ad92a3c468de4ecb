"""Núcleo de Governança Digital (Resolução 002/2021/NGD); included at "" in plataforma/urls.py.

Public pages under /governanca/ and the servants' tools under /servidor/governanca/. Each part
keeps its routes in its own module; names carry the part's prefix (plan_, exc_, mti_, pub_).
"""

from . import urls_exceptions, urls_mti, urls_plan, urls_public

app_name = "governance"

urlpatterns = [
    *urls_public.urlpatterns,
    *urls_plan.urlpatterns,
    *urls_exceptions.urlpatterns,
    *urls_mti.urlpatterns,
]
