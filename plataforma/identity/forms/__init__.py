"""Forms of MT Login accounts."""

from .account import ProfileForm
from .passwords import CPFRequestForm, PasswordChangeForm, SetPasswordForm
from .sign_in import CPFAuthenticationForm, SignInForm
from .sign_up import MobilePhoneField, SignUpForm

__all__ = [
    "CPFAuthenticationForm",
    "CPFRequestForm",
    "MobilePhoneField",
    "PasswordChangeForm",
    "ProfileForm",
    "SetPasswordForm",
    "SignInForm",
    "SignUpForm",
]
