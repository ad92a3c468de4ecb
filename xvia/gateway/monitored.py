"""One exchange on either side of a security server, whatever its outcome: a fault is answered in
X-Road's form, the body spools are closed (giving their bytes back to the gateway's spool
budget), and the operational-monitoring record and the metrics are written (ADR 0034)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from .core import Gateway
from .errors import CLIENT_PROXY, SERVER_PROXY, XRoadFault, send_fault
from .spool import Spool, SpoolBudgetExhausted


def new_op(gw: Gateway, side: str, method: str | None) -> dict:
    return {
        "side": side,
        "method": method,
        "started_at": gw.now_text(),
        "request_size": 0,
        "response_size": 0,
        "status": 500,
        "succeeded": False,
    }


async def monitored(
    gw: Gateway,
    side: str,
    op: dict,
    send,
    exchange: Callable[[list[Spool]], Awaitable[None]],
    *,
    disconnected: str,
) -> None:
    """Run `exchange(spools)`; `disconnected` is the fault type recorded when the caller goes away."""
    t0 = time.perf_counter()
    gw.metrics.in_flight[side] += 1
    spools: list[Spool] = []
    try:
        await exchange(spools)
    except XRoadFault as fault:
        op["status"], op["fault_type"] = fault.status, fault.type
        await send_fault(send, fault)
    except SpoolBudgetExhausted:  # a request or response body met the cap on bytes in flight
        fault = XRoadFault(
            CLIENT_PROXY if side == "client" else SERVER_PROXY,
            "IOError",
            "spool_budget_exhausted",
            internal=f"spooled bytes in flight at the cap of {gw.spool_budget.limit}",
        )
        op["status"], op["fault_type"] = fault.status, fault.type
        await send_fault(send, fault)
    except ConnectionAbortedError:
        op["fault_type"] = disconnected
    finally:
        for spool in spools:
            spool.close()
        gw.metrics.in_flight[side] -= 1
        op["ended_at"] = gw.now_text()
        gw.metrics.observe(
            side,
            time.perf_counter() - t0,
            op["succeeded"],
            op.get("fault_type"),
            op["request_size"],
            op["response_size"],
        )
        gw.store.record_opmon(op)
