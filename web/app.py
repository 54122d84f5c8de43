"""The app factory: every route of the api process, and the clients they share."""
import aiohttp
from aiohttp import web

from bots import webhook_routes
from config.bootstrap import open_redis
from config.settings import Settings
from web import couch_proxy, health, home, metrics
from web.keys import COUCH_UPSTREAM, REDIS, SETTINGS

UPSTREAM_CONNECT_TIMEOUT_S = 5


def create_app(settings: Settings) -> web.Application:
    app = web.Application(client_max_size=couch_proxy.MAX_BODY_BYTES)
    app[SETTINGS] = settings
    app.cleanup_ctx.append(_clients)
    for module in (home, health, metrics, couch_proxy, webhook_routes):
        app.add_routes(module.routes)
    return app


async def _clients(app: web.Application):
    # No credentials on this session: /db/ speaks to CouchDB as the person, never as admin.
    # No total timeout either: a continuous changes feed stays open as long as the device wants.
    app[COUCH_UPSTREAM] = aiohttp.ClientSession(
        timeout=aiohttp.ClientTimeout(total=None, sock_connect=UPSTREAM_CONNECT_TIMEOUT_S),
        auto_decompress=True,
    )
    app[REDIS] = open_redis(app[SETTINGS])
    yield
    await app[COUCH_UPSTREAM].close()
    app[REDIS].close()
