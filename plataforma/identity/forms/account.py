"""The person's own data ("Minha conta")."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import User
from .sign_up import PersonalDataForm


class ProfileForm(PersonalDataForm):
    current_password = forms.CharField(
        label=_("Senha atual (para trocar o e-mail)"),
        required=False,
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Só é pedida se você trocar o e-mail, para confirmar que é você."),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["email"].help_text = _(
            "Se você trocar o e-mail, o novo endereço só passa a valer depois de confirmado pelo link."
        )

    def email_changes(self) -> bool:
        """Whether the e-mail typed asks for a new address (not the current nor the pending one)."""
        email = self.cleaned_data.get("email")
        return bool(email) and email not in (self.user.email, self.user.pending_email)

    def clean(self):
        """A new e-mail is the way to take over an account (the reset links go there), so it needs
        the current password on the same form (security review M5; OWASP ASVS 4.0 V3.7.1)."""
        cleaned = super().clean()
        if self.email_changes():
            password = cleaned.get("current_password", "")
            if not password:
                self.add_error("current_password", _("Para trocar o e-mail, informe a sua senha atual."))
            elif not self.user.check_password(password):
                self.add_error("current_password", _("A senha atual não confere."))
        cleaned.pop("current_password", None)
        return cleaned

    @classmethod
    def initial_for(cls, user: User) -> dict:
        return {
            "full_name": user.full_name,
            "social_name": user.social_name,
            "email": user.pending_email or user.email,
            "phone_number": user.phone_number,
        }
