"""A readable comparison of two versions of a service's Carta content (two ServiceContent
documents as stored in ServiceVersion.content), field by field, with Portuguese labels.

The output is plain data for a template: a list of `FieldChange`, each either
- "text": the new text as segments marked equal / insert / delete (word by word, via difflib),
- "list": items added and removed (popular names, documents, costs, channels, legislation…),
- "value": a short value before and after (time, validity, yes/no, login level…).
Steps and requesters are paired by title (then by position), so inserting a step in the
middle shows one added step rather than every later step as changed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plataforma.common.text import fold

from .content import CHANNEL_LABELS, LEVEL_LABELS, DocumentValidity, TimeEstimate

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Segment:
    op: str  # "equal", "insert" or "delete"
    text: str


@dataclass
class FieldChange:
    label: str
    kind: str  # "text", "list" or "value"
    segments: list[Segment] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    before: str = ""
    after: str = ""


def text_segments(old: str, new: str) -> list[Segment]:
    """Word-level differences between two texts; whitespace (line breaks included) is kept."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    segments: list[Segment] = []

    def push(op: str, tokens: list[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if segments and segments[-1].op == op:
            segments[-1] = Segment(op, segments[-1].text + text)
        else:
            segments.append(Segment(op, text))

    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        push("delete", deleted)
        push("insert", inserted)
        deleted.clear()
        inserted.clear()

    for n, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            # A lone space between two changes reads better inside them: "em uma" → "pela".
            between = 0 < n < len(opcodes) - 1 and "".join(a[i1:i2]).isspace()
            if between and (deleted or inserted):
                deleted += a[i1:i2]
                inserted += b[j1:j2]
                continue
            flush()
            push("equal", a[i1:i2])
        else:
            deleted += a[i1:i2]
            inserted += b[j1:j2]
    flush()
    return segments


def _text_change(label: str, old: Any, new: Any) -> FieldChange | None:
    old, new = str(old or ""), str(new or "")
    if old == new:
        return None
    return FieldChange(label=label, kind="text", segments=text_segments(old, new))


def _list_change(label: str, old: list[str], new: list[str]) -> FieldChange | None:
    removed = [item for item in old if item not in new]
    added = [item for item in new if item not in old]
    if not removed and not added:
        if old == new:
            return None
        return FieldChange(label=label, kind="value", before=" · ".join(old), after=" · ".join(new))
    return FieldChange(label=label, kind="list", added=added, removed=removed)


def _value_change(label: str, old: str, new: str) -> FieldChange | None:
    if old == new:
        return None
    return FieldChange(label=label, kind="value", before=old or "—", after=new or "—")


def _yes_no(value: Any) -> str:
    return _("Sim") if value else _("Não")


def _time(value: Any) -> str:
    try:
        return str(TimeEstimate.model_validate(value or {}))
    except ValueError:
        return _("Não estimado")


def _validity(value: Any) -> str:
    try:
        return str(DocumentValidity.model_validate(value or {}))
    except ValueError:
        return _("Não se aplica")


def _money(value: Any) -> str:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    return "R$ " + f"{amount:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


def _cost_label(cost: Mapping[str, Any]) -> str:
    text = str(cost.get("description", ""))
    if cost.get("value") not in (None, ""):
        text += " — " + _money(cost["value"])
    if cost.get("variable"):
        text += " " + _("(valor variável)")
    return text


def _channel_label(channel: Mapping[str, Any]) -> str:
    parts = [CHANNEL_LABELS.get(str(channel.get("type", "")), str(channel.get("type", "")))]
    parts += [str(channel[k]) for k in ("description", "address") if channel.get(k)]
    text = ": ".join(parts[:1]) + (" — " + " — ".join(parts[1:]) if parts[1:] else "")
    if channel.get("estimated_wait"):
        text += " (" + _("espera: %s") % _time(channel["estimated_wait"]) + ")"
    return text


def _legislation_label(item: Mapping[str, Any]) -> str:
    title = str(item.get("title", ""))
    return f"{title} — {item['url']}" if item.get("url") else title


def _pair(old: list[dict], new: list[dict], key: str) -> list[tuple[int | None, int | None]]:
    """Pair items of two lists by their `key` (folded), the rest by position within each gap."""
    a = [fold(str(item.get(key, ""))) for item in old]
    b = [fold(str(item.get(key, ""))) for item in new]
    pairs: list[tuple[int | None, int | None]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            pairs += list(zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        olds, news = list(range(i1, i2)), list(range(j1, j2))
        common = min(len(olds), len(news)) if tag == "replace" else 0
        pairs += list(zip(olds[:common], news[:common], strict=True))
        pairs += [(i, None) for i in olds[common:]]
        pairs += [(None, j) for j in news[common:]]
    return pairs


def _step_changes(old: list[dict], new: list[dict]) -> list[FieldChange]:
    changes: list[FieldChange] = []
    added: list[str] = []
    removed: list[str] = []
    for i, j in _pair(old, new, "title"):
        if i is None:
            added.append(_("Etapa %(n)s: %(title)s") % {"n": j + 1, "title": new[j].get("title", "")})
            continue
        if j is None:
            removed.append(_("Etapa %(n)s: %(title)s") % {"n": i + 1, "title": old[i].get("title", "")})
            continue
        a, b = old[i], new[j]
        where = _("Etapa %(n)s (%(title)s)") % {"n": j + 1, "title": b.get("title", "")}
        candidates = [
            _text_change(f"{where} — {_('Título')}", a.get("title"), b.get("title")),
            _text_change(f"{where} — {_('Descrição')}", a.get("description"), b.get("description")),
            _list_change(f"{where} — {_('Documentos')}", a.get("documents", []), b.get("documents", [])),
            _list_change(
                f"{where} — {_('Custos')}",
                [_cost_label(c) for c in a.get("costs", [])],
                [_cost_label(c) for c in b.get("costs", [])],
            ),
            _list_change(
                f"{where} — {_('Canais de prestação')}",
                [_channel_label(c) for c in a.get("channels", [])],
                [_channel_label(c) for c in b.get("channels", [])],
            ),
        ]
        changes += [c for c in candidates if c]
    if added or removed:
        changes.insert(0, FieldChange(label=_("Etapas"), kind="list", added=added, removed=removed))
    return changes


def _requester_changes(old: list[dict], new: list[dict]) -> list[FieldChange]:
    changes: list[FieldChange] = []
    added: list[str] = []
    removed: list[str] = []
    for i, j in _pair(old, new, "type"):
        if i is None:
            added.append(str(new[j].get("type", "")))
        elif j is None:
            removed.append(str(old[i].get("type", "")))
        else:
            a, b = old[i], new[j]
            where = _("Quem pode solicitar: %s") % b.get("type", "")
            for change in (
                _text_change(f"{where} — {_('Tipo')}", a.get("type"), b.get("type")),
                _text_change(f"{where} — {_('Requisitos')}", a.get("requirements"), b.get("requirements")),
            ):
                if change:
                    changes.append(change)
    if added or removed:
        changes.insert(
            0, FieldChange(label=_("Quem pode solicitar"), kind="list", added=added, removed=removed)
        )
    return changes


TEXT_FIELDS = [
    ("priority_treatment", gettext_lazy("Prioridades de atendimento")),
    ("expected_wait", gettext_lazy("Tempo de espera previsto")),
    ("communication_channels", gettext_lazy("Canais de comunicação com o usuário")),
    ("manifestation_handling", gettext_lazy("Como reclamar, sugerir ou elogiar (manifestações)")),
    ("status_consultation", gettext_lazy("Como consultar o andamento")),
    ("accessibility_conditions", gettext_lazy("Condições de acessibilidade")),
]

AUDIENCE_LABELS = {
    "cidadao": gettext_lazy("Cidadão"),
    "empresa": gettext_lazy("Empresa"),
    "servidor": gettext_lazy("Servidor público"),
}


def diff_content(
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any] | None,
    *,
    category_names: Callable[[list[str]], Mapping[str, str]] | None = None,
    unit_names: Callable[[list[str]], Mapping[str, str]] | None = None,
) -> list[FieldChange]:
    """Every difference between two content documents, in the order of the Carta's fields.

    `category_names` and `unit_names` turn slugs and ids into names (the caller reads them
    from the database); without them the raw identifiers are shown.
    """
    old, new = dict(old or {}), dict(new or {})

    def lst(doc: Mapping[str, Any], key: str) -> list:
        return list(doc.get(key) or [])

    def named(ids_old: list[str], ids_new: list[str], resolver) -> tuple[list[str], list[str]]:
        names = dict(resolver(sorted(set(ids_old) | set(ids_new)))) if resolver else {}
        return [names.get(i, i) for i in ids_old], [names.get(i, i) for i in ids_new]

    categories = named(lst(old, "categories"), lst(new, "categories"), category_names)
    units = named(lst(old, "unit_ids"), lst(new, "unit_ids"), unit_names)

    candidates: list[FieldChange | None] = [
        _text_change(_("Nome"), old.get("name"), new.get("name")),
        _value_change(_("Sigla"), old.get("acronym", ""), new.get("acronym", "")),
        _list_change(_("Nomes populares"), lst(old, "popular_names"), lst(new, "popular_names")),
        _text_change(_("Descrição"), old.get("description"), new.get("description")),
        _list_change(
            _("Público"),
            [str(AUDIENCE_LABELS.get(a, a)) for a in lst(old, "audiences")],
            [str(AUDIENCE_LABELS.get(a, a)) for a in lst(new, "audiences")],
        ),
        _list_change(_("Áreas de interesse"), *categories),
    ]
    candidates += _requester_changes(lst(old, "requesters"), lst(new, "requesters"))
    candidates += _step_changes(lst(old, "steps"), lst(new, "steps"))
    candidates += [
        _value_change(_("Tempo total estimado"), _time(old.get("total_time")), _time(new.get("total_time"))),
        _value_change(_("Gratuito"), _yes_no(old.get("is_free", True)), _yes_no(new.get("is_free", True))),
        _value_change(
            _("Validade do documento"),
            _validity(old.get("document_validity")),
            _validity(new.get("document_validity")),
        ),
        _value_change(_("Serviço digital"), _yes_no(old.get("is_digital")), _yes_no(new.get("is_digital"))),
        _value_change(
            _("Endereço do serviço digital"), old.get("digital_url") or "", new.get("digital_url") or ""
        ),
        _value_change(
            _("Nível mínimo da conta MT Login"),
            LEVEL_LABELS.get(old.get("min_login_level", "bronze"), ""),
            LEVEL_LABELS.get(new.get("min_login_level", "bronze"), ""),
        ),
        _list_change(_("Unidades de atendimento"), *units),
    ]
    candidates += [_text_change(str(label), old.get(key), new.get(key)) for key, label in TEXT_FIELDS]
    candidates += [
        _list_change(
            _("Legislação"),
            [_legislation_label(x) for x in lst(old, "legislation")],
            [_legislation_label(x) for x in lst(new, "legislation")],
        ),
        _list_change(_("Palavras-chave"), lst(old, "keywords"), lst(new, "keywords")),
    ]
    return [c for c in candidates if c]
