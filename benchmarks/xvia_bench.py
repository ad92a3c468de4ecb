"""X-VIA benchmark: a client call through two security servers versus a direct call to the backend.

    .venv/bin/python benchmarks/xvia_bench.py [--seconds 10] [--concurrency 32] [--only x-via1KiB]

Starts (as separate processes) a provider backend and two security servers (SEFAZ as client,
DETRAN as provider) with real mutual TLS, signatures and a full message log, then drives them with
a lightweight keep-alive HTTP/1.1 load client. Prints requests/s and latency p50/p99 for 1 KiB and
1 MiB bodies, direct and through X-VIA, the gateways' resident memory before and after each run,
the CPU time each process spent per request (from /proc: it separates each hop's cost from the
load client's, which shares the same cores, and does not depend on what else the machine runs),
and the unloaded latency (one request at a time), the honest "added latency" figure.
Targets (issue #7): >= 500 req/s for small messages on 2 cores, added p50 < 5 ms, flat memory.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
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


async def handler_seconds(port: int) -> dict[str, tuple[float, int]]:
    """(sum of seconds, count) of the gateway's request-duration histogram, per side."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    text = (await reader.read()).decode()
    writer.close()
    out: dict[str, list] = {}
    for line in text.splitlines():
        for kind, index in (("_sum{", 0), ("_count{", 1)):
            if line.startswith("xvia_request_duration_seconds" + kind):
                side = line.split('side="')[1].split('"')[0]
                out.setdefault(side, [0.0, 0])[index] = float(line.rsplit(" ", 1)[1])
    return {side: (v[0], int(v[1])) for side, v in out.items()}


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (from /proc), to charge each hop its own cost."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mib(pid: int, field: str = "VmRSS") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
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


