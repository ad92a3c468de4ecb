"""Sign-in with CPF and password. The form checks only the shape of the input; the password is
checked by `services.password_authenticate`, behind the brute-force protection."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from plataforma.common.fields import CPFFormField


def _cpf_field() -> CPFFormField:
    return CPFFormField(
        label=_("CPF"),
        help_text=_("Somente números ou no formato 000.000.000-00."),
        error_messages={"required": _("Informe o seu CPF.")},
    )


def _password_field(autocomplete: str = "current-password") -> forms.CharField:
    return forms.CharField(
        label=_("Senha"),
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
        error_messages={"required": _("Informe a sua senha.")},
    )


class _NextField(forms.CharField):
    """Where to go after signing in (checked later by auth_flow.safe_next). An over-long value is
    cut, not refused: it is hidden, so an error on it could not be shown to the person."""

    def __init__(self):
        super().__init__(required=False, max_length=2000, widget=forms.HiddenInput)

    def to_python(self, value):
        return super().to_python(value)[: self.max_length]


class SignInForm(forms.Form):
    """CPF (with or without punctuation) and password. The field keeps Django's name `username`
    so that password managers and the existing pages recognise it."""

    username = _cpf_field()
    password = _password_field()
    next = _NextField()


class CPFAuthenticationForm(AuthenticationForm):
    """Django's AuthenticationForm with a CPF. Kept for code that needs Django's contract
    (`get_user()`); MT Login's own page uses SignInForm and the brute-force protection."""

    username = _cpf_field()
    password = _password_field()

    error_messages = {
        "invalid_login": _("CPF ou senha incorretos. Confira os dados e tente novamente."),
        "inactive": _("Esta conta está desativada."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        # AuthenticationForm limits the field to the model's 11 digits; a masked CPF has 14 characters.
        username = self.fields["username"]
        username.max_length = 14
        username.widget.attrs["maxlength"] = "14"
        username.validators = [v for v in username.validators if not hasattr(v, "limit_value")]
