"""``python -m xvia.gateway --config gateway.toml`` runs a security server.

Other commands: ``init`` (keys, CSRs and a starter ``gateway.toml``), ``import-cert`` (install an
issued certificate), ``export-log`` (message-log export for the offline verifier), ``archive-log``
(move old sealed, time-stamped records to archive files now, as the background job does).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sqlite3
import sys
from pathlib import Path

from xvia.protocol.certs import CertificateError
from xvia.protocol.identifiers import IdentifierError, ServerId
from xvia.protocol.messagelog import EXPORT_FORMAT, GENESIS, b64

from .keys import import_certificate, init_keys
from .settings import SettingsError, load_settings


def export_log(store: Path, out: Path, first: int | None, last: int | None) -> int:
    conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        seals = conn.execute(
            "SELECT first_seq, last_seq, seal, signature, signer_cert, timestamp_token "
            "FROM mlog_seal ORDER BY id"
        ).fetchall()
        archived = None  # (last_seq, chain_hash, last_seal) of the last archive file (archive-log)
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'mlog_archive'").fetchone():
            archived = conn.execute(
                "SELECT last_seq, chain_hash, last_seal FROM mlog_archive ORDER BY last_seq DESC LIMIT 1"
            ).fetchone()
        lo = first or (archived[0] + 1 if archived else 1)
        if archived and lo <= archived[0]:
            raise ValueError(f"records up to {archived[0]} are archived: verify them from the archive files")
        hi = last or (conn.execute("SELECT MAX(seq) FROM mlog_record").fetchone()[0] or 0)
        prev = conn.execute("SELECT chain_hash FROM mlog_record WHERE seq = ?", (lo - 1,)).fetchone()
        if prev is None and archived and lo == archived[0] + 1:
            prev = archived[1:2]
        # keep the seals from the one covering `lo`; later records' digests prove up to the next seal
        start_seal = archived[2] if archived else None
        kept = []
        for s in seals:
            if s[1] < lo:
                start_seal = s[2]
            else:
                kept.append(s)
        sealed_to = next((s[1] for s in kept if s[1] >= hi), hi)
        records = []
        for seq, record, digest, chain, body, enc in conn.execute(
            "SELECT seq, record, entry_digest, chain_hash, body, body_encrypted FROM mlog_record "
            "WHERE seq >= ? AND seq <= ? ORDER BY seq",
            (lo, sealed_to),
        ):
            if seq <= hi:
                records.append(
                    {
                        "seq": seq,
                        "record": b64(record),
                        "chain_hash": bytes(chain).hex(),
                        "body": b64(body),
                        "body_encrypted": bool(enc),
                    }
                )
            else:
                records.append({"seq": seq, "record": None, "digest": bytes(digest).hex()})
        doc = {
            "format": EXPORT_FORMAT,
            "start_chain": (bytes(prev[0]) if prev else GENESIS).hex(),
            "start_seal": b64(start_seal),
            "globalconfs": [
                bytes(d).decode()
                for (d,) in conn.execute("SELECT document FROM globalconf_history ORDER BY version")
            ],
            "records": records,
            "seals": [
                {
                    "first_seq": a,
                    "last_seq": b,
                    "seal": b64(s),
                    "signature": b64(sig),
                    "signer_cert": b64(c),
                    "timestamp_token": b64(t),
                }
                for a, b, s, sig, c, t in kept
                if a <= sealed_to
            ],
        }
    finally:
        conn.close()
    out.write_text(json.dumps(doc, indent=1))
    return len(records)


STARTER_TOML = """\
# Written by `python -m xvia.gateway init`: review every value before the first start.
server_id = "{server_id}"
anchor = "anchor.json"  # the trust anchor downloaded from the central
store = "store.db"

[client_side]
http_listen = "127.0.0.1:8080"  # the agency's information systems (IS)
# https_listen = "0.0.0.0:8443"

[server_side]
listen = "0.0.0.0:5500"  # other security servers (mutual TLS)

