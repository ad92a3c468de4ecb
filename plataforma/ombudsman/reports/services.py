"""Writes of the relatórios de gestão (Lei 13.460 arts. 14 II and 15; ADR 0032): the ouvidoria
saves its draft of the "análise e recomendações" and publishes it. Each write checks the role
first, then acts in one transaction with the report row locked, and leaves an audit row."""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plataforma.common.audit import audit_record
from plataforma.common.documents import is_valid_cpf

from ..services.common import clean_text
from .access import can_edit_report
from .models import ADDRESSEE_MAX_LENGTH, MIN_YEAR, TEXT_MAX_LENGTH, ManagementReport, ReportStatus
from .selectors.figures import compute_figures
from .selectors.reports import current_year

# Eleven digits written as a CPF usually is (with or without dots and dash).
_CPF_LIKE = re.compile(r"(?<![\d])\d{3}\.?\d{3}\.?\d{3}-?\d{2}(?![\d])")

FIELDS = {
    "analysis": (gettext_lazy("Análise dos pontos recorrentes e das falhas"), TEXT_MAX_LENGTH),
    "recommendations": (gettext_lazy("Melhorias sugeridas"), TEXT_MAX_LENGTH),
    "addressed_to": (gettext_lazy("Autoridade a quem o relatório é encaminhado"), ADDRESSEE_MAX_LENGTH),
}


def _check_role(actor, agency) -> None:
    if not can_edit_report(actor, agency):
        raise PermissionDenied(_("Só a ouvidoria responsável escreve e publica este relatório."))


def _check_year(year: int) -> None:
    if not isinstance(year, int) or isinstance(year, bool) or not MIN_YEAR <= year <= current_year():
        raise ValidationError(
            {"year": _("Escolha um ano entre %(de)d e %(ate)d.") % {"de": MIN_YEAR, "ate": current_year()}}
        )


def _clean(values: dict[str, object]) -> dict[str, str]:
    """The texts as typed (line breaks normalised, control characters removed); too long or with
    a CPF in them → field errors, nothing saved. The report is public: it never names a person."""
    cleaned, errors = {}, {}
    for field, (label, max_length) in FIELDS.items():
        try:
            text = clean_text(
                values.get(field, ""), field=field, label=str(label), max_length=max_length, required=False
            )
        except ValidationError as exc:
            errors.update(exc.message_dict)
            continue
        if field == "addressed_to" and "\n" in text:
            errors[field] = [_("Escreva a autoridade em uma linha só.")]
        elif any(is_valid_cpf(m.group(0)) for m in _CPF_LIKE.finditer(text)):
            errors[field] = [
                _(
                    "O texto tem um número de CPF. O relatório é público: retire nomes, CPFs e qualquer "
                    "dado que identifique uma pessoa."
                )
            ]
        cleaned[field] = text
    if errors:
        raise ValidationError(errors)
    return cleaned


def _locked_report(*, year: int, agency) -> tuple[ManagementReport, bool]:
    """The report row of (year, agency), created if missing, locked for this transaction. Two
    people creating it at once meet the unique constraint; the loser reads the winner's row."""
    qs = ManagementReport.objects.select_for_update().filter(year=year)
    qs = qs.filter(agency__isnull=True) if agency is None else qs.filter(agency=agency)
    found = qs.first()
    if found is not None:
        return found, False
    try:
        with transaction.atomic():
            return ManagementReport.objects.create(year=year, agency=agency), True
    except IntegrityError:
        return qs.get(), False


def _audit(actor, report: ManagementReport, action: str, changes: dict) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=report,
        changes={
            "year": report.year,
            "agency": str(report.agency_id) if report.agency_id else "estado",
            **changes,
        },
    )


def report_draft_save(
    *, actor, year: int, agency=None, analysis: str, recommendations: str, addressed_to: str
) -> ManagementReport:
    """Save the ouvidoria's draft. The public page does not change until it is published."""
    _check_role(actor, agency)
    _check_year(year)
    texts = _clean({"analysis": analysis, "recommendations": recommendations, "addressed_to": addressed_to})
    with transaction.atomic():
        report, created = _locked_report(year=year, agency=agency)
        changed = [f for f in FIELDS if getattr(report, f"draft_{f}") != texts[f]]
        if not changed and not created:
            return report
        for field in FIELDS:
            setattr(report, f"draft_{field}", texts[field])
        report.draft_updated_at = timezone.now()
        report.draft_updated_by = actor
        report.save()
        _audit(actor, report, "ombudsman.report.draft_save", {"fields": changed, "created": created})
    return report


def report_publish(*, actor, year: int, agency=None) -> ManagementReport:
    """Publish the draft (art. 15 §único II). Only a past year: the report covers the
    manifestações of the previous year (art. 15 I). The first publication freezes the year's
    figures; a later one (a correction) publishes the texts again and keeps the figures."""
    _check_role(actor, agency)
    _check_year(year)
    if year >= current_year():
        raise ValidationError(
            {
                "year": _(
                    "O relatório de %(ano)d só pode ser publicado depois que o ano terminar: ele trata das "
                    "manifestações do ano anterior (Lei 13.460, art. 15, I)."
                )
                % {"ano": year}
            }
        )
    with transaction.atomic():
        report, _created = _locked_report(year=year, agency=agency)
        texts = _clean(
            {
                "analysis": report.draft_analysis,
                "recommendations": report.draft_recommendations,
                "addressed_to": report.draft_addressed_to,
            }
        )
        missing = {
            field: [_("Preencha %(label)s antes de publicar.") % {"label": str(label).lower()}]
            for field, (label, _max) in FIELDS.items()
            if not texts[field]
        }
        if missing:
            raise ValidationError(missing)
        if report.is_published and all(getattr(report, f) == texts[f] for f in FIELDS):
            raise ValidationError(
                _("Esta versão já está publicada. Altere o texto antes de publicar de novo.")
            )
        now = timezone.now()
        first = not report.is_published
        if first:
            report.figures = compute_figures(year=year, agency=agency, now=now)
            report.figures_at = now
            report.first_published_at = now
        for field in FIELDS:
            setattr(report, field, texts[field])
        report.status = ReportStatus.PUBLISHED
        report.revision += 1
        report.published_at = now
        report.published_by = actor
        report.save()
        _audit(
            actor,
            report,
            "ombudsman.report.publish",
            {"revision": report.revision, "first_publication": first},
        )
    return report
