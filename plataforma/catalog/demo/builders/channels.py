"""What the builders know of the agency and of its units, and the service channels built from
them: one channel per token of a step ("web app presencial telefone email postal"), with the
expected wait of each kind of channel."""

from __future__ import annotations

from dataclasses import dataclass

from .spec import IMEDIATO, ate


@dataclass(frozen=True)
class AgencyInfo:
    acronym: str
    name: str
    website: str
    phone: str
    ombudsman_email: str
    ombudsman_phone: str
    phone_note: str = "Central de atendimento, em dias úteis"
    feminine: bool = False  # "a SEFAZ", "da SEFAZ"; "o DETRAN-MT", "do DETRAN-MT"

    @property
    def the(self) -> str:
        return f"{'a' if self.feminine else 'o'} {self.acronym}"

    @property
    def of(self) -> str:
        return f"{'da' if self.feminine else 'do'} {self.acronym}"


@dataclass(frozen=True)
class UnitInfo:
    id: str
    name: str
    address: str
    hours: str
    phone: str


_WAIT = {
    "web": IMEDIATO,
    "app": IMEDIATO,
    "presencial": ate(30, "minutos"),
    "telefone": ate(10, "minutos"),
    "email": ate(2, "dias-uteis"),
    "postal": ate(10, "dias-uteis"),
}
MT_CIDADAO = "https://www.mt.gov.br/mt-cidadao"


def step_channels(tokens: str, spec: dict, agency: AgencyInfo, units: list[UnitInfo]) -> list[dict]:
    channels: list[dict] = []
    for kind in tokens.split():
        if kind == "web":
            url = spec.get("url") or agency.website
            channels.append(
                {"type": "web", "description": f"Pela internet, no site {agency.of}", "address": url}
            )
        elif kind == "app":
            channels.append(
                {
                    "type": "aplicativo-movel",
                    "description": "Pelo aplicativo MT Cidadão, com a sua conta MT Login",
                    "address": MT_CIDADAO,
                }
            )
        elif kind == "presencial":
            if not units:  # pragma: no cover - a mistake in the hand-written data
                raise ValueError(f"atendimento presencial sem unidade: {spec['name']}")
            if len(units) == 1:
                only = units[0]
                description = f"{only.name}. {only.hours}."
                address = only.address
            else:
                description = "Atendimento presencial em: " + "; ".join(u.name for u in units) + "."
                address = ""
            if spec.get("schedule", True):
                description += " Agende o atendimento antes de ir, pelo site ou pelo MT Cidadão."
            channels.append({"type": "presencial", "description": description[:1000], "address": address})
        elif kind == "telefone":
            channels.append(
                {
                    "type": "telefone",
                    "description": agency.phone_note,
                    "address": agency.phone,
                }
            )
        elif kind == "email":
            channels.append(
                {
                    "type": "e-mail",
                    "description": "Envio de documentos por e-mail",
                    "address": spec.get("email")
                    or agency.ombudsman_email.replace("ouvidoria@", "atendimento@"),
                }
            )
        elif kind == "postal":
            channels.append(
                {
                    "type": "postal",
                    "description": "Entrega pelos Correios no endereço informado",
                    "address": "",
                }
            )
        else:  # pragma: no cover - a typo in the hand-written data
            raise ValueError(f"canal desconhecido: {kind}")
        channels[-1]["estimated_wait"] = _WAIT[kind]
    return channels


def default_channels(spec: dict, units: list[UnitInfo]) -> str:
    tokens = []
    if spec.get("url"):
        tokens.append("web")
    if units:
        tokens.append("presencial")
    return " ".join(tokens) or "telefone"