[limits]
# max_header_bytes = 32768               # request line and headers of a request
# header_timeout = 10                    # seconds for a request's head to arrive whole
# max_spool_bytes_in_flight = 2147483648 # bodies of all exchanges in progress

[clients]
# Client subsystems of this member not listed below: "refuse" (recommended), or "http" /
# "https" to let every one of them in with that connection mode. Only a listed subsystem
# can use "mtls".
unlisted = "refuse"

# [clients."INSTANCE/CLASS/MEMBER/SUBSYSTEM"]
# connection = "mtls"                    # http, https or mtls
# certificates = ["is-client.cert.pem"]  # mtls: the IS certificates allowed

# [[services]]
# id = "INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE"
# url = "http://10.0.0.5:8000"           # where this server reaches the service
"""


def write_starter_toml(directory: Path, server_id: ServerId) -> Path | None:
    """Write ``gateway.toml`` in ``directory`` unless one is there already."""
    path = directory / "gateway.toml"
    if path.exists():
        return None
    path.write_text(STARTER_TOML.format(server_id=server_id), encoding="utf-8")
    return path


def _archive_log(settings, *, now: bool) -> int:
    from .archive import ArchiveError, archive_log

    try:
        result = archive_log(settings, keep_days=0 if now else None)
    except (ArchiveError, sqlite3.Error) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for name in result.files:
        print(f"wrote {name}")
    print(f"archived {result.records} records; the store now starts after seq {result.archived_to}")
    if result.held_at is not None:
        print(f"held at seq {result.held_at}: the data tracker has not reported it yet")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0].startswith("--"):
        argv.insert(0, "run")
    parser = argparse.ArgumentParser(prog="python -m xvia.gateway")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the security server")
    run.add_argument("--config", required=True)
    init = sub.add_parser("init", help="generate the authentication and signing keys and their CSRs")
    init.add_argument("--dir", required=True)
    init.add_argument("--server-id", required=True, help="SERVER:INSTANCE/CLASS/MEMBER/SERVERCODE")
    init.add_argument("--member-name", required=True)
    init.add_argument("--host", action="append", default=[], help="address the peers use (for the TLS SAN)")
    imp = sub.add_parser("import-cert", help="install a certificate issued for one of the keys")
    imp.add_argument("--config", required=True)
    imp.add_argument("certificate")
    exp = sub.add_parser("export-log", help="export the message log for the offline verifier")
    exp.add_argument("--config", required=True)
    exp.add_argument("--out", required=True)
    exp.add_argument("--from", dest="first", type=int)
    exp.add_argument("--to", dest="last", type=int)
    arc = sub.add_parser("archive-log", help="archive sealed, time-stamped message-log records now")
    arc.add_argument("--config", required=True)
    arc.add_argument(
        "--now", action="store_true", help="archive every sealed, time-stamped record, ignoring keep_days"
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "init":
            server_id = ServerId.parse(args.server_id)
            written = init_keys(Path(args.dir), server_id, args.member_name, args.host)
            written.append(write_starter_toml(Path(args.dir), server_id))
            for path in filter(None, written):
                print(f"wrote {path}")
            return 0
        settings = load_settings(args.config)
        if args.command == "import-cert":
            s = settings
            path = import_certificate(
                Path(args.certificate).read_bytes(),
                server_id=s.server_id,
                auth_key=s.auth_key_file,
                sign_key=s.sign_key_file,
                auth_cert=s.auth_cert_file,
                sign_cert=s.sign_cert_file,
            )
            print(f"installed {path}")
            return 0
        if args.command == "export-log":
            try:
                count = export_log(settings.store_file, Path(args.out), args.first, args.last)
            except (ValueError, sqlite3.Error) as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 1
            print(f"exported {count} records")
            return 0
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        if args.command == "archive-log":
            return _archive_log(settings, now=args.now)
        from .app import serve

        try:
            import uvloop

            uvloop.install()
        except ImportError:  # pragma: no cover - uvloop comes with uvicorn[standard]
            pass
        asyncio.run(serve(settings))
        return 0
    except (SettingsError, CertificateError, IdentifierError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
