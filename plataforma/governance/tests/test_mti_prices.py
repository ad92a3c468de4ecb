"""MTI's catalogue through its services and selectors: services, price proposals with their market
references, the Núcleo's decisions, the current price and the history, and the comparison with
the market (median with odd and even counts, mean, range, remarks)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from plataforma.common.models import AuditEvent

from ..models.mti import MarketReference, PriceVersion, StandardService
from ..selectors import mti as reads
from ..services import mti as services
from .factories_mti import (
    approved,
    draft,
    gestor_user,
    make_service,
    mti_user,
    nucleo_user,
    person,
    price_data,
    reference_data,
    service_data,
    submitted,
    today,
)

pytestmark = pytest.mark.django_db


# --- services of the catalogue -------------------------------------------------------------------


def test_service_create_normalises_and_audits(mti):
    service = make_service(mti, code=" hosp-02 ", name="  Hospedagem   dedicada ")
    assert (service.code, service.name) == ("HOSP-02", "Hospedagem dedicada")
    event = AuditEvent.objects.get(action="governance.mti.service.create")
    assert event.target_id == str(service.pk) and event.changes["code"] == "HOSP-02"


def test_service_code_must_be_unique_and_well_formed(mti, service):
    with pytest.raises(ValidationError) as exc:
        make_service(mti, code="hosp-01")
    assert "code" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        make_service(mti, code="código com espaço", category="nada", unit="")
    assert {"code", "category", "unit"} <= set(exc.value.error_dict)
    assert StandardService.objects.count() == 1


def test_service_update_lists_changed_fields(mti, service):
    services.service_update(actor=mti, service=service, data=service_data(name="Outro nome", is_active=False))
    service.refresh_from_db()
    assert service.name == "Outro nome" and not service.is_active
    event = AuditEvent.objects.get(action="governance.mti.service.update")
    assert event.changes["fields"] == ["is_active", "name"]


@pytest.mark.parametrize("who", ["nucleo", "gestor", "citizen"])
def test_only_mti_writes_the_catalogue(who, mti, service):
    actor = {"nucleo": nucleo_user, "gestor": gestor_user, "citizen": person}[who]()
    with pytest.raises(PermissionDenied):
        make_service(actor, code="X-1")
    with pytest.raises(PermissionDenied):
        services.service_update(actor=actor, service=service, data=service_data(name="Invadido"))
    with pytest.raises(PermissionDenied):
        services.price_draft_create(actor=actor, service=service, data=price_data())
    service.refresh_from_db()
    assert service.name != "Invadido" and StandardService.objects.count() == 1
    assert not PriceVersion.objects.exists()


# --- proposals -----------------------------------------------------------------------------------


def test_proposal_numbers_and_one_open_at_a_time(mti, nucleo, service):
    first = approved(mti, nucleo, service)
    second = draft(mti, service, "120.00")
    assert (first.number, second.number) == (1, 2)
    with pytest.raises(ValidationError, match="proposta de preço em aberto"):
        services.price_draft_create(actor=mti, service=service, data=price_data("130.00"))
    services.price_submit(actor=mti, version=second)
    with pytest.raises(ValidationError):
        services.price_draft_create(actor=mti, service=service, data=price_data("130.00"))
    assert service.prices.count() == 2


def test_submit_needs_three_references(mti, service):
    version = draft(mti, service, references=("90.00", "100.00"))
    with pytest.raises(ValidationError, match="ao menos 3 referências"):
        services.price_submit(actor=mti, version=version)
    version.refresh_from_db()
    assert version.status == PriceVersion.Status.DRAFT and version.submitted_at is None
    services.reference_add(actor=mti, version=version, data=reference_data("95.00"))
    assert services.price_submit(actor=mti, version=version).status == PriceVersion.Status.SUBMITTED


@pytest.mark.parametrize(
    ("days_ago", "fragment"),
    [(-1, "futuro"), (400, "mais de 12 meses")],
)
def test_reference_dates_refused_when_added(mti, service, days_ago, fragment):
    version = draft(mti, service, references=())
    with pytest.raises(ValidationError) as exc:
        services.reference_add(actor=mti, version=version, data=reference_data(days_ago=days_ago))
    assert fragment in exc.value.message_dict["reference_date"][0]
    assert not MarketReference.objects.exists()


def test_reference_twelve_months_old_is_accepted(mti, service):
    version = draft(mti, service, references=())
    oldest = services.oldest_reference_date(today())
    services.reference_add(actor=mti, version=version, data=reference_data(reference_date=oldest))
    with pytest.raises(ValidationError):
        services.reference_add(
            actor=mti, version=version, data=reference_data(reference_date=oldest - timedelta(days=1))
        )
    assert version.references.count() == 1


def test_reference_gone_stale_before_submission_is_refused(mti, service):
    version = draft(mti, service)
    stale = version.references.first()
    MarketReference.objects.filter(pk=stale.pk).update(reference_date=today() - timedelta(days=380))
    with pytest.raises(ValidationError) as exc:
        services.price_submit(actor=mti, version=version)
    assert any("mais de 12 meses" in m and stale.source in m for m in exc.value.messages)
    version.refresh_from_db()
    assert version.status == PriceVersion.Status.DRAFT


def test_reference_url_must_be_http(mti, service):
    version = draft(mti, service, references=())
    for url in ("javascript:alert(1)", "ftp://exemplo.com/x", "exemplo.com"):
        with pytest.raises(ValidationError) as exc:
            services.reference_add(actor=mti, version=version, data=reference_data(url=url))
        assert "url" in exc.value.error_dict
    services.reference_add(actor=mti, version=version, data=reference_data(url=""))
    assert version.references.count() == 1


def test_price_must_be_positive_with_cents(mti, service):
    for value in ("0", "-5", "10.001"):
        with pytest.raises(ValidationError) as exc:
            services.price_draft_create(actor=mti, service=service, data=price_data(value))
        assert "price" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        services.price_draft_create(
            actor=mti, service=service, data=price_data(valid_from=today() - timedelta(days=1))
        )
    assert "valid_from" in exc.value.error_dict
    assert not PriceVersion.objects.exists()


def test_submitted_proposal_is_frozen(mti, service):
    version = submitted(mti, service)
    with pytest.raises(ValidationError):
        services.price_draft_update(actor=mti, version=version, data=price_data("1.00"))
    with pytest.raises(ValidationError):
        services.reference_add(actor=mti, version=version, data=reference_data())
    with pytest.raises(ValidationError):
        services.reference_remove(actor=mti, reference=version.references.first())
    with pytest.raises(ValidationError):
        services.price_discard(actor=mti, version=version)
    version.refresh_from_db()
    assert version.price == Decimal("100.00") and version.references.count() == 3


def test_discard_draft(mti, service):
    version = draft(mti, service)
    services.price_discard(actor=mti, version=version)
    assert not PriceVersion.objects.exists() and not MarketReference.objects.exists()
    assert AuditEvent.objects.filter(
        action="governance.mti.price.discard", target_id=str(version.pk)
    ).exists()


# --- decisions -----------------------------------------------------------------------------------


def test_approve_and_decline_with_reasons(mti, nucleo, service):
    version = submitted(mti, service)
    with pytest.raises(ValidationError) as exc:
        services.price_decide(actor=nucleo, version=version, approve=True, reasons="   ")
    assert "reasons" in exc.value.error_dict
    version.refresh_from_db()
    assert version.status == PriceVersion.Status.SUBMITTED
    services.price_decide(actor=nucleo, version=version, approve=False, reasons="Acima do mercado.")
    version.refresh_from_db()
    assert version.status == PriceVersion.Status.DECLINED
    assert version.decided_by == nucleo and version.decision_reasons == "Acima do mercado."
    assert AuditEvent.objects.filter(action="governance.mti.price.decline").count() == 1
    with pytest.raises(ValidationError):
        services.price_decide(actor=nucleo, version=version, approve=True, reasons="Mudei de ideia.")
    again = submitted(mti, service, "95.00")
    services.price_decide(actor=nucleo, version=again, approve=True, reasons="Compatível.")
    assert reads.current_price(service) == again


def test_mti_cannot_decide_and_nobody_decides_their_own(mti, nucleo, service):
    version = submitted(mti, service)
    with pytest.raises(PermissionDenied):
        services.price_decide(actor=mti, version=version, approve=True, reasons="Aprovo a minha.")
    both = mti_user()
    from plataforma.identity.models import AgencyRole

    from .factories_mti import agency

    AgencyRole.objects.create(user=both, agency=agency("SEPLAG"), role=AgencyRole.Role.NUCLEO)
    own = submitted(both, make_service(mti, code="HOSP-09"))
    with pytest.raises(PermissionDenied):
        services.price_decide(actor=both, version=own, approve=True, reasons="Aprovo a minha.")
    for v in (version, own):
        v.refresh_from_db()
        assert v.status == PriceVersion.Status.SUBMITTED


# --- current price and history -------------------------------------------------------------------


def test_current_price_is_latest_approved_in_force(mti, nucleo, service):
    assert reads.current_price(service) is None
    old = approved(mti, nucleo, service, "80.00", valid_from=today() - timedelta(days=200))
    newer = approved(mti, nucleo, service, "90.00", valid_from=today() - timedelta(days=10))
    future = approved(mti, nucleo, service, "120.00", valid_from=today() + timedelta(days=30))
    declined = submitted(mti, service, "70.00")
    services.price_decide(actor=nucleo, version=declined, approve=False, reasons="Não.")
    draft(mti, service, "60.00")
    assert reads.current_price(service) == newer
    assert reads.future_price(service) == future
    history = [v.version for v in reads.approved_history(service)]
    assert history == [future, newer, old]
    assert reads.current_price(service, today=today() + timedelta(days=31)) == future
    assert reads.current_price(service, today=today() - timedelta(days=100)) == old
    catalogue = dict(reads.public_catalogue())
    assert catalogue[str(StandardService.Category.HOSTING.label)] == [(service, newer)]


def test_inactive_services_leave_the_public_catalogue(mti, service):
    make_service(mti, code="OFF-1", is_active=False)
    codes = [s.code for _label, items in reads.public_catalogue() for s, _p in items]
    assert codes == ["HOSP-01"]


# --- comparison with the market ------------------------------------------------------------------


def test_median_with_odd_count():
    c = reads.compare(Decimal("100.00"), [Decimal("120"), Decimal("80"), Decimal("90")])
    assert c.median == Decimal("90")
    assert c.mean.quantize(Decimal("0.01")) == Decimal("96.67")
    assert c.vs_median.amount == Decimal("10.00") and c.vs_median.percent == Decimal("11.1")
    assert c.vs_mean.amount == Decimal("3.33") and c.vs_mean.percent == Decimal("3.4")
    assert (c.lowest, c.highest, c.position) == (Decimal("80"), Decimal("120"), "within")
    assert not c.above_highest


def test_median_with_even_count_is_the_mean_of_the_middle_two():
    c = reads.compare(
        Decimal("100.00"), [Decimal("90.00"), Decimal("130.00"), Decimal("110.00"), Decimal("70.00")]
    )
    assert c.median == Decimal("100.00")
    assert c.vs_median.amount == 0 and c.vs_median.direction == "igual"
    c = reads.compare(
        Decimal("10.00"), [Decimal("10.01"), Decimal("10.02"), Decimal("9.00"), Decimal("11.00")]
    )
    assert c.median == Decimal("10.015")
    assert c.median_shown == Decimal("10.02")
    assert c.vs_median.amount == Decimal("-0.02") and c.vs_median.direction == "abaixo"


def test_position_remarks():
    refs = [Decimal("90"), Decimal("100"), Decimal("110")]
    above = reads.compare(Decimal("150.00"), refs)
    assert above.above_highest and "acima de todas as referências" in above.remark
    assert above.vs_median.text == "R$ 50,00 acima (50,0% a mais)"
    below = reads.compare(Decimal("50.00"), refs)
    assert below.position == "below_all" and "abaixo de todas" in below.remark
    assert below.vs_median.text == "R$ 50,00 abaixo (50,0% a menos)"
    assert reads.compare(Decimal("110"), refs).position == "highest"
    assert reads.compare(Decimal("90"), refs).position == "lowest"
    assert reads.compare(Decimal("90"), [Decimal("90")] * 3).position == "equal_all"
    assert reads.compare(Decimal("90"), []) is None


def test_big_values_and_percent_text():
    c = reads.compare(Decimal("1234.56"), [Decimal("1000.00"), Decimal("1000.00"), Decimal("1000.00")])
    assert c.vs_median.text == "R$ 234,56 acima (23,5% a mais)"
    assert reads.percent_text(Decimal("-3.45")) == "3,5%"
