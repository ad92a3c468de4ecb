"""Sign-up: CPF, names, e-mail, optional mobile phone and a password (issue #3, Accounts)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from plataforma.common.fields import CPFFormField

from ..models import User
from ..validators import format_mobile_phone, normalise_mobile_phone, validate_new_password


class MobilePhoneField(forms.CharField):
    """A Brazilian mobile number, cleaned to E.164 (+55…)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 25)
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Celular (opcional)"))
        kwargs.setdefault("help_text", _("Com DDD, por exemplo (65) 99999-8888."))
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel-national"})
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalise_mobile_phone(value) if value else ""

    def prepare_value(self, value):
        return format_mobile_phone(value) if value else value


class NewPasswordMixin:
    """`password1` + `password2`, checked against every password rule (validate_new_password)."""

    def _check_new_password(self, user: User) -> None:
        password1 = self.cleaned_data.get("password1")
        password2 = self.cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("As duas senhas não são iguais."))
            return
        if password1:
            try:
                validate_new_password(password1, user=user)
            except ValidationError as exc:
                self.add_error("password1", exc)


def new_password_fields() -> tuple[forms.CharField, forms.CharField]:
    return (
        forms.CharField(
            label=_("Nova senha"),
            strip=False,
            max_length=200,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
            help_text=_(
                "Pelo menos 10 caracteres. Evite senhas comuns, só números ou parecidas com seus dados."
            ),
            error_messages={"required": _("Escolha uma senha.")},
        ),
        forms.CharField(
            label=_("Repita a senha"),
            strip=False,
            max_length=200,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
            error_messages={"required": _("Repita a senha para confirmar.")},
        ),
    )


class PersonalDataForm(forms.Form):
    """Names, e-mail and mobile phone, as the sign-up and the "Meus dados" forms ask for them."""

    full_name = forms.CharField(
        label=_("Nome completo"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Informe o seu nome completo.")},
    )
    social_name = forms.CharField(
        label=_("Nome social (opcional)"),
        max_length=200,
        required=False,
        help_text=_("O nome pelo qual você quer ser chamado, se for diferente do nome de registro."),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Informe o seu e-mail."), "invalid": _("Informe um e-mail válido.")},
    )
    phone_number = MobilePhoneField()

    def clean_full_name(self) -> str:
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name.split(" ")) < 2:
            raise ValidationError(_("Informe o nome completo, com sobrenome."), code="short_name")
        return name

    def clean_social_name(self) -> str:
        return " ".join(self.cleaned_data["social_name"].split())

    def clean_email(self) -> str:
        return User.objects.normalize_email(self.cleaned_data["email"]).lower()


class SignUpForm(NewPasswordMixin, PersonalDataForm):
    cpf = CPFFormField(label=_("CPF"), error_messages={"required": _("Informe o seu CPF.")})
    password1, password2 = new_password_fields()
    field_order = ["cpf", "full_name", "social_name", "email", "phone_number", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _("Enviaremos um link para confirmar o endereço.")

    def clean(self):
        cleaned = super().clean()
        probe = User(
            cpf=cleaned.get("cpf", ""),
            full_name=cleaned.get("full_name", ""),
            social_name=cleaned.get("social_name", ""),
            email=cleaned.get("email", ""),
        )
        self._check_new_password(probe)
        return cleaned
