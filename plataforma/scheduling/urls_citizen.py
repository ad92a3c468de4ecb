"""The citizen's scheduling pages; included at "" in plataforma/urls.py:

- /agendamento/<serviço>/ …: choose a unit, a day, a time, and confirm (views/citizen.py);
- /conta/agendamentos/ …: Meus agendamentos (views/citizen_account.py).
"""

from django.urls import path

from .views import citizen, citizen_account, citizen_confirm

app_name = "scheduling_citizen"

urlpatterns = [
    path("agendamento/<slug:slug>/", citizen.units, name="units"),
    path("agendamento/<slug:slug>/<uuid:offering_id>/", citizen.month, name="month"),
    path("agendamento/<slug:slug>/<uuid:offering_id>/<str:day>/", citizen.day, name="day"),
    path("agendamento/horario/<int:slot_id>/confirmar/", citizen_confirm.confirm, name="confirm"),
    path("conta/agendamentos/", citizen_account.mine, name="mine"),
    path("conta/agendamentos/<str:code>/", citizen_account.detail, name="detail"),
    path("conta/agendamentos/<str:code>/agendamento.ics", citizen_account.calendar_file, name="ics"),
    path("conta/agendamentos/<str:code>/cancelar/", citizen_account.cancel, name="cancel"),
    path("conta/agendamentos/<str:code>/remarcar/", citizen_account.reschedule, name="reschedule"),
]
