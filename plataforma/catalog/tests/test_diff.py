"""The readable comparison of two versions of a service's content."""

import pytest

from plataforma.catalog.content import ServiceContent
from plataforma.catalog.diff import Segment, diff_content, text_segments

from .factories import content_data


def doc(**overrides):
    """A content document as stored in ServiceVersion.content."""
    return ServiceContent.model_validate(content_data(**overrides)).model_dump(mode="json")


def by_label(changes):
    return {c.label: c for c in changes}


def test_identical_versions_have_no_differences():
    assert diff_content(doc(), doc()) == []


def test_text_changes_are_shown_word_by_word():
    assert text_segments("Peça a segunda via em uma unidade.", "Peça a segunda via pela internet.") == [
        Segment("equal", "Peça a segunda via "),
        Segment("delete", "em uma unidade."),
        Segment("insert", "pela internet."),
    ]
    assert text_segments("", "Novo texto") == [Segment("insert", "Novo texto")]
    assert text_segments("linha 1\nlinha 2", "linha 1\nlinha 3")[-2:] == [
        Segment("delete", "2"),
        Segment("insert", "3"),
    ]


def test_fields_are_labelled_in_portuguese_with_before_and_after_values():
    old = doc()
    new = doc(
        name="Emitir a segunda via do RG",
        keywords=["documento", "RG"],
        total_time={"kind": "ate", "max": 10, "unit": "dias-uteis"},
        is_digital=True,
        digital_url="https://www.mt.gov.br/rg",
        min_login_level="prata",
    )
    changes = by_label(diff_content(old, new))
    assert changes["Nome"].kind == "text"
    assert Segment("insert", "a ") in changes["Nome"].segments or any(
        s.op == "insert" for s in changes["Nome"].segments
    )
    assert (changes["Palavras-chave"].added, changes["Palavras-chave"].removed) == (["RG"], ["identificação"])
    assert (changes["Tempo total estimado"].before, changes["Tempo total estimado"].after) == (
        "Até 15 dias úteis",
        "Até 10 dias úteis",
    )
    assert (changes["Serviço digital"].before, changes["Serviço digital"].after) == ("Não", "Sim")
    assert changes["Endereço do serviço digital"].before == "—"
    assert (
        changes["Nível mínimo da conta MT Login"].before,
        changes["Nível mínimo da conta MT Login"].after,
    ) == (
        "Bronze",
        "Prata",
    )
    assert "Descrição" not in changes  # unchanged fields are not listed


def _step(title, **extra):
    return {"title": title, "description": "", "documents": [], "costs": [], "channels": [], **extra}


def test_a_step_inserted_in_the_middle_is_one_added_step_not_every_later_step_changed():
    old = doc(steps=[_step("Agendar"), _step("Comparecer"), _step("Retirar")])
    new = doc(steps=[_step("Agendar"), _step("Pagar a taxa"), _step("Comparecer"), _step("Retirar")])
    changes = diff_content(old, new)
    assert len(changes) == 1
    assert changes[0].label == "Etapas" and changes[0].added == ["Etapa 2: Pagar a taxa"]


def test_changes_inside_a_step_are_labelled_with_the_step():
    old = doc(
        steps=[
            _step("Agendar", documents=["RG"], channels=[{"type": "web", "address": "https://a.mt.gov.br"}])
        ]
    )
    new = doc(
        steps=[
            _step(
                "Agendar",
                description="Escolha o dia.",
                documents=["RG", "CPF"],
                channels=[{"type": "presencial", "description": "Ganha Tempo"}],
                costs=[{"description": "Taxa", "value": "25.5"}],
            )
        ],
        is_free=False,
    )
    changes = by_label(diff_content(old, new))
    assert changes["Etapa 1 (Agendar) — Documentos"].added == ["CPF"]
    assert changes["Etapa 1 (Agendar) — Descrição"].segments == [Segment("insert", "Escolha o dia.")]
    assert changes["Etapa 1 (Agendar) — Custos"].added == ["Taxa — R$ 25,50"]
    channels = changes["Etapa 1 (Agendar) — Canais de prestação"]
    assert channels.added == ["Presencial — Ganha Tempo"] and channels.removed == [
        "Internet — https://a.mt.gov.br"
    ]
    assert (changes["Gratuito"].before, changes["Gratuito"].after) == ("Sim", "Não")


def test_removed_requesters_and_legislation_are_listed():
    old = doc(
        requesters=[{"type": "Cidadão"}, {"type": "Procurador"}],
        legislation=[{"title": "Lei 13.460/2017", "url": "https://www.planalto.gov.br/l13460"}],
    )
    new = doc(requesters=[{"type": "Cidadão"}], legislation=[])
    changes = by_label(diff_content(old, new))
    assert changes["Quem pode solicitar"].removed == ["Procurador"]
    assert changes["Legislação"].removed == ["Lei 13.460/2017 — https://www.planalto.gov.br/l13460"]


def test_categories_and_units_are_shown_by_name_when_a_resolver_is_given():
    old, new = doc(categories=["saude"]), doc(categories=["saude", "transito"], unit_ids=["u1"])
    changes = by_label(
        diff_content(
            old,
            new,
            category_names=lambda slugs: {"saude": "Saúde", "transito": "Trânsito"},
            unit_names=lambda ids: {"u1": "Ganha Tempo Centro (Cuiabá/MT)"},
        )
    )
    assert changes["Áreas de interesse"].added == ["Trânsito"]
    assert changes["Unidades de atendimento"].added == ["Ganha Tempo Centro (Cuiabá/MT)"]


def test_a_draft_started_from_nothing_compares_against_an_empty_document():
    changes = by_label(diff_content({}, doc()))
    assert changes["Nome"].segments == [Segment("insert", "Emitir segunda via da carteira de identidade")]
    assert changes["Etapas"].added == ["Etapa 1: Agendar o atendimento"]


@pytest.mark.parametrize(
    "bad", [{"total_time": {"kind": "ate"}}, {"document_validity": {"kind": "determinada"}}]
)
def test_malformed_old_documents_do_not_break_the_comparison(bad):
    changes = diff_content({**doc(), **bad}, doc())
    assert isinstance(changes, list)
