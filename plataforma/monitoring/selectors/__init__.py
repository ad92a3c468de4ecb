"""Reads of the monitoring app: what a requester may still rate, and the panel's figures."""

from .evaluations import rating_steps_open
from .panel import (
    PanelSummary,
    agency_for_panel,
    available_years,
    catalogue_snapshot,
    indicator_rows_for_export,
    last_refresh,
    panel_summary,
    scheduling_rows_for_export,
    service_for_panel,
)

__all__ = [
    "PanelSummary",
    "agency_for_panel",
    "available_years",
    "catalogue_snapshot",
    "indicator_rows_for_export",
    "last_refresh",
    "panel_summary",
    "rating_steps_open",
    "scheduling_rows_for_export",
    "service_for_panel",
]
