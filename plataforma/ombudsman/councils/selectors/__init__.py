"""Reads of the conselhos de usuários."""
