"""Data preparation of the MT Login benchmark (benchmarks/mtlogin_bench.py): a fresh PostgreSQL
database, the relying parties, the accounts, the signing keys, and a pool of refresh tokens minted
through the real authorization-code flow over HTTP."""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import uuid
from urllib.parse import urlencode, urlparse

# The environment of the benchmarked server (and of this process). Production-like: DEBUG off,
# persistent database connections (production.md says 60 s; 600 here so that no PostgreSQL backend
# is recycled in the middle of a case, which would hide its CPU time from the accounting), quiet logs.
# The rate limits of the token and authorization endpoints and the brute-force address lock are
# RAISED so that one load-generating address does not hit them; they are printed with the results.
BENCH_ENV = {
    "DEBUG": "false",
    "LOG_LEVEL": "WARNING",
    "DB_CONN_MAX_AGE": "600",
    "EMAIL_URL": "dummymail://",
}
RAISED_LIMITS = {
    "OIDC_TOKEN_RATE_PER_CLIENT": "100000000",
    "OIDC_TOKEN_RATE_PER_ADDRESS": "100000000",
    "OIDC_AUTHORIZE_RATE_PER_ADDRESS": "100000000",
    "MTLOGIN_BF_ADDRESS_LOCK_AFTER": "100000000",
}
BENCH_ENV.update(RAISED_LIMITS)

REDIRECT_URI = "https://sistema.bench.example.org/retorno"


def _fresh_database(url: str) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _hasher_description() -> str:
    from django.contrib.auth.hashers import get_hasher

    from plataforma.identity.hashers import MTLoginArgon2Hasher

    hasher = get_hasher()
    if not isinstance(hasher, MTLoginArgon2Hasher):
        raise SystemExit(f"the default password hasher is {type(hasher).__name__}, not MTLoginArgon2Hasher")
    return (
        f"{type(hasher).__name__}: argon2{hasher.params().type.name.lower()} "
        f"m={hasher.memory_cost} KiB ({hasher.memory_cost / 1024:.0f} MiB), t={hasher.time_cost}, "
        f"p={hasher.parallelism}"
    )


def prepare_database(args, password: str) -> dict:
    """Migrate a fresh database; create the clients, `args.users` accounts and the signing keys."""
    _fresh_database(args.database_url)
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from plataforma.common.documents import make_cpf
    from plataforma.identity.models import User
    from plataforma.identity.oidc import keys
    from plataforma.identity.oidc.models import OIDCClient

    call_command("migrate", verbosity=0)
    for algorithm in keys.ALGORITHMS:
        keys.ensure_active(algorithm)

    # One argon2id hash shared by every account: verifying costs the same as with distinct salts,
    # and hashing thousands of passwords here would take minutes.
    encoded = make_password(password)
    now = timezone.now()
    cpfs = [make_cpf(f"{200_000_001 + i:09d}") for i in range(args.users)]
    User.objects.bulk_create(
        [
            User(
                cpf=cpf,
                full_name=f"Pessoa do Benchmark {i}",
                email=f"bench{i}@example.org",
                email_verified_at=now,
                password=encoded,
            )
            for i, cpf in enumerate(cpfs)
        ],
        batch_size=1000,
    )

    code_secret, cc_secret = secrets.token_urlsafe(48), secrets.token_urlsafe(48)
    code_client = OIDCClient(
        name="Sistema do benchmark (código)",
        client_type=OIDCClient.CLIENT_CONFIDENTIAL,
        authorization_grant_type=OIDCClient.GRANT_AUTHORIZATION_CODE,
        redirect_uris=REDIRECT_URI,
        allowed_scopes="openid profile email cpf",
        algorithm=OIDCClient.RS256,
        client_secret=code_secret,
    )
    code_client.full_clean()
    code_client.save()
    cc_client = OIDCClient(
        name="Sistema do benchmark (credenciais do cliente)",
        client_type=OIDCClient.CLIENT_CONFIDENTIAL,
        authorization_grant_type=OIDCClient.GRANT_CLIENT_CREDENTIALS,
        redirect_uris="",
        allowed_scopes=CC_SCOPES,
        algorithm="",
        client_secret=cc_secret,
    )
    cc_client.full_clean()
    cc_client.save()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    connection.close()
    return {
        "client_id": cc_client.client_id,
        "client_secret": cc_secret,
        "code_client_id": code_client.client_id,
        "code_client_secret": code_secret,
        "password": password,
        "cpfs": cpfs,
        "hasher": _hasher_description(),
        "raised": RAISED_LIMITS,
    }


CC_SCOPES = "nivel"


