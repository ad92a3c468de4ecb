"""Writes about accounts (sign-up, e-mail, passwords, sign-in sessions) and servants' roles."""

import hashlib
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from plataforma.common.audit import audit_record

from . import bruteforce
from .auth_flow import client_ip, device_label, end_sign_in_session, record_event
from .models import AgencyRole, Level, SecurityEvent, SignInSession, User

logger = logging.getLogger(__name__)


@transaction.atomic
def agency_role_grant(*, actor: User | None, user: User, agency, role: str) -> AgencyRole:
    """Give `user` a role in `agency`; granting a role already held changes nothing."""
    existing = AgencyRole.objects.filter(user=user, agency=agency, role=role, revoked_at__isnull=True).first()
    if existing:
        return existing
    grant = AgencyRole.objects.create(user=user, agency=agency, role=role, granted_by=actor)
    audit_record(
        actor=actor,
        action="identity.agency_role.grant",
        target=grant,
        changes={"role": role, "agency": str(agency.pk), "user": str(user.pk)},
        subject_user_id=user.pk,
    )
    return grant


@transaction.atomic
def agency_role_revoke(*, actor: User | None, grant: AgencyRole) -> AgencyRole:
    if grant.revoked_at is None:
        grant.revoked_at = timezone.now()
        grant.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            action="identity.agency_role.revoke",
            target=grant,
            changes={"role": grant.role, "agency": str(grant.agency_id)},
            subject_user_id=grant.user_id,
        )
    return grant


# --- Accounts (issue #3): sign-up, e-mail confirmation, passwords, sign-in sessions ------------
# Every account-security event goes to the owner's log (auth_flow.record_event); e-mails leave
# after the transaction commits (tasks.send_account_email), and carry no secret through the broker:
# the task builds the link itself.


def _send_after_commit(kind: str, user: User, **extra: str) -> None:
    from .tasks import send_account_email

    user_id = str(user.pk)
    transaction.on_commit(lambda: send_account_email.delay(kind=kind, user_id=user_id, **extra))


def _sign_up_attempt_notice(*, cpf: str) -> None:
    """Someone tried to create an account with a CPF that already has one: its owner is told (at
    most once per MTLOGIN_SIGN_UP_NOTICE_INTERVAL, so the form cannot flood their mailbox)."""
    owner = User.objects.filter(cpf=cpf, is_active=True).exclude(email="").first()
    if owner is None:
        return
    if cache.add(f"identity:signup-notice:{owner.pk}", 1, timeout=settings.MTLOGIN_SIGN_UP_NOTICE_INTERVAL):
        _send_after_commit("sign_up_attempt", owner)


@transaction.atomic
def account_sign_up(
    *,
    cpf: str,
    full_name: str,
    email: str,
    password: str,
    social_name: str = "",
    phone_number: str = "",
    request: HttpRequest | None = None,
) -> User | None:
    """Create a bronze account with an e-mail still to confirm. The password was validated by
    the form.

    One account per CPF (the unique key decides between two simultaneous sign-ups), but the
    answer must not tell whether a CPF has an account (LGPD art. 46, security review L3): for a
    CPF already taken nothing is created, the owner is e-mailed instead, the same password-hashing
    work is spent, and None is returned; the page shown is the same."""
    user = User(
        cpf=cpf,
        full_name=full_name,
        social_name=social_name,
        email=email,
        phone_number=phone_number,
        level=Level.BRONZE,
    )
    user.set_password(password)  # before the look-up: the same work whether the CPF is taken or not
    if User.objects.filter(cpf=cpf).exists():
        _sign_up_attempt_notice(cpf=cpf)
        return None
    user.full_clean(exclude=["password", "cpf"])
    try:
        with transaction.atomic():
            user.save(force_insert=True)
    except IntegrityError:
        _sign_up_attempt_notice(cpf=cpf)
        return None
    record_event(user, SecurityEvent.Kind.SIGN_UP, request)
    _send_after_commit("verify_email", user)
    return user


# E-mail confirmation links: signed (TimestampSigner), valid for MTLOGIN_EMAIL_LINK_MAX_AGE, and
# bound to the address to confirm, the current address and the moment it was last confirmed, so a
# link stops working once used or once the address changes.
_EMAIL_SALT = "plataforma.identity.email-confirmation"


def _email_binding(user: User) -> str:
    target = user.pending_email or user.email
    verified = user.email_verified_at.isoformat() if user.email_verified_at else "-"
    raw = f"{user.pk}|{target}|{user.email}|{verified}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def email_confirmation_token(*, user: User) -> str:
    return signing.TimestampSigner(salt=_EMAIL_SALT).sign_object(
        {"u": str(user.pk), "b": _email_binding(user)}
    )


