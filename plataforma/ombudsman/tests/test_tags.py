"""The inbox's cells written in Python (status tag, deadline): words and icons, never colour
alone, and the date in Cuiabá's time zone."""

from datetime import UTC, datetime
from types import SimpleNamespace

from django.template import Context, Template

from plataforma.ombudsman.models import Status


def _render(source: str, **context) -> str:
    prefix = '{% load tz ombudsman_tags %}{% timezone "America/Cuiaba" %}'
    template = Template(prefix + source + "{% endtimezone %}")
    return template.render(Context(context))


def test_status_tag_shows_the_words_and_an_icon_per_status():
    row = SimpleNamespace(status=Status.ARCHIVED, get_status_display=lambda: "Arquivada")
    html = _render("{% status_tag row %}", row=row)
    assert 'class="br-tag text ouv-status ouv-status-arquivada"' in html
    assert "fa-archive" in html and "Arquivada" in html
    row = SimpleNamespace(status=Status.RECEIVED, get_status_display=lambda: "<Recebida>")
    html = _render("{% status_tag row %}", row=row)
    assert "fa-hourglass-half" in html and "&lt;Recebida&gt;" in html


def test_deadline_cell_gives_each_state_in_words_and_the_local_day():
    # 02:00 UTC on the 10th is still the 9th in Cuiabá (UTC-4)
    due = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
    late = _render("{% deadline_cell due state %}", due=due, state="atrasada")
    assert "09/03/2026" in late and "<strong>Vencido</strong>" in late and "fa-exclamation-triangle" in late
    assert "Vence em breve" in _render("{% deadline_cell due 'em_breve' %}", due=due)
    assert "Suspenso" in _render("{% deadline_cell due 'suspenso' %}", due=due)
    assert "No prazo" in _render("{% deadline_cell due 'no_prazo' %}", due=due)
    assert _render("{% deadline_cell due 'encerrada' %}", due=due) == "—"
