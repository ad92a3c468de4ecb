"""The seven dimensions of the gov.br evaluation model (Lei 13.460 art. 23; Lei 14.129 art. 21 V).

Each key names a nullable column `dim_<key>` on Evaluation and an entry of
MonthlyIndicator.dimensions.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

DIMENSIONS: list[tuple[str, str, str]] = [
    ("clareza", _("Clareza das informações"), _("As informações sobre o serviço eram fáceis de entender?")),
    ("facilidade", _("Facilidade de uso"), _("Foi fácil pedir e acompanhar o serviço?")),
    ("canais", _("Canais de atendimento"), _("Os canais para tirar dúvidas funcionaram bem?")),
    ("custo", _("Custo ou esforço"), _("O custo e o esforço para conseguir o serviço foram adequados?")),
    ("disponibilidade", _("Disponibilidade"), _("O serviço estava disponível quando você precisou?")),
    ("tempo", _("Tempo"), _("O tempo para concluir o pedido foi adequado?")),
    ("eficacia", _("Eficácia"), _("O serviço resolveu o que você precisava?")),
]
DIMENSION_KEYS: tuple[str, ...] = tuple(key for key, _label, _question in DIMENSIONS)
DIMENSION_LABELS: dict[str, str] = {key: label for key, label, _question in DIMENSIONS}

SCORES = (1, 2, 3, 4, 5)
SCORE_LABELS = {
    1: _("Muito insatisfeito"),
    2: _("Insatisfeito"),
    3: _("Nem satisfeito nem insatisfeito"),
    4: _("Satisfeito"),
    5: _("Muito satisfeito"),
}

CONCLUSION_STEP = "conclusao"
CONCLUSION_LABEL = _("Conclusão do pedido")


def dimension_column(key: str) -> str:
    return f"dim_{key}"
