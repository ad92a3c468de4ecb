"""X-VIA benchmark: a client call through two security servers versus a direct call to the backend.

    .venv/bin/python benchmarks/xvia_bench.py [--seconds 10] [--concurrency 32]

Starts (as separate processes) a provider backend and two security servers (SEFAZ as client,
DETRAN as provider) with real mutual TLS, signatures and a full message log, then drives them with
a lightweight keep-alive HTTP/1.1 load client. Prints requests/s and latency p50/p99 for 1 KiB and
1 MiB bodies, direct and through X-VIA, and the gateways' resident memory before and after.
Targets (issue #7): >= 500 req/s for small messages on 2 cores, added p50 < 5 ms, flat memory.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# --- backend process -----------------------------------------------------------------------------


async def backend_app(scope, receive, send):
    if scope["type"] != "http":
        return
    size, more = 0, True
    while more:
        msg = await receive()
        size += len(msg.get("body", b""))
        more = msg.get("more_body", False)
    body = b'{"ok":true,"received":%d}' % size
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def run_backend(port: int) -> None:
    import uvicorn

    uvicorn.run(
        backend_app, host="127.0.0.1", port=port, log_level="warning", access_log=False, lifespan="off"
    )


# --- load client ---------------------------------------------------------------------------------


class Conn:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def request(self, path: str, headers: dict[str, str], body: bytes) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        head = [
            f"POST {path} HTTP/1.1",
            f"Host: {self.host}:{self.port}",
            f"Content-Length: {len(body)}",
            "Content-Type: application/json",
        ]
        head += [f"{k}: {v}" for k, v in headers.items()]
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        status_line = await self.reader.readline()
        length = 0
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        await self.reader.readexactly(length)
        return int(status_line.split()[1])


async def load(port: int, path: str, headers: dict, body: bytes, seconds: float, concurrency: int):
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def worker():
        nonlocal errors
        conn = Conn("127.0.0.1", port)
        while time.perf_counter() < deadline:
            t0 = time.perf_counter()
            status = await conn.request(path, headers, body)
            latencies.append(time.perf_counter() - t0)
            if status != 200:
                errors += 1

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - start
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        "n": len(latencies),
        "errors": errors,
    }


async def single_latency(port: int, path: str, headers: dict, body: bytes, n: int) -> dict:
    """Unloaded latency (one request at a time): the honest 'added latency' figure."""
    conn = Conn("127.0.0.1", port)
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        await conn.request(path, headers, body)
        samples.append(time.perf_counter() - t0)
    samples.sort()
    return {"p50": statistics.median(samples) * 1000, "p99": samples[int(len(samples) * 0.99) - 1] * 1000}


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def wait_port(port: int, timeout: float = 20) -> None:
    import socket

    deadline = time.time() + timeout
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"port {port} did not open")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--backend", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.backend:
        run_backend(args.backend)
        return

    from xvia.gateway.tests.harness import DETRAN, SEFAZ, World

    base = Path(tempfile.mkdtemp(prefix="xvia-bench-"))
    world = World(
        base, start=False, limits={"max_request_bytes": 8 * 1024 * 1024, "spool_threshold_bytes": 262144}
    )
    procs = []
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    try:
        backend_cmd = [sys.executable, __file__, "--backend", str(world.backend_port)]
        procs.append(subprocess.Popen(backend_cmd, env=env))  # noqa: S603 - our own interpreter and script
        gw_pids = {}
        for name in ("sefaz", "detran"):
            config = world.write_settings(name)
            # the central is not needed: each gateway starts on a valid cached copy
            (world.dirs[name] / "globalconf.jws").write_bytes(world.conf_doc)
            proc = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                [sys.executable, "-m", "xvia.gateway", "--config", str(config)],
                env=env,
                stderr=subprocess.DEVNULL,
            )
            procs.append(proc)
            gw_pids[name] = proc.pid
        for port in (
            world.backend_port,
            world.gw_ports["sefaz"]["client"],
            world.gw_ports["detran"]["server"],
        ):
            wait_port(port)
        via_port, via_path = world.gw_ports["sefaz"]["client"], f"/r1/{DETRAN}/VEICULOS/echo/echo"
        headers = {"X-Road-Client": f"{SEFAZ}/ARRECADACAO"}
        small, big = b"x" * 1024, b"y" * (1024 * 1024)

        async def run_all():
            await load(via_port, via_path, headers, small, 1.0, 4)  # warm-up: TLS, pools, caches
            rss_before = {n: rss_mib(p) for n, p in gw_pids.items()}
            results = {}
            results["direct 1 KiB"] = await load(
                world.backend_port, "/echo", {}, small, args.seconds, args.concurrency
            )
            results["x-via  1 KiB"] = await load(
                via_port, via_path, headers, small, args.seconds, args.concurrency
            )
            results["direct 1 MiB"] = await load(world.backend_port, "/echo", {}, big, args.seconds / 2, 4)
            results["x-via  1 MiB"] = await load(via_port, via_path, headers, big, args.seconds / 2, 4)
            unloaded = {
                "direct 1 KiB": await single_latency(world.backend_port, "/echo", {}, small, 300),
                "x-via  1 KiB": await single_latency(via_port, via_path, headers, small, 300),
            }
            rss_after = {n: rss_mib(p) for n, p in gw_pids.items()}
            return results, unloaded, rss_before, rss_after

        results, unloaded, before, after = asyncio.run(run_all())
        print(
            f"\nX-VIA benchmark on {os.cpu_count()} CPU(s), concurrency {args.concurrency}, "
            f"full message log, mutual TLS and signatures between the two security servers\n"
        )
        print(f"{'scenario':<14}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'requests':>10}{'errors':>8}")
        for name, r in results.items():
            print(
                f"{name:<14}{r['rps']:>10.0f}{r['p50']:>10.2f}{r['p99']:>10.2f}{r['n']:>10}{r['errors']:>8}"
            )
        print("\nunloaded (one request at a time):")
        for name, r in unloaded.items():
            print(f"{name:<14}{'':>10}{r['p50']:>10.2f}{r['p99']:>10.2f}")
        added = unloaded["x-via  1 KiB"]["p50"] - unloaded["direct 1 KiB"]["p50"]
        print(f"\nadded latency p50 (unloaded, 1 KiB): {added:.2f} ms")
        print(
            "gateway RSS (MiB) before -> after: "
            + ", ".join(f"{n} {before[n]:.0f} -> {after[n]:.0f}" for n in gw_pids)
        )
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    main()
