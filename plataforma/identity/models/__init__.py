from .accounts import AgencyRole, Level, User, UserManager
from .security import SecurityEvent, SignInSession

__all__ = ["AgencyRole", "Level", "SecurityEvent", "SignInSession", "User", "UserManager"]
