"""Routes of the governance part 'exceptions' (see urls.py)."""

urlpatterns: list = []
