"""Notifications: the in-platform notification centre and the channels (e-mail for now) through
which a person is also told, on the channel they prefer (Lei 14.129 arts. 21 and 27; ADR 0019)."""
