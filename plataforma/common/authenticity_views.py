"""The public verification page /autenticidade/ and its JSON twin (ADR 0018).

Anyone, signed in or not, types the code printed on a document (or follows the QR code, which
links to ?codigo=…) and sees what the platform registered: kind, reference, title, issuer, the
masked holder name, when it was issued, the content digest — or that the code is unknown or the
document was cancelled. Nothing else about the holder is ever shown (LGPD). Lookups are limited
per client address so that codes cannot be guessed by brute force (80 random bits make that
hopeless anyway; the limit keeps scrapers off the database).
"""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .authcodes import authcode_display, authcode_normalise, authenticated_document_verify
from .calendar import CUIABA
from .models import AuthenticatedDocument
from .net import client_ip
from .ratelimit import Limit, hit

AUTHENTICITY_LIMIT = Limit("common.authenticity", 30, 60)


class AuthenticityForm(forms.Form):
    codigo = forms.CharField(
        label=gettext_lazy("Código de autenticação"),
        max_length=40,
        help_text=gettext_lazy(
            "São 16 letras e números, impressos no documento em quatro grupos, "
            "por exemplo: 7K3M-9QXD-2HRT-V8WA."
        ),
        error_messages={
            "required": gettext_lazy("Informe o código de autenticação impresso no documento."),
            "max_length": gettext_lazy("O código tem 16 letras e números; confira o que foi digitado."),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )

    def clean_codigo(self) -> str:
        code = authcode_normalise(self.cleaned_data["codigo"])
        if code is None:
            raise forms.ValidationError(
                _("Este não é um código válido: são 16 letras e números, como 7K3M-9QXD-2HRT-V8WA.")
            )
        return code


def _over_limit(request: HttpRequest) -> bool:
    return not hit(AUTHENTICITY_LIMIT, client_ip(request))


def _page(request: HttpRequest, context: dict, *, status: int = 200) -> HttpResponse:
    return render(request, "common/authenticity.html", context, status=status)


@never_cache
@require_GET
def authenticity(request: HttpRequest) -> HttpResponse:
    """GET without `codigo`: the empty form. GET with `codigo`: the result — 200 for a
    registered document (authentic or cancelled), 404 for an unknown code, 400 for text that
    cannot be a code, 429 over the limit."""
    if "codigo" not in request.GET:
        return _page(request, {"form": AuthenticityForm()})
    if _over_limit(request):
        response = render(request, "common/rate_limited.html", status=429)
        response["Retry-After"] = str(AUTHENTICITY_LIMIT.seconds)
        return response
    form = AuthenticityForm(request.GET)
    if not form.is_valid():
        return _page(request, {"form": form}, status=400)
    code = form.cleaned_data["codigo"]
    document = authenticated_document_verify(code=code)
    if document is None:
        return _page(
            request, {"form": form, "not_found": True, "display_code": authcode_display(code)}, status=404
        )
    form = AuthenticityForm(initial={"codigo": document.display_code})
    digest = document.content_digest
    digest_groups = [digest[i : i + 8] for i in range(0, len(digest), 8)]
    return _page(request, {"form": form, "document": document, "digest_groups": digest_groups})


def _iso(moment) -> str | None:
    return timezone.localtime(moment, CUIABA).isoformat() if moment else None


def _document_json(document: AuthenticatedDocument) -> dict:
    return {
        "codigo": document.display_code,
        "situacao": "cancelado" if document.is_revoked else "autentico",
        "tipo": document.kind,
        "tipo_descricao": document.kind_label,
        "referencia": document.reference,
        "titulo": document.title,
        "emissor": document.issuer_label,
        "titular": document.subject_label,
        "emitido_em": _iso(document.issued_at),
        "cancelado_em": _iso(document.revoked_at),
        "resumo_sha256": document.content_digest,
    }


@never_cache
@require_GET
def authenticity_json(request: HttpRequest, code: str) -> JsonResponse:
    """Machine-readable twin of the page: 200 with the registered data, 404 when unknown or
    malformed, 429 over the limit. Same fields as the page, nothing more."""
    if _over_limit(request):
        response = JsonResponse(
            {
                "situacao": "limite_excedido",
                "detalhe": _("Muitas consultas em pouco tempo. Aguarde um minuto."),
            },
            status=429,
            json_dumps_params={"ensure_ascii": False},
        )
        response["Retry-After"] = str(AUTHENTICITY_LIMIT.seconds)
        return response
    document = authenticated_document_verify(code=code) if authcode_normalise(code) else None
    if document is None:
        return JsonResponse(
            {"situacao": "nao_encontrado", "detalhe": _("Nenhum documento tem este código de autenticação.")},
            status=404,
            json_dumps_params={"ensure_ascii": False},
        )
    return JsonResponse(_document_json(document), json_dumps_params={"ensure_ascii": False})
