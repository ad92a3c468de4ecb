"""Routes of the governance part 'plan' (see urls.py)."""

urlpatterns: list = []
