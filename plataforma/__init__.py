"""Plataforma de Governo Digital de Mato Grosso (Resolução 002/2021/NGD)."""

from .celery import app as celery_app

__all__ = ("celery_app",)
