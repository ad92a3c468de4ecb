"""Routes of the governance part 'plan' (see urls.py): the Plano de Implementação de Serviços
Públicos under /servidor/governanca/plano/. Ids are matched as plain segments and parsed in the
views, so a malformed one answers 404 (never 500)."""

from django.urls import path

from .views import plan, plan_nominations, plan_tracks

P = "servidor/governanca/plano/"

urlpatterns = [
    path(P, plan.plan_home, name="plan_home"),
    path(P + "novo/", plan.plan_cycle_new, name="plan_cycle_new"),
    path(P + "ciclos/<str:cycle_id>/", plan.plan_cycle, name="plan_cycle"),
    path(P + "ciclos/<str:cycle_id>/alterar/", plan.plan_cycle_edit, name="plan_cycle_edit"),
    path(P + "ciclos/<str:cycle_id>/encerrar/", plan.plan_cycle_close, name="plan_cycle_close"),
    path(P + "ciclos/<str:cycle_id>/aprovar/", plan.plan_cycle_approve, name="plan_cycle_approve"),
    path(
        P + "ciclos/<str:cycle_id>/indicar/<str:agency_id>/",
        plan_nominations.plan_nomination_new,
        name="plan_nomination_new",
    ),
    path(
        P + "indicacoes/<str:nomination_id>/alterar/",
        plan_nominations.plan_nomination_edit,
        name="plan_nomination_edit",
    ),
    path(
        P + "indicacoes/<str:nomination_id>/retirar/",
        plan_nominations.plan_nomination_withdraw,
        name="plan_nomination_withdraw",
    ),
    path(
        P + "indicacoes/<str:nomination_id>/decidir/",
        plan.plan_nomination_decide,
        name="plan_nomination_decide",
    ),
    path(P + "trilhas/", plan_tracks.plan_tracks, name="plan_tracks"),
    path(P + "trilhas/<str:track_id>/", plan_tracks.plan_track, name="plan_track"),
    path(P + "trilhas/<str:track_id>/alterar/", plan_tracks.plan_track_edit, name="plan_track_edit"),
    path(P + "trilhas/<str:track_id>/orcamento/", plan_tracks.plan_track_budget, name="plan_track_budget"),
    path(
        P + "trilhas/<str:track_id>/marcos/novo/", plan_tracks.plan_milestone_new, name="plan_milestone_new"
    ),
    path(P + "trilhas/<str:track_id>/riscos/novo/", plan_tracks.plan_risk_new, name="plan_risk_new"),
    path(
        P + "trilhas/<str:track_id>/atualizacoes/nova/", plan_tracks.plan_update_new, name="plan_update_new"
    ),
    path(
        P + "marcos/<str:milestone_id>/alterar/", plan_tracks.plan_milestone_edit, name="plan_milestone_edit"
    ),
    path(
        P + "marcos/<str:milestone_id>/concluir/", plan_tracks.plan_milestone_done, name="plan_milestone_done"
    ),
    path(P + "riscos/<str:risk_id>/alterar/", plan_tracks.plan_risk_edit, name="plan_risk_edit"),
]