# --- refresh-token pool -----------------------------------------------------------------------
def _pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def mint_refresh_tokens(base: str, data: dict, count: int, threads: int = 4) -> list[str]:
    """`count` refresh tokens, each to be used once. `threads` of them come from the real
    authorization-code flow over HTTP (one sign-in and consent per thread, then authorize + code
    exchange); the rest are cloned in the database from those, writing exactly the rows the flow
    writes (IDToken, AccessToken, RefreshToken of a new family, TokenContext of the sign-in), so a
    refresh costs the server what it costs after a real sign-in. Minting thousands over HTTP would
    take minutes on a 2-core machine."""
    if count <= 0:
        return []
    import httpx

    from plataforma.identity.oidc.tests.interop.browser import Browser, callback_params

    pool: list[str] = []
    errors: list[str] = []
    lock = threading.Lock()
    accounts = data["cpfs"][-threads:]  # never used by the sign-in case
    data["cpfs"] = data["cpfs"][:-threads]
    token_url = f"{base}/o/token/"
    auth = (data["code_client_id"], data["code_client_secret"])

    def one_code(browser: Browser, cpf: str) -> str:
        verifier, challenge = _pkce()
        state = secrets.token_urlsafe(8)
        query = urlencode(
            {
                "response_type": "code",
                "client_id": data["code_client_id"],
                "redirect_uri": REDIRECT_URI,
                "scope": "openid profile email cpf",
                "state": state,
                "nonce": secrets.token_urlsafe(8),
                "code_challenge": challenge,
                "code_challenge_method": "S256",
            }
        )
        response = browser.authorize(f"/o/authorize/?{query}", cpf=cpf, password=data["password"])
        params = callback_params(response)
        if params.get("state") != state or "code" not in params:
            raise RuntimeError(f"authorization failed: {params}")
        tokens = httpx.post(
            token_url,
            data={
                "grant_type": "authorization_code",
                "code": params["code"],
                "redirect_uri": REDIRECT_URI,
                "code_verifier": verifier,
            },
            auth=auth,
            timeout=30,
        )
        if tokens.status_code != 200:
            raise RuntimeError(f"code exchange failed: {tokens.status_code} {tokens.text[:300]}")
        return tokens.json()["refresh_token"]

    def work(cpf: str) -> None:
        browser = Browser(base)
        try:
            token = one_code(browser, cpf)
            with lock:
                pool.append(token)
        except Exception as error:  # reported, the benchmark stops
            errors.append(repr(error))
        finally:
            browser.close()

    workers = [threading.Thread(target=work, args=(accounts[i],)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    if errors:
        raise SystemExit(f"minting refresh tokens failed: {errors[0]}")
    data["minted_over_http"] = len(pool)
    return pool + _clone_refresh_tokens(pool, count - len(pool))


def _clone_refresh_tokens(templates: list[str], count: int) -> list[str]:
    from django.db import connection, transaction
    from oauth2_provider.models import get_access_token_model, get_id_token_model, get_refresh_token_model
    from oauth2_provider.models import set_token_value as set_token

    from plataforma.identity.oidc.models import TokenContext

    access_model, id_model, refresh_model = (
        get_access_token_model(),
        get_id_token_model(),
        get_refresh_token_model(),
    )
    rows = [
        refresh_model.objects.select_related("access_token").get(
            token_checksum=hashlib.sha256(t.encode()).hexdigest()
        )
        for t in templates
    ]
    contexts = {
        c.token_family: c
        for c in TokenContext.objects.filter(token_family__in=[r.token_family for r in rows])
    }
    raw: list[str] = []
    for start in range(0, count, 1000):
        batch = range(start, min(count, start + 1000))
        ids, accesses, refreshes, families = [], [], [], []
        for i in batch:
            template = rows[i % len(rows)]
            model_access = template.access_token
            ids.append(
                id_model(
                    user_id=template.user_id,
                    application_id=template.application_id,
                    expires=model_access.expires,
                    scope=model_access.scope,
                )
            )
        with transaction.atomic():
            id_model.objects.bulk_create(ids)
            for i, id_token in zip(batch, ids, strict=True):
                template = rows[i % len(rows)]
                access = access_model(
                    user_id=template.user_id,
                    application_id=template.application_id,
                    expires=template.access_token.expires,
                    scope=template.access_token.scope,
                    id_token=id_token,
                )
                set_token(access, secrets.token_urlsafe(24))
                accesses.append(access)
            access_model.objects.bulk_create(accesses)
            for i, access in zip(batch, accesses, strict=True):
                template = rows[i % len(rows)]
                value = secrets.token_urlsafe(24)
                family = uuid.uuid4()
                refresh = refresh_model(
                    user_id=template.user_id,
                    application_id=template.application_id,
                    access_token=access,
                    token_family=family,
                )
                set_token(refresh, value)
                refreshes.append(refresh)
                raw.append(value)
                context = contexts[template.token_family]
                families.append(
                    TokenContext(
                        token_family=family,
                        client_id=context.client_id,
                        user_id=context.user_id,
                        sign_in_session_id=context.sign_in_session_id,
                        acr=context.acr,
                        amr=context.amr,
                        auth_time=context.auth_time,
                    )
                )
            refresh_model.objects.bulk_create(refreshes)
            TokenContext.objects.bulk_create(families)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return raw
