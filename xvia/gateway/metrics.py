"""Prometheus text exposition (format 0.0.4), hand-written to keep the gateway's dependencies few."""

from __future__ import annotations

import bisect
from collections import defaultdict

BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    def __init__(self) -> None:
        self.requests = defaultdict(int)  # (side, outcome) -> count
        self.faults = defaultdict(int)  # (side, type) -> count
        self.bytes_in = defaultdict(int)
        self.bytes_out = defaultdict(int)
        self.in_flight = defaultdict(int)
        self.hist_counts = {side: [0] * (len(BUCKETS) + 1) for side in ("client", "server")}
        self.hist_sum = defaultdict(float)
        self.gauges: dict[str, float] = {}

    def observe(
        self, side: str, seconds: float, succeeded: bool, fault: str | None, size_in: int, size_out: int
    ):
        self.requests[(side, "succeeded" if succeeded else "failed")] += 1
        if fault:
            self.faults[(side, fault)] += 1
        self.bytes_in[side] += size_in
        self.bytes_out[side] += size_out
        self.hist_counts[side][bisect.bisect_left(BUCKETS, seconds)] += 1
        self.hist_sum[side] += seconds

    def render(self) -> bytes:
        lines = [
            "# HELP xvia_requests_total Messages handled, by side (client: IS-facing, server: peer-facing).",
            "# TYPE xvia_requests_total counter",
        ]
        lines += [
            f'xvia_requests_total{{side="{s}",outcome="{o}"}} {n}'
            for (s, o), n in sorted(self.requests.items())
        ]
        lines += [
            "# HELP xvia_faults_total X-Road faults answered, by type.",
            "# TYPE xvia_faults_total counter",
        ]
        lines += [
            f'xvia_faults_total{{side="{s}",type="{t}"}} {n}' for (s, t), n in sorted(self.faults.items())
        ]
        lines += [
            "# HELP xvia_request_bytes_total Request body bytes received.",
            "# TYPE xvia_request_bytes_total counter",
        ]
        lines += [f'xvia_request_bytes_total{{side="{s}"}} {n}' for s, n in sorted(self.bytes_in.items())]
        lines += [
            "# HELP xvia_response_bytes_total Response body bytes sent.",
            "# TYPE xvia_response_bytes_total counter",
        ]
        lines += [f'xvia_response_bytes_total{{side="{s}"}} {n}' for s, n in sorted(self.bytes_out.items())]
        lines += ["# HELP xvia_in_flight Messages being handled now.", "# TYPE xvia_in_flight gauge"]
        lines += [f'xvia_in_flight{{side="{s}"}} {n}' for s, n in sorted(self.in_flight.items())]
        lines += [
            "# HELP xvia_request_duration_seconds Time to answer a message.",
            "# TYPE xvia_request_duration_seconds histogram",
        ]
        for side, counts in self.hist_counts.items():
            total = 0
            for bound, count in zip((*BUCKETS, float("inf")), counts, strict=True):
                total += count
                le = "+Inf" if bound == float("inf") else repr(bound)
                lines.append(f'xvia_request_duration_seconds_bucket{{side="{side}",le="{le}"}} {total}')
            lines.append(f'xvia_request_duration_seconds_sum{{side="{side}"}} {self.hist_sum[side]}')
            lines.append(f'xvia_request_duration_seconds_count{{side="{side}"}} {total}')
        for name, value in sorted(self.gauges.items()):
            lines += [f"# TYPE {name} gauge", f"{name} {value}"]
        return ("\n".join(lines) + "\n").encode()
