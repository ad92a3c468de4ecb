"""Writes of the conselhos de usuários (HackSoft services)."""
