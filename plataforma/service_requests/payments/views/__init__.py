from .citizen import simulate_payment
from .reconciliation import reconciliation, reconciliation_csv
from .webhook import webhook

__all__ = ["reconciliation", "reconciliation_csv", "simulate_payment", "webhook"]
