"""Forms of the ouvidoria's pages. They only read and shape the input; the rules live in the
services, whose errors come back on the fields (views.common.apply_errors).

Long texts have no `maxlength` attribute: a browser would silently cut a pasted text, and
nothing a person writes may be lost — the service refuses a too-long text with a clear message."""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from plataforma.common.fields import CPFFormField

from .models import Channel, Kind, Status, Subject
from .models.handling import AdoptedMeasure
from .models.manifestations import TEXT_MAX_LENGTH, ArchiveReason

TEXT_HELP = _(
    "Escreva com suas palavras. Cabe um texto longo, até %(n)s caracteres (cerca de oito páginas)."
) % {"n": f"{TEXT_MAX_LENGTH:,}".replace(",", ".")}
DESK_CHANNELS = [
    (c.value, c.label) for c in (Channel.IN_PERSON, Channel.PHONE, Channel.EMAIL, Channel.LETTER)
]


def _agencies():
    return apps.get_model("catalog", "Agency").objects.filter(is_active=True).order_by("name")


def _services():
    return (
        apps.get_model("catalog", "Service")
        .objects.filter(is_published=True)
        .select_related("agency")
        .only("id", "slug", "name", "agency__acronym")
        .order_by("name")
    )


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.agency.acronym})"


def _too_long(limit: int) -> MaxLengthValidator:
    return MaxLengthValidator(
        limit,
        message=_(
            "O texto tem %(show_value)s caracteres; o limite é %(limit_value)s. Nada foi enviado: "
            "encurte o texto."
        ),
    )


