"""GET /contracts/{contract_id}.pdf: a party to a contract downloads it as a PDF.

The copy in the person's own database is the one they may see (it holds the signatures so
far); rendering runs in a thread, as fpdf2 is CPU work.
"""
import asyncio

import aiohttp
from aiohttp import web

from core import scopes
from core.handlers.contracts import contract_doc_id
from web.keys import BUS
from web.search_routes import SIGN_IN_CHECK
from web.signed_in import NotSignedIn
from workers.contract_pdf import render
from workers.pdf_fonts import installed_font

routes = web.RouteTableDef()


@routes.get(r"/contracts/{contract_id:[a-z0-9]{6,40}}.pdf")
async def contract_pdf(request: web.Request) -> web.Response:
    try:
        person_id = await request.app[SIGN_IN_CHECK].person(request)
    except NotSignedIn:
        return _error(401, "unauthorized", "Sign in to download your contract.")
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return _error(503, "unavailable", "We cannot check who you are right now; try again soon.")
    contract_id = request.match_info["contract_id"]
    store = request.app[BUS].services.store
    contract = await store.get(scopes.user_db(person_id), contract_doc_id(contract_id))
    if contract is None:
        return _error(404, "not_found", "You are not a party to that contract.")
    pdf = await asyncio.to_thread(render, contract, installed_font())
    return web.Response(
        body=pdf, content_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="contract-{contract_id}.pdf"'},
    )


def _error(status: int, error: str, reason: str) -> web.Response:
    return web.json_response({"error": error, "reason": reason}, status=status)