async def soak(rounds, seconds, port, path, headers, small, big, gw_pids) -> None:
    """RSS of each gateway after a long run of small calls, after every round of 1 MiB calls, and
    after the pooled connections have idled out (their TLS buffers are freed with them)."""

    def rss() -> str:
        return "  ".join(
            f"{n} {rss_mib(p):6.1f} ({rss_mib(p, 'RssAnon'):.1f} anon)" for n, p in gw_pids.items()
        )

    await load(port, path, headers, small, 1.0, 4)
    print(f"{'phase':<22}{'calls':>9}{'errors':>8}  gateway RSS MiB", flush=True)
    print(f"{'after warm-up':<22}{'':>9}{'':>8}  {rss()}", flush=True)
    r = await load(port, path, headers, small, 60, 32)
    print(f"{'1 KiB, 60 s, 32 conc.':<22}{r['n']:>9}{r['errors']:>8}  {rss()}", flush=True)
    total = 0
    for i in range(1, rounds + 1):
        r = await load(port, path, headers, big, seconds, 4)
        total += r["n"]
        print(f"{f'1 MiB round {i}':<22}{total:>9}{r['errors']:>8}  {rss()}", flush=True)
    await asyncio.sleep(45)  # longer than both keep-alive timeouts (20 s peer pool, 30 s listener)
    print(f"{'idle 45 s':<22}{'':>9}{'':>8}  {rss()}", flush=True)
    r = await load(port, path, headers, big, seconds, 4)
    print(f"{'1 MiB once more':<22}{r['n']:>9}{r['errors']:>8}  {rss()}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--only", help="run only the scenarios whose name contains this (e.g. x-via1KiB)")
    parser.add_argument(
        "--soak",
        type=int,
        metavar="ROUNDS",
        help="memory soak instead of the scenarios: 1 KiB calls for 60 s, then ROUNDS rounds of 1 MiB calls "
        "of --seconds each, printing the gateways' RSS after every round (shows whether memory plateaus)",
    )
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
        pids = {"backend": procs[0].pid, **gw_pids}
        scenarios = [
            ("direct 1 KiB", world.backend_port, "/echo", {}, small, args.seconds, args.concurrency),
            ("x-via  1 KiB", via_port, via_path, headers, small, args.seconds, args.concurrency),
            ("direct 1 MiB", world.backend_port, "/echo", {}, big, args.seconds / 2, 4),
            ("x-via  1 MiB", via_port, via_path, headers, big, args.seconds / 2, 4),
        ]
        if args.soak:
            asyncio.run(soak(args.soak, args.seconds, via_port, via_path, headers, small, big, gw_pids))
            return
        if args.only:
            scenarios = [s for s in scenarios if args.only in s[0].replace(" ", "")]

        async def run_all():
            await load(via_port, via_path, headers, small, 1.0, 4)  # warm-up: TLS, pools, caches
            await load(via_port, via_path, headers, big, 1.0, 2)  # and the 1 MiB path (spool files)
            rss_before = {n: rss_mib(p) for n, p in gw_pids.items()}
            results, cpu = {}, {}
            for name, port, path, hdrs, body, seconds, conc in scenarios:
                before = {n: cpu_seconds(p) for n, p in pids.items()} | {"load client": time.process_time()}
                rss0 = {n: rss_mib(p) for n, p in gw_pids.items()}
                results[name] = await load(port, path, hdrs, body, seconds, conc)
                rss1 = {n: rss_mib(p) for n, p in gw_pids.items()}
                results[name]["rss"] = " ".join(f"{n} {rss0[n]:.0f}->{rss1[n]:.0f}" for n in gw_pids)
                after = {n: cpu_seconds(p) for n, p in pids.items()} | {"load client": time.process_time()}
                cpu[name] = {n: (after[n] - before[n]) * 1000 / max(results[name]["n"], 1) for n in before}
            unloaded, inside = {}, {}
            if not args.only or args.only == "unloaded":
                metric_ports = {"sefaz": via_port, "detran": world.gw_ports["detran"]["client"]}
                before = {n: await handler_seconds(p) for n, p in metric_ports.items()}
                unloaded = {
                    "direct 1 KiB": await single_latency(world.backend_port, "/echo", {}, small, 500),
                }
                cpu0 = {n: cpu_seconds(p) for n, p in pids.items()} | {"load client": time.process_time()}
                unloaded["x-via  1 KiB"] = await single_latency(via_port, via_path, headers, small, 500)
                cpu1 = {n: cpu_seconds(p) for n, p in pids.items()} | {"load client": time.process_time()}
                cpu["x-via unloaded"] = {n: (cpu1[n] - cpu0[n]) * 1000 / 500 for n in cpu0}
                after = {n: await handler_seconds(p) for n, p in metric_ports.items()}
                side = {"sefaz": "client", "detran": "server"}
                inside = {
                    n: (after[n][side[n]][0] - before[n][side[n]][0])
                    * 1000
                    / max(after[n][side[n]][1] - before[n][side[n]][1], 1)
                    for n in metric_ports
                }
            rss_after = {n: rss_mib(p) for n, p in gw_pids.items()}
            return results, cpu, unloaded, inside, rss_before, rss_after

        results, cpu, unloaded, inside, before, after = asyncio.run(run_all())
        print(
            f"\nX-VIA benchmark on {os.cpu_count()} CPU(s), concurrency {args.concurrency} (4 for 1 MiB), "
            f"full message log, mutual TLS and signatures between the two security servers\n"
        )
        print(
            f"{'scenario':<14}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'requests':>10}{'errors':>8}"
            "  gateway RSS MiB before->after"
        )
        for name, r in results.items():
            print(
                f"{name:<14}{r['rps']:>10.0f}{r['p50']:>10.2f}{r['p99']:>10.2f}{r['n']:>10}{r['errors']:>8}"
                f"  {r['rss']}"
            )
        print("\nCPU per request (ms), by process (the load client shares the same cores):")
        names = list(next(iter(cpu.values()), {}))
        print(f"{'scenario':<14}" + "".join(f"{n:>13}" for n in names))
        for name, row in cpu.items():
            print(f"{name:<14}" + "".join(f"{row[n]:>13.3f}" for n in names))
        if unloaded:
            print("\nunloaded (one request at a time):")
            for name, r in unloaded.items():
                print(f"{name:<14}{'':>10}{r['p50']:>10.2f}{r['p99']:>10.2f}")
            for pct in ("p50", "p99"):
                added = unloaded["x-via  1 KiB"][pct] - unloaded["direct 1 KiB"][pct]
                print(f"added latency {pct} (unloaded, 1 KiB): {added:.2f} ms")
            print(
                "mean time inside each gateway's handler (unloaded, from its metrics): "
                + ", ".join(f"{n} {ms:.2f} ms" for n, ms in inside.items())
            )
        print(
            "gateway RSS (MiB) after warm-up -> after all runs: "
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
        # the full message log of a run holds every body: gigabytes after a few minutes of 1 MiB calls
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
