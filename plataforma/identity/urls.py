from django.contrib.auth import views as auth_views
from django.urls import path

from .forms import CPFAuthenticationForm

app_name = "identity"


class SignInView(auth_views.LoginView):
    """CPF + password sign-in (MT Login with MFA is issue #3). A rejected attempt answers 400
    with the errors in Portuguese, like every other form of the platform."""

    template_name = "identity/login.html"
    authentication_form = CPFAuthenticationForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


urlpatterns = [
    path("entrar/", SignInView.as_view(), name="login"),
    path("sair/", auth_views.LogoutView.as_view(), name="logout"),
]
