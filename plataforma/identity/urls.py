from django.contrib.auth import views as auth_views
from django.urls import path

from .forms import CPFAuthenticationForm

app_name = "identity"

urlpatterns = [
    path(
        "entrar/",
        auth_views.LoginView.as_view(
            template_name="identity/login.html", authentication_form=CPFAuthenticationForm
        ),
        name="login",
    ),
    path("sair/", auth_views.LogoutView.as_view(), name="logout"),
]
