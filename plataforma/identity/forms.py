from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from plataforma.common.fields import CPFFormField


class CPFAuthenticationForm(AuthenticationForm):
    """Sign-in with CPF (with or without punctuation) and password. MT Login (issue #3) adds
    multi-factor authentication and brute-force protection."""

    username = CPFFormField(
        label=_("CPF"),
        help_text=_("Somente números ou no formato 000.000.000-00."),
        error_messages={"required": _("Informe o seu CPF.")},
    )
    password = forms.CharField(
        label=_("Senha"),
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Informe a sua senha.")},
    )

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
