"""Forms of the administration pages. They only shape input; rules live in services."""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from plataforma.common.fields import CNPJFormField

from .models import IssuedCertificate, MemberClass, Subsystem
from .models.registry import HTTP_METHODS

MAX_UPLOAD = 1024 * 1024


class UploadField(forms.FileField):
    """A small text upload (CSR, OpenAPI, certificate), read into memory with a size cap."""

    def __init__(self, *args, max_bytes: int = MAX_UPLOAD, **kwargs):
        self.max_bytes = max_bytes
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if not uploaded:
            return b""
        if uploaded.size > self.max_bytes:
            raise forms.ValidationError(_("O arquivo é grande demais."))
        return uploaded.read()


class MemberForm(forms.Form):
    member_class = forms.ModelChoiceField(
        label=_("Classe do membro"), queryset=MemberClass.objects.order_by("code"), empty_label=None
    )
    code = CNPJFormField(
        label=_("CNPJ"), help_text=_("Somente o CNPJ do órgão ou entidade, com ou sem pontuação.")
    )
    name = forms.CharField(label=_("Nome"), max_length=200)
    agency = forms.ModelChoiceField(
        label=_("Órgão no catálogo (opcional)"),
        queryset=None,
        required=False,
        help_text=_("Ligue o membro ao órgão do catálogo: os gestores do órgão passam a administrá-lo."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = apps.get_model("catalog", "Agency").objects.filter(is_active=True)


class SubsystemForm(forms.Form):
    code = forms.CharField(label=_("Código"), max_length=64, help_text=_("Por exemplo: DETRAN-VEICULOS."))
    name = forms.CharField(label=_("Nome do sistema"), max_length=200)
    message_log = forms.ChoiceField(
        label=_("Registro de mensagens"),
        choices=Subsystem.MessageLog.choices,
        help_text=_(
            "Somente metadados: o corpo das mensagens não é guardado no registro do servidor de segurança."
        ),
    )


class ServerForm(forms.Form):
    code = forms.CharField(
        label=_("Código do servidor"), max_length=64, help_text=_("Por exemplo: ss-detran.")
    )
    address = forms.CharField(label=_("Endereço (host:porta)"), max_length=260)


class ChooseSubsystemForm(forms.Form):
    subsystem = forms.ModelChoiceField(
        label=_("Subsistema"), queryset=Subsystem.objects.none(), empty_label=None
    )

    def __init__(self, *args, subsystems=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subsystem"].queryset = subsystems if subsystems is not None else Subsystem.objects.none()


class ServiceForm(forms.Form):
    subsystem = forms.ModelChoiceField(
        label=_("Subsistema provedor"), queryset=Subsystem.objects.none(), empty_label=None
    )
    code = forms.CharField(label=_("Código do serviço"), max_length=64, help_text=_("Por exemplo: veiculos."))
    title = forms.CharField(label=_("Título"), max_length=200)
    description = forms.CharField(
        label=_("Descrição"), max_length=3000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    personal_data = forms.BooleanField(label=_("O serviço trata dados pessoais"), required=False)
    openapi = UploadField(
        label=_("Descrição OpenAPI 3 (JSON)"),
        required=False,
        help_text=_("As operações do serviço são lidas dos caminhos (paths) da descrição."),
    )

    def __init__(self, *args, subsystems=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subsystem"].queryset = subsystems if subsystems is not None else Subsystem.objects.none()


class ServiceEditForm(forms.Form):
    title = forms.CharField(label=_("Título"), max_length=200)
    description = forms.CharField(
        label=_("Descrição"), max_length=3000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    personal_data = forms.BooleanField(label=_("O serviço trata dados pessoais"), required=False)


class OpenAPIForm(forms.Form):
    openapi = UploadField(label=_("Nova descrição OpenAPI 3 (JSON)"))


class EndpointForm(forms.Form):
    method = forms.ChoiceField(label=_("Método"), choices=[(m, m) for m in HTTP_METHODS])
    path = forms.CharField(label=_("Caminho"), max_length=300, help_text=_("Por exemplo: /veiculos/{placa}."))
    summary = forms.CharField(label=_("Resumo (opcional)"), max_length=300, required=False)


class RightForm(forms.Form):
    subject = forms.ChoiceField(label=_("Quem pode chamar (subsistema cliente ou grupo global)"))
    method = forms.ChoiceField(
        label=_("Método"), choices=[("*", _("Qualquer método")), *[(m, m) for m in HTTP_METHODS]]
    )
    path = forms.CharField(
        label=_("Caminho"),
        max_length=300,
        initial="**",
        help_text=_(
            "** libera todos os caminhos; /veiculos/{placa} um caminho; "
            "/veiculos/** tudo abaixo de /veiculos."
        ),
    )

    def __init__(self, *args, subjects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = list(subjects)


class CsrForm(forms.Form):
    csr = UploadField(
        label=_("Pedido de certificado (CSR, PEM ou DER)"),
        max_bytes=16 * 1024,
        help_text=_(
            "Gere a chave no próprio servidor de segurança; a chave privada nunca é enviada à central."
        ),
    )


class RevokeForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Motivo da revogação"), choices=IssuedCertificate.RevocationReason.choices
    )


class GroupForm(forms.Form):
    code = forms.CharField(label=_("Código do grupo"), max_length=64)
    description = forms.CharField(label=_("Descrição"), max_length=300)


class ExternalCaForm(forms.Form):
    name = forms.CharField(label=_("Nome da autoridade certificadora"), max_length=200)
    certificate = UploadField(label=_("Certificado da AC (PEM)"), max_bytes=64 * 1024)
