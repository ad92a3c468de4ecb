"""Input of the second-factor pages. Every field is bounded; every error is in Portuguese."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .services.recovery import normalize_recovery_code


class TOTPCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Código de 6 dígitos do aplicativo"),
        max_length=12,
        error_messages={"required": _("Informe o código de 6 dígitos que aparece no aplicativo.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}),
    )

    def clean_code(self) -> str:
        digits = re.sub(r"\s", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", digits):
            raise forms.ValidationError(_("O código tem 6 dígitos, só números."))
        return digits


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Código de recuperação"),
        max_length=20,
        help_text=_("No formato xxxx-xxxx, como na lista que você guardou. Cada código vale uma vez."),
        error_messages={"required": _("Informe um dos seus códigos de recuperação.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "size": 12}),
    )

    def clean_code(self) -> str:
        code = normalize_recovery_code(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(_("O código de recuperação tem o formato xxxx-xxxx."))
        return code


class PasswordConfirmForm(forms.Form):
    """Sensitive changes ask for the password again, on the same form."""

    password = forms.CharField(
        label=_("Sua senha"),
        max_length=128,
        strip=False,
        help_text=_("Para sua segurança, confirme a senha antes desta mudança."),
        error_messages={"required": _("Informe a sua senha.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Senha incorreta."))
        return password


class SecurityKeyNameForm(forms.Form):
    name = forms.CharField(
        label=_("Nome da chave"),
        max_length=60,
        help_text=_("Um nome para você reconhecer a chave, por exemplo “Chave USB azul” ou “Celular”."),
        error_messages={
            "required": _("Dê um nome à chave."),
            "max_length": _("Use no máximo 60 caracteres."),
        },
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Dê um nome à chave."))
        return name
