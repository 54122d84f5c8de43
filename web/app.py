"""The app factory: every route of the api process, and the clients they share."""
import aiohttp
from aiohttp import web

from bots import telegram_routes, webhook_routes
from config.bootstrap import build_bus, media_store, open_couch, open_redis
from config.settings import Settings
from web import (
    app_routes, assistant_routes, call_sheet_links, compare_routes, contract_routes, couch_proxy, dailies_routes, fx_routes,
    health, media_routes, metrics, money_routes, payment_webhooks, search_routes, shoot_day_routes, transcript_search_routes,
)
from web.auth import code_routes, password_routes, session_routes, totp_routes
from web.auth.suspension import SUSPENSIONS, SuspensionCheck
from web.kyc import routes as kyc_routes
from web.keys import BUS, COUCH, COUCH_UPSTREAM, REDIS, SETTINGS

UPSTREAM_CONNECT_TIMEOUT_S = 5


def create_app(settings: Settings) -> web.Application:
    app = web.Application(client_max_size=couch_proxy.MAX_BODY_BYTES)
    app[SETTINGS] = settings
    app[SUSPENSIONS] = SuspensionCheck()
    app[media_routes.MEDIA] = media_store(settings)
    app.cleanup_ctx.append(_clients)
    app.cleanup_ctx.append(search_routes.directory_index_ctx)  # needs the clients above
    app.cleanup_ctx.append(assistant_routes.assistants_ctx)  # needs the directory index above
    app.cleanup_ctx.append(telegram_routes.telegram_application)  # needs app[REDIS] above
    for module in (
        app_routes, health, metrics, couch_proxy, webhook_routes, telegram_routes,
        code_routes, password_routes, totp_routes, session_routes, search_routes, compare_routes,
        contract_routes, media_routes, kyc_routes, shoot_day_routes, payment_webhooks, money_routes, call_sheet_links,
        assistant_routes, dailies_routes, transcript_search_routes, fx_routes,
    ):
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
    # The core's own (admin) client: sign-in writes sessions and credentials to ops.
    couch = open_couch(app[SETTINGS])
    app[BUS] = build_bus(couch, app[REDIS], settings=app[SETTINGS])
    app[COUCH] = couch
    yield
    await couch.close()
    await app[COUCH_UPSTREAM].close()
    app[REDIS].close()
