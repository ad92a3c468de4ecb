"""Reads of the relatórios de gestão and of the ranking the monitoring panel shows (ADR 0032)."""