def _text(label, *, help_text=TEXT_HELP, rows=8, required=True):
    # no max_length: it would become a maxlength attribute, and browsers cut pasted text silently
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        strip=False,
        validators=[_too_long(TEXT_MAX_LENGTH)],
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class LodgeForm(forms.Form):
    """Registrar manifestação (portal). The identification choice appears only to people signed in."""

    tipo = forms.ChoiceField(label=_("Tipo de manifestação"), choices=Kind.choices, widget=forms.RadioSelect)
    identificacao = forms.ChoiceField(
        label=_("Identificação"),
        choices=[
            ("identificada", _("Identificada: a ouvidoria sabe quem sou e protege minha identidade")),
            ("anonima", _("Anônima: ninguém saberá quem sou; acompanho só com protocolo e código de acesso")),
        ],
        initial="identificada",
        widget=forms.RadioSelect,
    )
    orgao = forms.ModelChoiceField(
        label=_("Órgão (opcional)"),
        queryset=_agencies(),
        required=False,
        to_field_name="slug",
        empty_label=_("Não sei / prefiro não indicar"),
        help_text=_(
            "Sem órgão, a Ouvidoria-Geral do Estado encaminha sua manifestação a quem deve respondê-la."
        ),
    )
    servico = ServiceChoiceField(
        label=_("Serviço (opcional)"),
        queryset=_services(),
        required=False,
        to_field_name="slug",
        empty_label=_("Nenhum serviço específico"),
    )
    resumo = forms.CharField(
        label=_("Resumo"),
        max_length=200,
        help_text=_("Uma frase que descreva a manifestação, até 200 caracteres."),
    )
    relato = _text(_("Relato"))
    local = forms.CharField(label=_("Local dos fatos (opcional)"), required=False, max_length=300)
    data = forms.DateField(
        label=_("Data dos fatos (opcional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    autorizacao = forms.BooleanField(
        label=_(
            "Autorizo a ouvidoria a informar meu nome e contato à área responsável, se for preciso "
            "para resolver."
        ),
        required=False,
        help_text=_("Sem autorização, a área do órgão recebe só um extrato sem seus dados."),
    )

    def __init__(self, *args, signed_in: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not signed_in:
            del self.fields["identificacao"]
            del self.fields["autorizacao"]

    @property
    def anonymous(self) -> bool:
        return self.cleaned_data.get("identificacao", "anonima") == "anonima"


class DeskForm(LodgeForm):
    """Registrar no balcão: a manifestação recebida em pessoa, por telefone, e-mail ou carta."""

    canal = forms.ChoiceField(
        label=_("Como a manifestação chegou"), choices=DESK_CHANNELS, widget=forms.RadioSelect
    )
    cpf = CPFFormField(
        label=_("CPF de quem se manifesta"),
        required=False,
        help_text=_("O CPF basta para identificar (Lei 13.460, art. 10-A)."),
    )
    nome = forms.CharField(label=_("Nome"), required=False, max_length=200)
    email = forms.EmailField(label=_("E-mail para avisos (opcional)"), required=False)
    telefone = forms.CharField(label=_("Telefone (opcional)"), required=False, max_length=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, signed_in=True, **kwargs)
        self.fields["identificacao"].choices = [
            ("identificada", _("Identificada")),
            ("anonima", _("Anônima")),
        ]
        self.fields["autorizacao"].label = _(
            "A pessoa autoriza informar seu nome e contato à área responsável."
        )
        self.order_fields(["canal", "identificacao", "cpf", "nome", "email", "telefone"])


class FollowForm(forms.Form):
    protocolo = forms.CharField(
        label=_("Protocolo"), max_length=40, help_text=_("Por exemplo: 2026.OUV.000123-4")
    )
    codigo = forms.CharField(
        label=_("Código de acesso"),
        max_length=40,
        help_text=_("O código de 16 caracteres mostrado quando a manifestação foi registrada."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class ReplyForm(forms.Form):
    texto = _text(_("Sua resposta"))


class RateForm(forms.Form):
    resolvida = forms.TypedChoiceField(
        label=_("Sua manifestação foi resolvida?"),
        choices=[("sim", _("Sim")), ("nao", _("Não"))],
        coerce=lambda value: value == "sim",
        widget=forms.RadioSelect,
    )
    satisfacao = forms.TypedChoiceField(
        label=_("Quanto você ficou satisfeito com a resposta? (1 = nada, 5 = muito)"),
        choices=[(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comentario = forms.CharField(
        label=_("Comentário (opcional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReopenForm(forms.Form):
    motivo = _text(_("Por que você quer reabrir a manifestação?"), rows=5)


class ConsentForm(forms.Form):
    autorizo = forms.BooleanField(
        label=_("Autorizo a ouvidoria a informar meu nome e contato à área responsável, se for preciso."),
        required=False,
    )


# --- the ouvidoria -------------------------------------------------------------------------------


class InboxFilterForm(forms.Form):
    situacao = forms.ChoiceField(
        label=_("Situação"),
        required=False,
        choices=[("abertas", _("Em aberto")), ("todas", _("Todas")), *Status.choices],
    )
    tipo = forms.ChoiceField(label=_("Tipo"), required=False, choices=[("", _("Todos")), *Kind.choices])
    canal = forms.ChoiceField(label=_("Canal"), required=False, choices=[("", _("Todos")), *Channel.choices])
    prazo = forms.ChoiceField(
        label=_("Prazo"),
        required=False,
        choices=[
            ("", _("Qualquer")),
            ("vencidas", _("Vencido")),
            ("em_breve", _("Vence em até 5 dias")),
            ("no_prazo", _("No prazo")),
            ("suspenso", _("Suspenso (aguardando o usuário)")),
        ],
    )
    orgao = forms.ChoiceField(label=_("Órgão"), required=False)
    protocolo = forms.CharField(label=_("Protocolo"), required=False, max_length=40)

    def __init__(self, *args, agencies: list, general: bool, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Todos os órgãos"))] if general or len(agencies) > 1 else []
        if general:
            choices.append(("sem-orgao", _("Sem órgão (triagem)")))
        choices += [(agency.slug, f"{agency.acronym} — {agency.name}") for agency in agencies]
        self.fields["orgao"].choices = choices


class ClassifyForm(forms.Form):
    tipo = forms.ChoiceField(label=_("Tipo"), choices=Kind.choices)
    assunto = forms.ModelChoiceField(
        label=_("Assunto"),
        queryset=Subject.objects.filter(is_active=True).order_by("name"),
        required=False,
        empty_label=_("Sem assunto"),
    )


class ForwardForm(forms.Form):
    area = forms.CharField(
        label=_("Área responsável"), max_length=200, help_text=_("Por exemplo: Diretoria de Habilitação.")
    )
    extrato = _text(
        _("Extrato para a área"),
        help_text=_(
            "A área lê só este texto. CPF, e-mail, telefone e o nome do autor são retirados "
            "automaticamente; confira antes de enviar."
        ),
    )
    pergunta = _text(_("O que a ouvidoria pede à área"), help_text="", rows=4)
    compartilhar_identidade = forms.BooleanField(
        label=_("Compartilhar nome e contato do autor com a área (o autor autorizou)"), required=False
    )

    def __init__(self, *args, consent: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not consent:
            del self.fields["compartilhar_identidade"]


class QuestionForm(forms.Form):
    pergunta = _text(
        _("O que falta saber"),
        help_text=_(
            "O usuário tem 20 dias para responder. No primeiro pedido, o prazo de resposta fica "
            "suspenso até ele responder."
        ),
        rows=5,
    )


class ExtendForm(forms.Form):
    justificativa = _text(
        _("Justificativa (o usuário lê)"),
        help_text=_("A prorrogação é de 30 dias e só pode ser feita uma vez."),
        rows=4,
    )


class AnswerForm(forms.Form):
    resposta = _text(
        _("Resposta conclusiva ao usuário"),
        help_text=_("Linguagem simples. O usuário recebe esta resposta com código de autenticação."),
    )
    providencia_tipo = forms.ChoiceField(
        label=_("Providência adotada (opcional)"),
        required=False,
        choices=[("", _("Nenhuma a registrar agora")), *AdoptedMeasure.Kind.choices],
    )
    providencia_descricao = forms.CharField(
        label=_("Descrição da providência"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Publicada no relatório anual: não escreva dados pessoais."),
    )

    def clean(self):
        data = super().clean()
        if data.get("providencia_tipo") and not (data.get("providencia_descricao") or "").strip():
            self.add_error(
                "providencia_descricao", _("Descreva a providência adotada, ou deixe o tipo em branco.")
            )
        return data


class ArchiveForm(forms.Form):
    motivo = forms.ChoiceField(label=_("Motivo"), choices=ArchiveReason.choices, widget=forms.RadioSelect)
    texto = _text(_("Explicação ao usuário"), help_text="", rows=4)


class RerouteForm(forms.Form):
    orgao = forms.ModelChoiceField(label=_("Órgão competente"), queryset=_agencies(), to_field_name="slug")
    motivo = _text(_("Motivo (o usuário lê)"), help_text="", rows=3)


class MeasureForm(forms.Form):
    tipo = forms.ChoiceField(label=_("Tipo de providência"), choices=AdoptedMeasure.Kind.choices)
    descricao = forms.CharField(
        label=_("Descrição"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Publicada no relatório anual: não escreva dados pessoais."),
    )


class ReasonForm(forms.Form):
    motivo = _text(_("Motivo"), help_text="", rows=3)


class AreaAnswerForm(forms.Form):
    resposta = _text(_("Resposta da área à ouvidoria"), help_text="")


class AreaExtendForm(forms.Form):
    justificativa = _text(
        _("Justificativa"), help_text=_("A prorrogação é de 20 dias e só pode ser feita uma vez."), rows=3
    )
