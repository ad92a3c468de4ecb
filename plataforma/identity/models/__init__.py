from .accounts import AgencyRole, Level, User, UserManager
from .address import PostalAddress
from .security import SecurityEvent, SignInSession

__all__ = ["AgencyRole", "Level", "PostalAddress", "SecurityEvent", "SignInSession", "User", "UserManager"]
