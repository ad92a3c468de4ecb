"""The Núcleo de Governança Digital's records (Resolução 002/2021/NGD arts. 1 §3, 2 and 3):

- `plan`: the yearly Plano de Implementação de Serviços Públicos — cycles, agencies' nominations
  of priority services, and each approved service's digitisation track (stages, milestones,
  budget, risks, status updates);
- `exceptions`: requests to deliver a digital service on another platform, with their action plan
  and the Núcleo's decision;
- `mti`: MTI's Catálogo de Serviços Padronizados (prices compared with the market, approved by the
  Núcleo), technical justifications for new technologies, and integration guidance pages.
"""

from .exceptions import ExceptionAction, ExceptionDecision, ExceptionRequest
from .mti import GuidancePage, MarketReference, PriceVersion, StandardService, TechJustification
from .plan import Milestone, Nomination, PlanCycle, Risk, StatusUpdate, Track

__all__ = [
    "ExceptionAction",
    "ExceptionDecision",
    "ExceptionRequest",
    "GuidancePage",
    "MarketReference",
    "Milestone",
    "Nomination",
    "PlanCycle",
    "PriceVersion",
    "Risk",
    "StandardService",
    "StatusUpdate",
    "TechJustification",
    "Track",
]
