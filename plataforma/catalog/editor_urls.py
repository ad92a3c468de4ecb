app_name = "catalog_editor"
urlpatterns: list = []
