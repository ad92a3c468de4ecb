"""`python -m xvia.samples {detran|sefaz} [--host 127.0.0.1] [--port N]`"""

from __future__ import annotations

import argparse

import uvicorn

from .apps import APPS


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m xvia.samples", description=__doc__)
    parser.add_argument("backend", choices=sorted(APPS))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5601)
    args = parser.parse_args()
    uvicorn.run(APPS[args.backend], host=args.host, port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
