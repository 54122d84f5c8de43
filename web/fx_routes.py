"""GET /fx/rates: the exchange rates NollyCrew keeps (admins record them; core/handlers/fx.py), as
naira per dollar, pound and euro, for showing amounts in another currency. The rates live in
`ops`, which no device reads, so a signed-in device asks here when it is online and keeps the
answer; amounts stay naira everywhere else: this is for reading, never for paying."""
import asyncio
from fractions import Fraction

import aiohttp
from aiohttp import web

from core import scopes
from core.handlers.fx import latest_id
from web.keys import BUS
from web.search_routes import SIGN_IN_CHECK
from web.signed_in import NotSignedIn

routes = web.RouteTableDef()
HOME_CURRENCY = "NGN"
SHOWN_CURRENCIES = ("USD", "GBP", "EUR")
RATE_DECIMALS = 6


@routes.get("/fx/rates")
async def rates(request: web.Request) -> web.Response:
    try:
        await request.app[SIGN_IN_CHECK].person(request)
    except NotSignedIn:
        return web.json_response({"error": "unauthorized", "reason": "Sign in first."}, status=401)
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return web.json_response({"error": "unavailable", "reason": "Try again soon."}, status=503)
    store = request.app[BUS].services.store
    shown = {}
    for currency in SHOWN_CURRENCIES:
        rate = await _naira_per_unit(store, currency)
        if rate is not None:
            shown[currency] = rate
    return web.json_response({"base": HOME_CURRENCY, "rates": shown},
                             headers={"Cache-Control": "private, max-age=300"})


async def _naira_per_unit(store, currency: str) -> dict | None:
    """The newest rate either way round (a rate kept as NGN->USD or as USD->NGN), as naira for one
    unit of `currency`, with when and where it came from."""
    found = []
    for base, quote in ((currency, HOME_CURRENCY), (HOME_CURRENCY, currency)):
        doc = await store.get(scopes.OPS, latest_id(base, quote))
        if doc is not None and doc.get("numerator") and doc.get("denominator"):
            ratio = Fraction(doc["numerator"], doc["denominator"])
            found.append((doc["at"], ratio if base == currency else 1 / ratio, doc.get("source", "")))
    if not found:
        return None
    at, naira, source = max(found, key=lambda entry: entry[0])
    return {"naira_per_unit": f"{float(naira):.{RATE_DECIMALS}f}", "at": at, "source": source}
