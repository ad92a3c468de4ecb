"""Reads of X-VIA central (bounded, with the joins the pages need)."""
