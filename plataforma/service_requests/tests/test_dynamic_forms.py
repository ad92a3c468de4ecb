"""The citizen's request form built from a FormSpec: every field type, prefill (once-only), files."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from ..documents import document_store
from ..dynamic_forms import build_request_form, normalise_phone, parse_brazilian_decimal
from ..formspec import FormSpec
from ..models import Document
from .editor.samples import EXE, JPEG, PDF, PNG, documents_dir, upload
from .factories import citizen

__all__ = ["documents_dir"]


def version(*fields: dict[str, Any]):
    spec = FormSpec.model_validate({"fields": list(fields)})
    return SimpleNamespace(form_spec=spec)


def make(fields, data=None, files=None, known=None, documents=None):
    form_class = build_request_form(version=version(*fields), known=known or {}, documents=documents)
    return form_class(data=data or {}, files=MultiValueDict(files or {}))


def field(key: str, type_: str, **rules) -> dict[str, Any]:
    return {"key": key, "type": type_, "label": key.capitalize(), **rules}


# --- text ----------------------------------------------------------------------------------------


def test_text_lengths_are_enforced_at_both_ends():
    spec = field("placa", "text", min_length=7, max_length=8)
    assert make([spec], {"placa": "QBX1A23"}).is_valid()
    assert make([spec], {"placa": "QBX1A234"}).is_valid()
    short = make([spec], {"placa": "QBX1A2"})
    assert not short.is_valid() and "7" in short.errors["placa"][0]
    assert not make([spec], {"placa": "QBX1A2345"}).is_valid()


def test_a_required_field_left_blank_gets_a_portuguese_error_and_an_optional_one_is_empty():
    form = make([field("nome", "text"), field("obs", "textarea", required=False)], {"nome": "  "})
    assert not form.is_valid()
    assert form.errors["nome"] == ["Este campo é obrigatório."]
    form = make([field("nome", "text"), field("obs", "textarea", required=False)], {"nome": "Ana"})
    assert form.is_valid()
    assert form.answers() == {"nome": "Ana", "obs": ""}


# --- number --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "parsed"),
    [
        ("1.234,56", "1234.56"),
        ("1234,5", "1234.5"),
        ("1.234", "1234"),
        ("12.5", "12.5"),
        ("R$ 10,00", "10.00"),
    ],
)
def test_brazilian_numbers_are_understood(typed, parsed):
    assert parse_brazilian_decimal(typed) == parsed


def test_number_bounds_and_decimal_places():
    spec = field("valor", "number", min_value="0", max_value="10000", decimal_places=2)
    form = make([spec], {"valor": "1.234,5"})
    assert form.is_valid(), form.errors
    assert form.answers() == {"valor": "1234.50"}
    assert make([spec], {"valor": "10.000,00"}).is_valid()
    assert not make([spec], {"valor": "10.000,01"}).is_valid()
    assert not make([spec], {"valor": "-1"}).is_valid()
    assert not make([spec], {"valor": "1,234"}).is_valid()  # three decimal places
    assert not make([spec], {"valor": "doze"}).is_valid()


def test_a_whole_number_field_accepts_trailing_zero_cents_only():
    spec = field("quantidade", "number", decimal_places=0)
    form = make([spec], {"quantidade": "3,00"})
    assert form.is_valid() and form.answers() == {"quantidade": "3"}
    assert not make([spec], {"quantidade": "3,5"}).is_valid()


# --- date ----------------------------------------------------------------------------------------


def test_date_rules():
    today = timezone.localdate()
    past = field("nascimento", "date", no_future_dates=True)
    assert make([past], {"nascimento": today.isoformat()}).is_valid()
    form = make([past], {"nascimento": (today + timedelta(days=1)).isoformat()})
    assert not form.is_valid() and form.errors["nascimento"] == ["A data não pode ser depois de hoje."]
    future = field("agendamento", "date", no_past_dates=True)
    assert not make([future], {"agendamento": (today - timedelta(days=1)).isoformat()}).is_valid()
    bounded = field("venda", "date", min_date="2024-01-01", max_date="2024-12-31")
    assert make([bounded], {"venda": "31/12/2024"}).is_valid()
    form = make([bounded], {"venda": "2023-12-31"})
    assert not form.is_valid() and "01/01/2024" in form.errors["venda"][0]
    assert not make([bounded], {"venda": "2025-01-01"}).is_valid()
    form = make([bounded], {"venda": "31/02/2024"})
    assert not form.is_valid() and "data válida" in form.errors["venda"][0]


def test_date_answers_are_iso_and_the_input_is_a_date_picker():
    form = make([field("venda", "date")], {"venda": "05/03/2024"})
    assert form.is_valid() and form.answers() == {"venda": "2024-03-05"}
    assert 'type="date"' in str(form["venda"])


# --- CPF, CNPJ, e-mail, phone --------------------------------------------------------------------


def test_cpf_and_cnpj_are_checked_and_kept_as_digits():
    fields = [field("comprador", "cpf"), field("empresa", "cnpj")]
    form = make(fields, {"comprador": "529.982.247-25", "empresa": "11.222.333/0001-81"})
    assert form.is_valid(), form.errors
    assert form.answers() == {"comprador": "52998224725", "empresa": "11222333000181"}
    form = make(fields, {"comprador": "529.982.247-26", "empresa": "11.222.333/0001-80"})
    assert not form.is_valid()
    assert form.errors["comprador"] == ["Informe um CPF válido (11 dígitos)."]
    assert form.errors["empresa"] == ["Informe um CNPJ válido (14 dígitos)."]


def test_email():
    assert make([field("email", "email")], {"email": "maria@exemplo.com.br"}).is_valid()
    assert not make([field("email", "email")], {"email": "maria@"}).is_valid()


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("(65) 99999-8888", "+5565999998888"),
        ("+55 65 99999-8888", "+5565999998888"),
        ("065 3613-0000", "+556536130000"),
        ("(65) 3613-0000", "+556536130000"),
    ],
)
def test_brazilian_phones_are_stored_in_e164(typed, e164):
    assert normalise_phone(typed) == e164
    form = make([field("telefone", "phone")], {"telefone": typed})
    assert form.is_valid() and form.answers() == {"telefone": e164}


@pytest.mark.parametrize("typed", ["(20) 99999-8888", "(65) 1613-0000", "99999-8888", "abc"])
def test_invalid_phones_are_refused(typed):
    form = make([field("telefone", "phone")], {"telefone": typed})
    assert not form.is_valid() and "DDD" in form.errors["telefone"][0]


# --- choices and yes/no --------------------------------------------------------------------------

CHOICES = [{"value": f"o{i}", "label": f"Opção {i}"} for i in range(1, 7)]


def test_choice_uses_radios_up_to_five_options_and_a_select_beyond():
    few = make([field("cor", "choice", choices=CHOICES[:5])])
    many = make([field("cor", "choice", choices=CHOICES)])
    assert few["cor"].widget_type == "radioselect"
    assert many["cor"].widget_type == "select"
    form = make([field("cor", "choice", choices=CHOICES)], {"cor": "o6"})
    assert form.is_valid() and form.answers() == {"cor": "o6"}
    form = make([field("cor", "choice", choices=CHOICES)], {"cor": "o9"})
    assert not form.is_valid()
    assert form.errors["cor"][0].startswith("Faça uma escolha válida")


def test_multichoice_respects_max_selected():
    spec = field("dias", "multichoice", choices=CHOICES, max_selected=2)
    form = make([spec], MultiValueDict({"dias": ["o1", "o3"]}))
    assert form.is_valid() and form.answers() == {"dias": ["o1", "o3"]}
    form = make([spec], MultiValueDict({"dias": ["o1", "o2", "o3"]}))
    assert not form.is_valid() and "no máximo 2" in form.errors["dias"][0]
    form = make([spec], {})
    assert form.errors["dias"] == ["Escolha pelo menos uma opção."]


def test_yesno_required_means_an_answer_must_be_chosen():
    spec = field("financiado", "yesno")
    form = make([spec], {})
    assert form.errors["financiado"] == ["Responda sim ou não."]
    form = make([spec], {"financiado": "nao"})
    assert form.is_valid() and form.answers() == {"financiado": False}
    form = make([spec], {"financiado": "sim"})
    assert form.is_valid() and form.answers() == {"financiado": True}
    optional = make([field("financiado", "yesno", required=False)], {})
    assert optional.is_valid() and optional.answers() == {"financiado": None}


# --- address (CEP) -------------------------------------------------------------------------------

ADDRESS = {
    "endereco-cep": "78049-903",
    "endereco-logradouro": "Av. Historiador Rubens de Mendonça",
    "endereco-numero": "s/n",
    "endereco-complemento": "",
    "endereco-bairro": "Centro Político Administrativo",
    "endereco-municipio": "Cuiabá",
    "endereco-uf": "MT",
}


def test_address_is_asked_in_parts_and_answered_as_a_dict():
    form = make([field("endereco", "cep")], ADDRESS)
    assert form.is_valid(), form.errors
    assert form.answers()["endereco"] == {
        "cep": "78049903",
        "logradouro": "Av. Historiador Rubens de Mendonça",
        "numero": "s/n",
        "complemento": "",
        "bairro": "Centro Político Administrativo",
        "municipio": "Cuiabá",
        "uf": "MT",
    }
    assert len(form.fields["endereco-uf"].choices) == 28  # 27 UFs and the empty option


def test_address_errors_are_per_part():
    form = make([field("endereco", "cep")], {**ADDRESS, "endereco-cep": "7804-903", "endereco-uf": "XX"})
    assert not form.is_valid()
    assert "8 dígitos" in form.errors["endereco-cep"][0]
    assert "endereco-uf" in form.errors
    assert "endereco-bairro" not in form.errors


def test_an_optional_address_is_all_or_nothing():
    spec = field("endereco", "cep", required=False)
    empty = make([spec], {})
    assert empty.is_valid() and empty.answers() == {"endereco": None}
    partial = make([spec], {"endereco-cep": "78049903"})
    assert not partial.is_valid()
    assert "endereco-logradouro" in partial.errors and "endereco-complemento" not in partial.errors


def test_an_address_field_starts_with_the_persons_address_when_known():
    known = {
        "person.address": {
            "cep": "78000000",
            "street": "Rua A",
            "number": "10",
            "city": "Cuiabá",
            "state": "MT",
        }
    }
    form = build_request_form(version=version(field("endereco", "cep")), known=known, documents=None)()
    assert form["endereco-logradouro"].value() == "Rua A"
    assert form["endereco-uf"].value() == "MT"


def test_address_renders_as_a_fieldset_with_a_legend():
    html = render_to_string(
        "service_requests/widgets/request_form.html", {"form": make([field("endereco", "cep")])}
    )
    assert "<fieldset" in html and "<legend" in html and "Endereco" in html
    assert 'for="id_endereco-cep"' in html


# --- prefill (once-only) -------------------------------------------------------------------------

KNOWN = {
    "person.full_name": "Maria da Silva Souza",
    "person.cpf": "52998224725",
    "person.email": "maria@exemplo.com.br",
    "person.phone": "+5565999998888",
    "person.address": {
        "cep": "78049903",
        "street": "Rua B",
        "number": "1",
        "complement": "",
        "district": "Centro",
        "city": "Cuiabá",
        "state": "MT",
    },
    "company.cnpj": "11222333000181",
}
PREFILLED = [
    field("nome", "text", prefill="person.full_name"),
    field("cpf", "cpf", prefill="person.cpf"),
    field("email", "email", prefill="person.email"),
    field("celular", "phone", prefill="person.phone"),
    field("endereco", "cep", prefill="person.address"),
    field("cnpj", "cnpj", prefill="company.cnpj"),
]


def test_prefilled_fields_are_listed_not_asked_and_cannot_be_overridden_by_post():
    posted = {
        "nome": "Outra Pessoa",
        "cpf": "390.533.447-05",
        "email": "x@y.z",
        "cnpj": "00000000000000",
        **ADDRESS,
    }
    form = make(PREFILLED, posted, known=KNOWN)
    assert form.is_valid(), form.errors
    assert list(form.fields) == []
    answers = form.answers()
    assert answers["nome"] == "Maria da Silva Souza"
    assert answers["cpf"] == "52998224725"
    assert answers["email"] == "maria@exemplo.com.br"
    assert answers["celular"] == "+5565999998888"
    assert answers["cnpj"] == "11222333000181"
    assert answers["endereco"]["logradouro"] == "Rua B" and answers["endereco"]["uf"] == "MT"
    items = dict(form.known_items())
    assert items["Cpf"] == "529.982.247-25"
    assert items["Celular"] == "(65) 99999-8888"
    assert "CEP 78049-903" in items["Endereco"]
    html = render_to_string("service_requests/widgets/request_form.html", {"form": form})
    assert "Dados que já temos" in html and "<input" not in html


def test_a_required_prefilled_field_whose_value_is_unknown_is_asked():
    form = make(PREFILLED, {}, known={"person.full_name": "Maria"})
    assert "nome" not in form.fields
    assert form.fields["cpf"].required and form.fields["email"].required
    assert "endereco-cep" in form.fields and "cnpj" in form.fields
    assert not form.is_valid() and "cpf" in form.errors


# --- files ---------------------------------------------------------------------------------------

CONTRACT = field("contrato", "file", file_kinds=["pdf", "jpeg", "png"], max_files=2, max_file_mb=1)


def test_files_are_checked_by_content_and_returned_for_storing():
    form = make([CONTRACT], files={"contrato": [upload("contrato.pdf", PDF), upload("foto.jpg", JPEG)]})
    assert form.is_valid(), form.errors
    choices = form.file_choices()["contrato"]
    assert [u.name for u in choices["uploads"]] == ["contrato.pdf", "foto.jpg"]
    assert choices["reuse"] == []
    assert form.answers() == {}


def test_an_executable_renamed_pdf_is_refused_with_a_field_error():
    form = make([CONTRACT], files={"contrato": [upload("contrato.pdf", EXE, "application/pdf")]})
    assert not form.is_valid()
    assert "conteúdo do arquivo" in form.errors["contrato"][0]


def test_a_pdf_renamed_png_is_refused_where_only_images_are_accepted():
    spec = field("foto", "file", file_kinds=["png", "jpeg"])
    form = make([spec], files={"foto": [upload("foto.png", PDF, "image/png")]})
    assert not form.is_valid() and "PNG ou JPEG" in form.errors["foto"][0]


def test_file_count_and_size_limits():
    too_many = [upload(f"{i}.png", PNG) for i in range(3)]
    form = make([CONTRACT], files={"contrato": too_many})
    assert not form.is_valid() and "no máximo 2" in form.errors["contrato"][0]
    big = upload("grande.pdf", PDF + b"0" * (1024 * 1024))
    form = make([CONTRACT], files={"contrato": [big]})
    assert not form.is_valid() and "mais de 1 MB" in form.errors["contrato"][0]
    form = make([CONTRACT])
    assert not form.is_valid() and "Envie um arquivo" in form.errors["contrato"][0]
    assert make([{**CONTRACT, "required": False}]).is_valid()


def test_the_file_input_says_what_it_accepts():
    form = make([CONTRACT])
    html = str(form["contrato"])
    assert "multiple" in html and 'type="file"' in html
    assert "PDF, JPEG ou PNG" in form.fields["contrato"].help_text
    assert "1 MB" in form.fields["contrato"].help_text


@pytest.mark.django_db
def test_documents_already_held_can_be_reused_instead_of_uploaded(documents_dir):
    person, other = citizen(), citizen()
    mine = document_store(owner=person, upload=upload("rg.pdf", PDF), allowed_kinds=["pdf"], max_mb=1)
    webp_only = field("foto", "file", file_kinds=["webp"])
    theirs = document_store(owner=other, upload=upload("x.pdf", PDF), allowed_kinds=["pdf"], max_mb=1)
    documents = Document.objects.filter(owner=person)
    form = make([CONTRACT, webp_only], files={}, data={"contrato-reuse": [str(mine.pk)]}, documents=documents)
    assert "contrato-reuse" in form.fields and "foto-reuse" not in form.fields  # kinds filter
    form = make([CONTRACT], data=MultiValueDict({"contrato-reuse": [str(mine.pk)]}), documents=documents)
    assert form.is_valid(), form.errors
    assert form.file_choices()["contrato"] == {"uploads": [], "reuse": [mine]}
    # Somebody else's document cannot be picked by posting its id.
    form = make([CONTRACT], data=MultiValueDict({"contrato-reuse": [str(theirs.pk)]}), documents=documents)
    assert not form.is_valid() and "contrato-reuse" in form.errors
    # Reused and uploaded files count together.
    form = make(
        [CONTRACT],
        data=MultiValueDict({"contrato-reuse": [str(mine.pk)]}),
        files={"contrato": [upload("a.png", PNG), upload("b.png", PNG)]},
        documents=documents,
    )
    assert not form.is_valid() and "no máximo 2" in form.errors["contrato"][0]


def test_every_input_is_described_by_its_help_and_error():
    spec = field("placa", "text", help_text="Como está no documento.", min_length=7)
    form = make([spec], {"placa": "abc"})
    form.is_valid()
    html = render_to_string("service_requests/widgets/request_form.html", {"form": form})
    assert 'aria-describedby="id_placa_helptext id_placa_error"' in html
    assert 'id="id_placa_error"' in html and 'id="id_placa_helptext"' in html
    yesno = make([field("financiado", "yesno", help_text="Se há alienação.")], {})
    yesno.is_valid()
    html = render_to_string("service_requests/widgets/request_form.html", {"form": yesno})
    assert 'aria-describedby="id_financiado_helptext id_financiado_error"' in html
