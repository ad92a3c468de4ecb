"""Password reset (asked by CPF) and password change forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from plataforma.common.fields import CPFFormField

from ..models import User
from .sign_up import NewPasswordMixin, new_password_fields


class CPFRequestForm(forms.Form):
    """Only a CPF: used to ask for a password reset or a new confirmation link."""

    cpf = CPFFormField(label=_("CPF"), error_messages={"required": _("Informe o seu CPF.")})


class SetPasswordForm(NewPasswordMixin, forms.Form):
    """A new password for `user` (after a reset link)."""

    password1, password2 = new_password_fields()

    def __init__(self, user: User, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        self._check_new_password(self.user)
        return cleaned


class PasswordChangeForm(SetPasswordForm):
    """A new password for the signed-in person, who must type the current one."""

    current_password = forms.CharField(
        label=_("Senha atual"),
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Informe a sua senha atual.")},
    )

    field_order = ["current_password", "password1", "password2"]

    def clean_current_password(self) -> str:
        password = self.cleaned_data["current_password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("A senha atual não confere."), code="password_incorrect")
        return password

    def clean(self):
        cleaned = super().clean()
        new = cleaned.get("password1")
        if new and new == cleaned.get("current_password"):
            self.add_error("password1", _("A nova senha precisa ser diferente da atual."))
        return cleaned
