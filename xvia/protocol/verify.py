"""``python -m xvia.protocol.verify <store.db | export.json | archive.json.gz>... --anchor anchor.json``

Verifies a message log offline and prints what it proves. Several sources (archive files, then
the store) are verified one by one and for continuity: ``verify archive/*.json.gz store.db``.
Exit status 0 when everything verifies, 1 when any record or seal fails (alteration, insertion,
deletion, bad signature or time-stamp, a gap between sources), 2 on unusable input.
"""

from __future__ import annotations

import argparse
import base64
import sqlite3
import sys
from pathlib import Path

from .globalconf import GlobalConfError, parse_anchor
from .verifier import load_source, verify_sources


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m xvia.protocol.verify", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "sources", nargs="+", help="gateway store (SQLite), message-log export (JSON) or archive files"
    )
    parser.add_argument("--anchor", required=True, help="the instance's configuration anchor (JSON)")
    parser.add_argument("--record", type=int, action="append", default=[], help="show the proof of this seq")
    parser.add_argument("--body-key", help="file holding the base64 AES key, to check encrypted bodies")
    args = parser.parse_args(argv)
    try:
        anchor = parse_anchor(Path(args.anchor).read_bytes())
        sources = [load_source(path) for path in args.sources]
        key = base64.b64decode(Path(args.body_key).read_text().strip()) if args.body_key else None
    except (OSError, ValueError, KeyError, TypeError, sqlite3.Error, GlobalConfError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    report = verify_sources(sources, anchor, aes_key=key)
    for seq in args.record:
        proof = report.proofs.get(seq)
        if proof is None:
            print(f"record {seq}: not present")
            continue
        status = (
            "VERIFIED"
            if proof.ok and proof.stamped_at
            else ("INTACT, NOT YET STAMPED" if proof.ok else "FAILED")
        )
        print(f"record {seq}: {status}")
        print(f"  {proof.kind} {proof.message_id} signed by {proof.signer}")
        if proof.sealed_by:
            print(f"  sealed by the seal up to seq {proof.sealed_by}; time-stamped at {proof.stamped_at}")
        for note in proof.notes:
            print(f"  note: {note}")
    for warning in report.warnings:
        print(f"warning: {warning}")
    for problem in report.problems:
        print(f"PROBLEM: {problem}")
    print(
        f"{len(report.proofs)} records, {report.seals_ok} seals verified; "
        + ("log intact" if report.ok else f"{len(report.problems)} problem(s)")
    )
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
