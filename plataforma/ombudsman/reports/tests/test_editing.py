"""Writing and publishing the "análise e recomendações": who may (the Ouvidoria-Geral; an
agency's ouvidores for their agency), that every other role is refused and learns nothing, the
draft/publish workflow with its audit rows, and bad input changing nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from plataforma.common.models import AuditEvent
from plataforma.ombudsman.reports import services
from plataforma.ombudsman.reports.models import ManagementReport

from .factories import local, make_manifestation

pytestmark = pytest.mark.django_db

DRAFT = "Texto do rascunho da Ouvidoria-Geral sobre 2025."
FORM = {
    "analise": "As reclamações sobre atendimento cresceram.",
    "recomendacoes": "Treinar as equipes dos balcões.",
    "encaminhado_a": "Governador do Estado de Mato Grosso",
}


def _state_url(year=2025):
    return reverse("ombudsman_reports:edit", args=[year])


def _agency_url(year=2025, slug="detran-mt"):
    return reverse("ombudsman_reports:edit_agency", args=[year, slug])


@pytest.fixture
def state_draft(people, known):
    return services.report_draft_save(
        actor=people.general, year=2025, analysis=DRAFT, recommendations="", addressed_to=""
    )


# --- who gets in -------------------------------------------------------------------------------


def test_the_general_ombudsman_writes_and_publishes_the_state_report(client, people, known):
    client.force_login(people.general)
    assert client.get(_state_url()).status_code == 200
    response = client.post(_state_url(), {**FORM, "acao": "publicar"})
    assert response.status_code == 303
    assert response["Location"] == reverse("ombudsman_reports:report", args=[2025])
    report = ManagementReport.objects.get(year=2025, agency__isnull=True)
    assert (report.status, report.revision, report.analysis) == ("publicado", 1, FORM["analise"])
    assert report.figures["received"]["total"] == 10


def test_an_agency_ombudsman_writes_the_agency_report(client, people, known):
    client.force_login(people.ouvidor)
    response = client.post(_agency_url(), {**FORM, "acao": "salvar"})
    assert response.status_code == 303
    report = ManagementReport.objects.get(year=2025, agency=known["a"])
    assert (report.status, report.draft_analysis, report.analysis) == ("rascunho", FORM["analise"], "")


def test_the_general_ombudsman_may_write_any_agency_report(client, people, known):
    client.force_login(people.general)
    assert client.post(_agency_url(slug="sefaz"), {**FORM, "acao": "salvar"}).status_code == 303
    assert ManagementReport.objects.filter(agency=known["b"]).exists()


@pytest.mark.parametrize(
    "who", ["citizen", "attendant", "analyst", "manager", "editor", "other_ouvidor", "ouvidor", "admin"]
)
def test_every_other_role_is_refused_the_state_report(client, people, state_draft, who):
    client.force_login(getattr(people, who))
    for response in (client.get(_state_url()), client.post(_state_url(), {**FORM, "acao": "publicar"})):
        assert response.status_code == 403
        assert DRAFT not in response.content.decode()
    report = ManagementReport.objects.get()
    assert (report.status, report.draft_analysis) == ("rascunho", DRAFT)


@pytest.mark.parametrize(
    "who", ["citizen", "attendant", "analyst", "manager", "editor", "other_ouvidor", "admin"]
)
def test_every_other_role_is_refused_an_agency_report(client, people, known, who):
    services.report_draft_save(
        actor=people.ouvidor,
        year=2025,
        agency=known["a"],
        analysis=DRAFT,
        recommendations="",
        addressed_to="",
    )
    client.force_login(getattr(people, who))
    for response in (client.get(_agency_url()), client.post(_agency_url(), {**FORM, "acao": "salvar"})):
        assert response.status_code == 403
        assert DRAFT not in response.content.decode()
    assert ManagementReport.objects.get().draft_analysis == DRAFT


@pytest.mark.parametrize("who", ["citizen", "attendant", "analyst", "manager", "editor", "admin"])
def test_the_editing_index_is_refused_without_the_role(client, people, who):
    client.force_login(getattr(people, who))
    assert client.get(reverse("ombudsman_reports:staff_index")).status_code == 403


def test_anonymous_people_are_sent_to_sign_in(client, known):
    for url in (_state_url(), _agency_url(), reverse("ombudsman_reports:staff_index")):
        response = client.get(url)
        assert response.status_code == 302 and "/conta/entrar/" in response["Location"]
    assert client.post(_state_url(), {**FORM, "acao": "publicar"}).status_code == 302
    assert not ManagementReport.objects.exists()


def test_services_refuse_other_roles(people, known):
    for who in (people.ouvidor, people.manager, people.citizen, people.admin, None):
        with pytest.raises(PermissionDenied):
            services.report_draft_save(
                actor=who, year=2025, analysis="x", recommendations="", addressed_to=""
            )
        with pytest.raises(PermissionDenied):
            services.report_publish(actor=who, year=2025)
    with pytest.raises(PermissionDenied):
        services.report_publish(actor=people.other_ouvidor, year=2025, agency=known["a"])
    assert not ManagementReport.objects.exists()


def test_a_revoked_role_no_longer_gets_in(client, people, known):
    from django.utils import timezone

    people.ouvidor.agency_roles.update(revoked_at=timezone.now())
    client.force_login(people.ouvidor)
    assert client.get(_agency_url()).status_code == 403


def test_editing_index_lists_the_scopes_of_the_person(client, people, known):
    client.force_login(people.ouvidor)
    html = client.get(reverse("ombudsman_reports:staff_index")).content.decode()
    assert f'href="{_agency_url()}"' in html and f'href="{_state_url()}"' not in html
    client.force_login(people.general)
    html = client.get(reverse("ombudsman_reports:staff_index")).content.decode()
    assert f'href="{_state_url()}"' in html
    response = client.get(reverse("ombudsman_reports:staff_index"), {"ano": "2025", "orgao": "sefaz"})
    assert response["Location"] == _agency_url(slug="sefaz")


# --- the workflow ------------------------------------------------------------------------------


def test_publishing_freezes_the_figures_and_a_correction_keeps_them(people, known):
    services.report_draft_save(
        actor=people.general,
        year=2025,
        **dict(zip(("analysis", "recommendations", "addressed_to"), FORM.values(), strict=True)),
    )
    first = services.report_publish(actor=people.general, year=2025)
    frozen = first.figures
    make_manifestation(agency=known["a"], received=local(2025, 7, 1))  # registered late
    services.report_draft_save(
        actor=people.general,
        year=2025,
        analysis="Análise corrigida.",
        recommendations=FORM["recomendacoes"],
        addressed_to=FORM["encaminhado_a"],
    )
    second = services.report_publish(actor=people.general, year=2025)
    assert (second.revision, second.analysis, second.figures) == (2, "Análise corrigida.", frozen)
    assert second.figures["received"]["total"] == 10
    assert second.first_published_at == first.first_published_at < second.published_at
    actions = list(
        AuditEvent.objects.filter(target_id=str(second.pk))
        .order_by("occurred_at")
        .values_list("action", "actor_id")
    )
    assert actions == [
        ("ombudsman.report.draft_save", people.general.pk),
        ("ombudsman.report.publish", people.general.pk),
        ("ombudsman.report.draft_save", people.general.pk),
        ("ombudsman.report.publish", people.general.pk),
    ]


def test_saving_a_draft_does_not_change_the_published_text(client, people, known):
    client.force_login(people.general)
    client.post(_state_url(), {**FORM, "acao": "publicar"})
    client.post(_state_url(), {**FORM, "analise": "Ainda em revisão.", "acao": "salvar"})
    report = ManagementReport.objects.get()
    assert (report.analysis, report.draft_analysis, report.revision) == (
        FORM["analise"],
        "Ainda em revisão.",
        1,
    )
    html = client.get(reverse("ombudsman_reports:report", args=[2025])).content.decode()
    assert FORM["analise"] in html and "Ainda em revisão." not in html


def test_the_current_year_cannot_be_published(client, people, known):
    client.force_login(people.general)
    response = client.post(_state_url(2026), {**FORM, "acao": "publicar"})
    assert response.status_code == 400
    assert "só pode ser publicado depois que o ano terminar" in response.content.decode()
    assert not ManagementReport.objects.exists()  # the draft of that request is not kept either
    assert client.post(_state_url(2026), {**FORM, "acao": "salvar"}).status_code == 303


def test_publishing_needs_every_text(client, people, known):
    client.force_login(people.general)
    response = client.post(_state_url(), {**FORM, "encaminhado_a": "", "acao": "publicar"})
    assert response.status_code == 400
    assert 'id="id_encaminhado_a_error"' in response.content.decode()
    assert not ManagementReport.objects.exists()


def test_republishing_the_same_text_is_refused(people, known):
    kwargs = {"analysis": "a", "recommendations": "b", "addressed_to": "c"}
    services.report_draft_save(actor=people.general, year=2025, **kwargs)
    services.report_publish(actor=people.general, year=2025)
    with pytest.raises(ValidationError):
        services.report_publish(actor=people.general, year=2025)
    assert ManagementReport.objects.get().revision == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("analise", "Conforme relatou a senhora de CPF 529.982.247-25, o balcão fechou.", "CPF"),
        ("recomendacoes", "x" * 20_001, "o limite é 20.000"),
        ("encaminhado_a", "Governador\ndo Estado", "uma linha"),
    ],
)
def test_bad_texts_are_refused_and_nothing_changes(client, people, known, field, value, message):
    client.force_login(people.general)
    response = client.post(_state_url(), {**FORM, field: value, "acao": "salvar"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ManagementReport.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="ombudsman.report").exists()


def test_an_unknown_action_is_refused(client, people, known):
    client.force_login(people.general)
    assert client.post(_state_url(), {**FORM, "acao": "apagar"}).status_code == 400
    assert not ManagementReport.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/servidor/ouvidoria/relatorios/2016/",
        "/servidor/ouvidoria/relatorios/3000/",
        "/servidor/ouvidoria/relatorios/2025/orgaos/nao-existe/",
    ],
)
def test_bad_years_and_agencies_in_the_editing_pages_are_404(client, people, url):
    client.force_login(people.general)
    assert client.get(url).status_code == 404


def test_a_bad_year_in_the_editing_chooser_is_400(client, people):
    client.force_login(people.general)
    assert client.get(reverse("ombudsman_reports:staff_index"), {"ano": "dois mil"}).status_code == 400


def test_a_cpf_like_number_that_is_not_a_cpf_is_accepted(people, known):
    report = services.report_draft_save(
        actor=people.general,
        year=2025,
        analysis="Processo 123.456.789-00 arquivado.",
        recommendations="",
        addressed_to="",
    )
    assert "123.456.789-00" in report.draft_analysis
