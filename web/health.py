"""/healthz: the process answers; it also says whether CouchDB and Redis answer it."""
import asyncio

import aiohttp
from aiohttp import web

from web.keys import COUCH_UPSTREAM, REDIS, SETTINGS

routes = web.RouteTableDef()
CHECK_TIMEOUT_S = 2


@routes.get("/healthz")
async def healthz(request: web.Request) -> web.Response:
    couch, redis = await asyncio.gather(_couch_up(request), _redis_up(request))
    status = "ok" if couch and redis else "degraded"
    return web.json_response({"status": status, "couch": _word(couch), "redis": _word(redis)})


async def _couch_up(request: web.Request) -> bool:
    url = request.app[SETTINGS].couch_url.rstrip("/") + "/"
    try:
        async with request.app[COUCH_UPSTREAM].get(
            url, headers={"Accept": "application/json"}, timeout=aiohttp.ClientTimeout(total=CHECK_TIMEOUT_S)
        ) as response:
            return response.status == 200
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return False


async def _redis_up(request: web.Request) -> bool:
    try:
        return bool(await asyncio.wait_for(asyncio.to_thread(request.app[REDIS].ping), CHECK_TIMEOUT_S))
    except Exception:  # any failure to answer a ping is "down" here, and only here
        return False


def _word(up: bool) -> str:
    return "up" if up else "down"
