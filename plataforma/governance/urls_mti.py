"""Routes of the governance part 'mti' (see urls.py)."""

urlpatterns: list = []
