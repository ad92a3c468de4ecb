"""Conselhos de usuários (Lei 13.460 arts. 18-22); included at "" in plataforma/urls.py.

- /conselhos-de-usuarios/ …: public pages and open data (views/public.py);
- /conta/conselhos/ …: the person's applications, mandates and opinions (views/citizen.py);
- /servidor/conselhos/ …: the agency's gestor and ouvidor (views/staff_*.py).
"""

from django.urls import path, re_path
from django.views.decorators.cache import never_cache

from .views import citizen, public, staff_call, staff_consult, staff_council

app_name = "councils"

P = "conselhos-de-usuarios/"
S = "servidor/conselhos/"
# Ids are captured as text and parsed by the selectors: a malformed one answers 404, never 500.
ID = "<str:{}>"

urlpatterns = [
    path(P, public.council_list, name="list"),
    path(f"{P}como-funciona-o-sorteio/", public.draw_help, name="draw_help"),
    path(f"{P}dados/", public.open_data, name="data"),
    re_path(
        r"^conselhos-de-usuarios/dados/(?P<name>[a-z]+)\.(?P<fmt>csv|json)$", public.dataset, name="dataset"
    ),
    path(f"{P}<slug:slug>/", public.council_detail, name="council"),
    path(f"{P}<slug:slug>/chamamentos/{ID.format('call_id')}/", public.call_detail, name="call"),
    path(f"{P}<slug:slug>/chamamentos/{ID.format('call_id')}/inscrever/", public.apply, name="apply"),
    path(
        f"{P}<slug:slug>/consultas/{ID.format('consultation_id')}/",
        public.consultation_detail,
        name="consultation",
    ),
    path("conta/conselhos/", citizen.mine, name="mine"),
    path(
        f"conta/conselhos/inscricoes/{ID.format('application_id')}/desistir/",
        citizen.withdraw,
        name="withdraw",
    ),
    path(f"conta/conselhos/mandatos/{ID.format('membership_id')}/renunciar/", citizen.resign, name="resign"),
    path(f"conta/conselhos/consultas/{ID.format('consultation_id')}/", citizen.opinion, name="opinion"),
    path(S, staff_council.home, name="staff_home"),
    path(f"{S}novo/", staff_council.council_new, name="staff_council_new"),
    path(f"{S}{ID.format('council_id')}/", staff_council.council_detail, name="staff_council"),
    path(f"{S}{ID.format('council_id')}/regras/", staff_council.council_edit, name="staff_council_edit"),
    path(
        f"{S}{ID.format('council_id')}/categorias/nova/",
        staff_council.category_edit,
        name="staff_category_new",
    ),
    path(
        f"{S}{ID.format('council_id')}/categorias/{ID.format('category_id')}/",
        staff_council.category_edit,
        name="staff_category",
    ),
    path(
        f"{S}{ID.format('council_id')}/categorias/{ID.format('category_id')}/remover/",
        staff_council.category_delete,
        name="staff_category_delete",
    ),
    path(f"{S}{ID.format('council_id')}/chamamentos/novo/", staff_call.call_new, name="staff_call_new"),
    path(
        f"{S}{ID.format('council_id')}/consultas/nova/",
        staff_consult.consultation_new,
        name="staff_consultation_new",
    ),
    path(f"{S}chamamentos/{ID.format('call_id')}/", staff_call.call_detail, name="staff_call"),
    path(f"{S}chamamentos/{ID.format('call_id')}/editar/", staff_call.call_edit, name="staff_call_edit"),
    path(
        f"{S}chamamentos/{ID.format('call_id')}/<slug:action>/",
        staff_call.call_transition,
        name="staff_call_action",
    ),
    path(
        f"{S}inscricoes/{ID.format('application_id')}/",
        staff_call.application_detail,
        name="staff_application",
    ),
    path(
        f"{S}mandatos/{ID.format('membership_id')}/", staff_council.membership_detail, name="staff_membership"
    ),
    path(
        f"{S}consultas/{ID.format('consultation_id')}/",
        staff_consult.consultation_detail,
        name="staff_consultation",
    ),
]

# The person's and the servants' pages show personal data (applicants, members, opinions being
# written): never kept by a browser or a shared cache.
for _pattern in urlpatterns:
    if str(_pattern.pattern).startswith(("conta/", S)):
        _pattern.callback = never_cache(_pattern.callback)
