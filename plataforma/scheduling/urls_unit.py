"""The unit's attendance (Área do Servidor) and the public waiting-room screen; included at ""
in plataforma/urls.py (namespace "scheduling_unit"):

- /servidor/atendimento/ …: units, agenda, check-in, walk-ins, queue, desks, tickets
  (views/unit.py, unit_ticket.py);
- /painel-de-chamadas/<unidade>/: the screen of the waiting room and its JSON (views/unit_panel.py).
"""

from django.urls import path

from .views import unit, unit_panel, unit_ticket

app_name = "scheduling_unit"

_BASE = "servidor/atendimento/<uuid:calendar_id>/"

urlpatterns = [
    path("servidor/atendimento/", unit.unit_list, name="units"),
    path(_BASE, unit.agenda, name="agenda"),
    path(_BASE + "check-in/", unit.checkin, name="checkin"),
    path(_BASE + "espontaneo/", unit.walk_in, name="walk_in"),
    path(_BASE + "fila/", unit.queue, name="queue"),
    path(_BASE + "guiche/", unit.desk_select, name="desk"),
    path(_BASE + "chamar/", unit.call_next, name="call_next"),
    path(_BASE + "senhas/<uuid:ticket_id>/", unit_ticket.ticket_detail, name="ticket"),
    path(_BASE + "senhas/<uuid:ticket_id>/<slug:action>/", unit_ticket.ticket_action, name="ticket_action"),
    path("painel-de-chamadas/<uuid:calendar_id>/", unit_panel.panel, name="panel"),
    path("painel-de-chamadas/<uuid:calendar_id>/chamadas.json", unit_panel.panel_calls, name="panel_calls"),
]
