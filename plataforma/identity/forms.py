from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from plataforma.common.fields import CPFFormField


class CPFAuthenticationForm(AuthenticationForm):
    username = CPFFormField(label=_("CPF"), help_text=_("Somente números ou no formato 000.000.000-00."))
    password = forms.CharField(
        label=_("Senha"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    error_messages = {
        "invalid_login": _("CPF ou senha incorretos. Confira os dados e tente novamente."),
        "inactive": _("Esta conta está desativada."),
    }
