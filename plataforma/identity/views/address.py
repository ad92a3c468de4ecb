"""'Minha conta → Endereço': the postal address the request forms prefill (once-only,
Lei 13.460 art. 5 XV)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from plataforma.common.documents import only_digits

from ..addresses import ADDRESS_FIELDS, postal_address_update
from ..models.address import State


class AddressForm(forms.Form):
    cep = forms.CharField(
        label=gettext_lazy("CEP"),
        max_length=9,
        help_text=gettext_lazy("8 algarismos, por exemplo 78000-000."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    street = forms.CharField(
        label=gettext_lazy("Logradouro (rua, avenida…)"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    number = forms.CharField(
        label=gettext_lazy("Número"),
        max_length=20,
        help_text=gettext_lazy("Se não houver, escreva s/n."),
    )
    complement = forms.CharField(
        label=gettext_lazy("Complemento"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line2"}),
    )
    district = forms.CharField(label=gettext_lazy("Bairro"), max_length=100)
    city = forms.CharField(
        label=gettext_lazy("Município"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    state = forms.ChoiceField(
        label=gettext_lazy("UF"),
        choices=[("", gettext_lazy("Escolha a UF")), *State.choices],
        widget=forms.Select(attrs={"autocomplete": "address-level1"}),
    )

    def clean_cep(self) -> str:
        raw = self.cleaned_data["cep"]
        digits = only_digits(raw)
        if len(digits) != 8 or not raw.replace("-", "").replace(".", "").strip().isdigit():
            raise forms.ValidationError(_("O CEP tem 8 algarismos, por exemplo 78000-000."))
        return digits


@login_required
@require_http_methods(["GET", "POST"])
def address_edit(request: HttpRequest) -> HttpResponse:
    address = getattr(request.user, "postal_address", None)
    initial = {name: getattr(address, name) for name in ADDRESS_FIELDS} if address else {}
    if address is not None:
        initial["cep"] = address.formatted_cep
    form = AddressForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "identity/address_edit.html", {"form": form}, status=400)
        _address, changed = postal_address_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Endereço salvo.") if changed else _("Nada foi alterado."))
        return HttpResponseRedirect(reverse("identity:account"))
    return render(request, "identity/address_edit.html", {"form": form})
