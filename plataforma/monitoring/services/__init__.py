from .evaluations import EvaluationInput, evaluation_submit
from .indicators import indicators_rebuild, indicators_refresh, indicators_update

__all__ = [
    "EvaluationInput",
    "evaluation_submit",
    "indicators_rebuild",
    "indicators_refresh",
    "indicators_update",
]
