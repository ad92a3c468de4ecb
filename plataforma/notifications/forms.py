from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class PreferenceForm(forms.Form):
    """The person's channels besides the notification centre (Lei 14.129 art. 27)."""

    email = forms.BooleanField(
        label=_("Receber também por e-mail"),
        required=False,
        help_text=_(
            "As notificações sempre aparecem aqui no portal. Marque para receber uma cópia no seu "
            "e-mail confirmado."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self) -> bool:
        wanted = self.cleaned_data["email"]
        if wanted and not self.user.email:
            raise forms.ValidationError(
                _(
                    "Você não tem e-mail cadastrado. Cadastre um em “Alterar meus dados” "
                    "antes de escolher o e-mail."
                ),
                code="no_email",
            )
        return wanted
