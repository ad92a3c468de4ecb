"""Views of the second factor (thin: validate, call a service, render)."""