def email_confirmation_user(*, token: str) -> User | None:
    """The account a confirmation link is for, or None if the link is forged, expired or used."""
    try:
        data = signing.TimestampSigner(salt=_EMAIL_SALT).unsign_object(
            token[:500], max_age=settings.MTLOGIN_EMAIL_LINK_MAX_AGE
        )
        user = User.objects.filter(pk=data["u"], is_active=True).first()
    except (signing.BadSignature, KeyError, TypeError, ValueError, ValidationError):
        return None
    if user is None or not secrets.compare_digest(str(data.get("b", "")), _email_binding(user)):
        return None
    return user


def email_confirmation_send(*, user: User) -> bool:
    """Send (again) the link that confirms the account's address; False when there is nothing to
    confirm. Rate limits belong to the caller."""
    if not (user.pending_email or (user.email and not user.email_verified)):
        return False
    _send_after_commit("verify_email", user)
    return True


@transaction.atomic
def email_confirm(*, user: User, request: HttpRequest | None = None) -> User:
    """Follow a confirmation link: the address it was sent to becomes the account's, confirmed."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.pending_email:
        old = user.email
        user.email, user.pending_email = user.pending_email, ""
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email", "pending_email", "email_verified_at"])
        record_event(user, SecurityEvent.Kind.EMAIL_CHANGED, request, previous=_mask_email(old))
        if old:
            _send_after_commit("email_changed", user, previous_email=old)
    else:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    record_event(user, SecurityEvent.Kind.EMAIL_VERIFIED, request)
    return user


def _mask_email(email: str) -> str:
    local, _sep, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if domain else ""


@transaction.atomic
def profile_update(
    *,
    user: User,
    full_name: str,
    social_name: str,
    phone_number: str,
    email: str,
    request: HttpRequest | None = None,
) -> list[str]:
    """The person changes their own data. A new e-mail waits in `pending_email` (the old one stays
    in use) until the link sent to it is followed. Returns the names of the fields changed."""
    user = User.objects.select_for_update().get(pk=user.pk)
    wanted = {"full_name": full_name, "social_name": social_name, "phone_number": phone_number}
    changed = [name for name, value in wanted.items() if getattr(user, name) != value]
    for name in changed:
        setattr(user, name, wanted[name])
    new_email = email if email != user.email else ""
    email_requested = new_email and new_email != user.pending_email
    if new_email != user.pending_email:
        user.pending_email = new_email
        changed.append("pending_email")
    if changed:
        user.full_clean(exclude=["password", "cpf"])
        user.save(update_fields=changed)
    profile_fields = [f for f in changed if f != "pending_email"]
    if profile_fields:
        record_event(user, SecurityEvent.Kind.PROFILE_CHANGED, request, fields=profile_fields)
    if email_requested:
        _send_after_commit("verify_email", user)
    return changed


# --- Sign-in with password ---------------------------------------------------------------------


@dataclass(frozen=True)
class PasswordCheck:
    """Outcome of one password sign-in attempt."""

    user: User | None = None
    verdict: bruteforce.Verdict = bruteforce.ALLOWED
    locked_now: bool = False

    @property
    def refused(self) -> bool:
        return not self.verdict.allowed


_dummy_hashes: dict[str, str] = {}


def _dummy_password_check(password: str) -> None:
    """Spend the same work as a real check, so the time taken does not tell whether a CPF has an
    account."""
    algorithm = settings.PASSWORD_HASHERS[0]
    if algorithm not in _dummy_hashes:
        _dummy_hashes[algorithm] = make_password(secrets.token_urlsafe(24))
    check_password(password, _dummy_hashes[algorithm])


def password_authenticate(*, cpf: str, password: str, request: HttpRequest) -> PasswordCheck:
    """Check a CPF and password behind the brute-force protection (bruteforce.py, ADR 0013).
    Unknown CPFs, wrong passwords and inactive accounts get the same answer and the same work."""
    ip = client_ip(request)
    verdict = bruteforce.check(cpf=cpf, ip=ip)
    if not verdict.allowed:
        return PasswordCheck(verdict=verdict)
    user = User.objects.filter(cpf=cpf).first()
    if user is None:
        _dummy_password_check(password)
        ok = False
    else:
        ok = user.check_password(password) and user.is_active
    if ok:
        bruteforce.reset_account(cpf=cpf)
        return PasswordCheck(user=user)
    outcome = bruteforce.record_failure(cpf=cpf, ip=ip)
    # The owner's log and the lock e-mail are written by the worker, and the same task is sent
    # for an unknown CPF (which then finds nothing): the answer takes the same time either way
    # (security review L3). The lock e-mail leaves at most once an hour per account (L2).
    from .tasks import record_sign_in_failure

    lock_minutes = settings.MTLOGIN_BRUTEFORCE["ACCOUNT_LOCK_SECONDS"] // 60
    record_sign_in_failure.delay(
        user_id=str(user.pk) if user is not None else "",
        ip=ip or "",
        device=device_label(request.headers.get("User-Agent", "")),
        locked_minutes=lock_minutes if outcome.account_locked_now else 0,
        notify=outcome.account_locked_now and bruteforce.lock_notice_due(cpf=cpf),
    )
    if outcome.account_locked_now or outcome.address_locked_now:
        logger.warning(
            "sign-in lockout: account=%s address=%s", outcome.account_locked_now, outcome.address_locked_now
        )
    return PasswordCheck(locked_now=outcome.account_locked_now or outcome.address_locked_now)


# --- Passwords ---------------------------------------------------------------------------------


def _end_sign_in_sessions(*, user: User, keep: SignInSession | None = None) -> int:
    sessions = SignInSession.objects.filter(user=user, ended_at__isnull=True)
    if keep is not None:
        sessions = sessions.exclude(pk=keep.pk)
    ended = 0
    for sign_in in sessions:
        end_sign_in_session(sign_in, reason=SignInSession.EndReason.PASSWORD_CHANGED)
        ended += 1
    return ended


def password_reset_send(*, user: User) -> bool:
    """E-mail a password reset link (Django's PasswordResetTokenGenerator: single use, bound to
    the current password, expires after PASSWORD_RESET_TIMEOUT). False when there is no address."""
    if not user.is_active or not user.email:
        return False
    _send_after_commit("password_reset", user)
    return True


@transaction.atomic
def password_reset_complete(*, user: User, password: str, request: HttpRequest | None = None) -> int:
    """A new password through the e-mailed link: every sign-in session of the account ends and the
    brute-force counters are cleared (following the link proves the address is the person's).
    Returns how many sessions were ended."""
    user = User.objects.select_for_update().get(pk=user.pk)
    user.set_password(password)
    fields = ["password"]
    if user.email and not user.email_verified and not user.pending_email:
        user.email_verified_at = timezone.now()
        fields.append("email_verified_at")
    user.save(update_fields=fields)
    ended = _end_sign_in_sessions(user=user)
    record_event(user, SecurityEvent.Kind.PASSWORD_RESET, request, sessions_ended=ended)
    if "email_verified_at" in fields:
        record_event(user, SecurityEvent.Kind.EMAIL_VERIFIED, request)
    bruteforce.reset_account(cpf=user.cpf)
    return ended


@transaction.atomic
def password_change(
    *, user: User, password: str, request: HttpRequest | None = None, keep: SignInSession | None = None
) -> int:
    """The signed-in person changes their password (the form checked the current one): the other
    sign-in sessions end, this one stays; the owner is told by e-mail."""
    user.set_password(password)
    user.save(update_fields=["password"])
    ended = _end_sign_in_sessions(user=user, keep=keep)
    record_event(user, SecurityEvent.Kind.PASSWORD_CHANGED, request, sessions_ended=ended)
    _send_after_commit("password_changed", user)
    return ended


# --- Sign-in sessions the person ends --------------------------------------------------------


@transaction.atomic
def sign_in_session_end(*, user: User, sign_in: SignInSession, request: HttpRequest | None = None) -> None:
    """End one of the person's own sign-in sessions (the caller looked it up by user)."""
    if sign_in.user_id != user.pk:
        raise PermissionDenied
    if sign_in.ended_at is None:
        end_sign_in_session(sign_in, reason=SignInSession.EndReason.ENDED_BY_USER)
        record_event(user, SecurityEvent.Kind.SESSION_ENDED, request, device=sign_in.device_label)


@transaction.atomic
def sign_in_sessions_end_others(
    *, user: User, keep: SignInSession | None, request: HttpRequest | None = None
) -> int:
    sessions = SignInSession.objects.filter(user=user, ended_at__isnull=True)
    if keep is not None:
        sessions = sessions.exclude(pk=keep.pk)
    ended = 0
    for sign_in in sessions:
        end_sign_in_session(sign_in, reason=SignInSession.EndReason.ENDED_BY_USER)
        ended += 1
    if ended:
        record_event(user, SecurityEvent.Kind.SESSION_ENDED, request, count=ended)
    return ended


@transaction.atomic
def sign_in_sessions_end_by_admin(*, actor: User, user: User) -> int:
    """A platform administrator signs a person out everywhere (e.g. a reported takeover); audited."""
    sessions = list(SignInSession.objects.filter(user=user, ended_at__isnull=True))
    for sign_in in sessions:
        end_sign_in_session(sign_in, reason=SignInSession.EndReason.ADMIN)
    if sessions:
        record_event(user, SecurityEvent.Kind.SESSION_ENDED, None, count=len(sessions), by="admin")
        audit_record(
            actor=actor,
            action="identity.sign_in_session.end_all",
            target=user,
            changes={"sessions_ended": len(sessions)},
            subject_user_id=user.pk,
        )
    return len(sessions)
