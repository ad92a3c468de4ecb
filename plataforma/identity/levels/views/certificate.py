"""Sign-in and level ouro with an ICP-Brasil certificate (/conta/nivel/certificado/).

GET explains and shows the button; POST (CSRF-protected, so no other site can trigger it) reads
the certificate the TLS proxy passed on and:
- signed out: a valid certificate whose CPF has an account signs that account in (amr x509,
  acr ouro) and raises it to ouro; without an account, a page suggests creating one;
- signed in: the certificate's CPF must be the account's; then the account goes to ouro.
Any refused certificate answers 400 (403 for a header from an untrusted address) with the reason
in Portuguese, and nothing changes.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plataforma.identity.auth_flow import complete_sign_in, record_event, safe_next
from plataforma.identity.models import Level, SecurityEvent

from .. import selectors, services
from ..certificates import CertificateError, PersonCertificate, certificate_from_request
from ..forms import NextForm
from ..models import LevelValidation
from .common import CERTIFICATE_LIMIT, over_limit, too_many


def _refuse(request: HttpRequest, message, *, status: int, next_url: str) -> HttpResponse:
    return render(
        request, "levels/certificate_refused.html", {"message": message, "next_url": next_url}, status=status
    )


def _raise(request: HttpRequest, user, cert: PersonCertificate) -> None:
    services.level_raise(
        user=user,
        level=Level.OURO,
        method=LevelValidation.Method.CERTIFICATE,
        actor=user,
        certificate=cert,
        request=request,
    )


@require_http_methods(["GET", "POST"])
def certificate(request: HttpRequest) -> HttpResponse:
    form = NextForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        return render(
            request, "400.html", {"errors": [_("O endereço de retorno é longo demais.")]}, status=400
        )
    raw_next = form.cleaned_data["next"]
    if request.method == "GET":
        return render(request, "levels/certificate.html", {"form": form, "next_url": raw_next})
    if over_limit(request, CERTIFICATE_LIMIT, per_user=False):
        return too_many(request)
    try:
        cert = certificate_from_request(request)
    except CertificateError as exc:
        return _refuse(request, exc.message, status=exc.status, next_url=raw_next)
    user = request.user
    if user.is_authenticated:
        if cert.cpf != user.cpf:
            return _refuse(
                request,
                _("O CPF do certificado não é o CPF da sua conta. Use um certificado emitido em seu nome."),
                status=403,
                next_url=raw_next,
            )
        with transaction.atomic():
            _raise(request, user, cert)
            services.sign_in_step_up(request=request, level=Level.OURO, amr=["x509"])
        messages.success(request, _("Certificado conferido. A sua conta agora tem o nível Ouro."))
        return redirect(safe_next(request, raw_next, default=reverse("levels:raise")))
    person = selectors.person_by_cpf(cpf=cert.cpf)
    if person is None:
        return render(request, "levels/certificate_no_account.html", status=404)
    with transaction.atomic():
        _raise(request, person, cert)
        record_event(
            person,
            SecurityEvent.Kind.CERTIFICATE_SIGN_IN,
            request,
            issuer=cert.issuer,
            fingerprint=cert.fingerprint,
        )
    return complete_sign_in(request, person, amr=["x509"], next_url=safe_next(request, raw_next))
