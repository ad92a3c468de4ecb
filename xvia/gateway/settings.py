"""The gateway's local settings (a TOML file): identity, keys, listeners, limits, backends.

Backend addresses of provided services live here and only here, as in X-Road: global
configuration says which services exist, this file says where this server reaches them.
"""

from __future__ import annotations

import base64
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from xvia.protocol.identifiers import ClientId, IdentifierError, ServerId, ServiceId

CONNECTION_MODES = ("http", "https", "mtls")
# client subsystems absent from [clients]: refused, or let in with one mode (mtls needs a listing)
UNLISTED_MODES = ("refuse", "http", "https")


class SettingsError(ValueError):
    """The TOML file is missing something or holds a wrong value."""


@dataclass(frozen=True)
class ProvidedService:
    id: ServiceId
    url: str
    timeout: float = 30.0
    openapi_file: Path | None = None


@dataclass(frozen=True)
class ClientSettings:
    """How one client subsystem's information system connects to this server."""

    id: ClientId
    connection: str = "http"
    certificate_files: tuple[Path, ...] = ()


@dataclass(frozen=True)
class Limits:
    max_request_bytes: int = 32 * 1024 * 1024
    max_response_bytes: int = 64 * 1024 * 1024
    spool_threshold_bytes: int = 256 * 1024
    max_header_bytes: int = 32 * 1024
    connect_timeout: float = 5.0
    peer_timeout: float = 60.0
    max_connections_per_peer: int = 100
    # a signed request older or newer than this is refused; seen request ids are kept as long
    max_clock_skew_seconds: float = 300.0
    replay_cache_entries: int = 200_000
    # per listener: connections and requests in progress before uvicorn answers 503
    limit_concurrency: int = 1000
    # a request body must keep arriving: the longest wait for its next chunk
    body_chunk_timeout: float = 30.0
    # bodies spooled by all exchanges in progress (memory and temp files); beyond it, refused
    max_spool_bytes_in_flight: int = 2 * 1024 * 1024 * 1024
    # a request's head (request line and headers) must arrive whole within this many seconds
    header_timeout: float = 10.0

    def __post_init__(self) -> None:
        for name in ("max_spool_bytes_in_flight", "max_header_bytes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise SettingsError(f"limits.{name} must be a positive whole number of bytes")
        value = self.header_timeout
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 3600:
            raise SettingsError("limits.header_timeout must be a number of seconds between 0 and 3600")


@dataclass(frozen=True)
class ArchiveSettings:
    """``[archive]``: sealed, time-stamped message-log records leave the store for archive files
    (xvia.gateway.archive) once older than ``keep_days``."""

    directory: Path | None = None  # None: <base_dir>/archive
    keep_days: float = 30.0
    interval_seconds: float = 3600.0
    enabled: bool = True
    max_file_mb: int = 128  # an archive file closes after the seal range that crosses this


@dataclass(frozen=True)
class Settings:
    base_dir: Path
    server_id: ServerId
    anchor_file: Path
    store_file: Path
    spool_dir: Path
    auth_key_file: Path
    auth_cert_file: Path
    sign_key_file: Path
    sign_cert_file: Path
    client_http_listen: str | None
    client_https_listen: str | None
    server_listen: str
    client_tls_key_file: Path | None
    client_tls_cert_file: Path | None
    limits: Limits
    services: dict[ServiceId, ProvidedService]
    clients: dict[ClientId, ClientSettings]
    unlisted_clients: str = "refuse"
    globalconf_refresh_seconds: float | None = None
    globalconf_fetch_timeout: float = 10.0
    body_key: bytes | None = None
    seal_interval_seconds: float = 5.0
    timestamp_retry_seconds: float = 10.0
    log_batch_max: int = 500
    monitoring_retention_days: int = 30
    archive: ArchiveSettings = field(default_factory=ArchiveSettings)
    extra: dict = field(default_factory=dict)


def _path(base: Path, value: str | None) -> Path | None:
    if value is None:
        return None
    p = Path(value)
    return p if p.is_absolute() else base / p


def parse_listen(value: str) -> tuple[str, int]:
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit():
        raise SettingsError(f"listen address must be host:port, got {value!r}")
    return host.strip("[]"), int(port)


def _number(value, name: str, *, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise SettingsError(f"archive.{name} must be a number from {low:g} to {high:g}")
    return float(value)


def archive_settings(raw: dict, base: Path) -> ArchiveSettings:
    if not isinstance(raw, dict):
        raise SettingsError("[archive] must be a table")
    unknown = set(raw) - set(ArchiveSettings.__dataclass_fields__)
    if unknown:
        raise SettingsError(f"unknown [archive] keys: {', '.join(sorted(unknown))}")
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise SettingsError("archive.enabled must be true or false")
    directory = raw.get("directory", "archive")
    if not isinstance(directory, str) or not directory.strip():
        raise SettingsError("archive.directory must be a path")
    max_mb = raw.get("max_file_mb", 128)
    if isinstance(max_mb, bool) or not isinstance(max_mb, int) or not 1 <= max_mb <= 4096:
        raise SettingsError("archive.max_file_mb must be a whole number from 1 to 4096")
    return ArchiveSettings(
        directory=_path(base, directory),
        keep_days=_number(raw.get("keep_days", 30), "keep_days", low=0, high=36500),
        interval_seconds=_number(raw.get("interval_seconds", 3600), "interval_seconds", low=1, high=604800),
        enabled=enabled,
        max_file_mb=max_mb,
    )


def load_settings(path: str | Path) -> Settings:
    path = Path(path)
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"cannot read {path}: {exc}") from exc
    return settings_from_dict(doc, path.parent.resolve())


def settings_from_dict(doc: dict, base: Path) -> Settings:
    try:
        keys = doc.get("keys", {})
        client_side = doc.get("client_side", {})
        server_side = doc.get("server_side", {})
        lim = Limits(**doc.get("limits", {}))
        services = {}
        for entry in doc.get("services", []):
            sid = ServiceId.parse(entry["id"])
            if not str(entry["url"]).startswith(("http://", "https://")):
                raise SettingsError(f"service {sid}: url must be http(s)")
            services[sid] = ProvidedService(
                sid,
                entry["url"].rstrip("/"),
                float(entry.get("timeout", 30)),
                _path(base, entry.get("openapi")),
            )
        clients = {}
        client_entries = dict(doc.get("clients", {}))
        unlisted = client_entries.pop("unlisted", "refuse")
        if unlisted not in UNLISTED_MODES:
            raise SettingsError(
                f"clients.unlisted must be one of {UNLISTED_MODES} (mtls needs each subsystem listed)"
            )
        for cid_text, entry in client_entries.items():
            cid = ClientId.parse(cid_text, require_subsystem=True)
            mode = entry.get("connection", "http")
            if mode not in CONNECTION_MODES:
                raise SettingsError(f"client {cid}: connection must be one of {CONNECTION_MODES}")
            files = tuple(_path(base, f) for f in entry.get("certificates", []))
            if mode == "mtls" and not files:
                raise SettingsError(f"client {cid}: mtls needs at least one allowed certificate")
            clients[cid] = ClientSettings(cid, mode, files)
        mlog = doc.get("messagelog", {})
        body_key = None
        if mlog.get("body_key_file"):
            body_key = base64.b64decode(_path(base, mlog["body_key_file"]).read_text().strip())
            if len(body_key) not in (16, 24, 32):
                raise SettingsError("body key must be 16, 24 or 32 bytes (base64)")
        store = _path(base, doc.get("store", "store.db"))
        gconf = doc.get("globalconf", {})
        return Settings(
            base_dir=base,
            server_id=ServerId.parse(doc["server_id"]),
            anchor_file=_path(base, doc.get("anchor", "anchor.json")),
            store_file=store,
            spool_dir=_path(base, doc.get("spool_dir")) or store.parent / "spool",
            auth_key_file=_path(base, keys.get("auth_key", "auth.key.pem")),
            auth_cert_file=_path(base, keys.get("auth_cert", "auth.cert.pem")),
            sign_key_file=_path(base, keys.get("sign_key", "sign.key.pem")),
            sign_cert_file=_path(base, keys.get("sign_cert", "sign.cert.pem")),
            client_http_listen=client_side.get("http_listen", "127.0.0.1:8080"),
            client_https_listen=client_side.get("https_listen"),
            server_listen=server_side.get("listen", "0.0.0.0:5500"),
            client_tls_key_file=_path(base, client_side.get("tls_key")),
            client_tls_cert_file=_path(base, client_side.get("tls_cert")),
            limits=lim,
            services=services,
            clients=clients,
            unlisted_clients=unlisted,
            globalconf_refresh_seconds=gconf.get("refresh_seconds"),
            globalconf_fetch_timeout=float(gconf.get("fetch_timeout", 10)),
            body_key=body_key,
            seal_interval_seconds=float(mlog.get("seal_interval_seconds", 5)),
            timestamp_retry_seconds=float(mlog.get("timestamp_retry_seconds", 10)),
            log_batch_max=int(mlog.get("batch_max", 500)),
            monitoring_retention_days=int(doc.get("monitoring", {}).get("retention_days", 30)),
            archive=archive_settings(doc.get("archive", {}), base),
            extra={"tracker": dict(doc.get("tracker", {}))},  # read by xvia.gateway.tracker
        )
    except (KeyError, TypeError, IdentifierError, ValueError) as exc:
        if isinstance(exc, SettingsError):
            raise
        raise SettingsError(f"invalid settings: {exc}") from exc
