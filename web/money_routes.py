"""GET /receipts/{number}.pdf: a person prints a receipt or invoice of their own (the copy in
their own database is the one they may see). Rendering runs in a thread: fpdf2 is CPU work."""
import asyncio

import aiohttp
from aiohttp import web

from core import scopes
from web.keys import BUS
from web.search_routes import SIGN_IN_CHECK
from web.signed_in import NotSignedIn
from workers.invoice_pdf import render
from workers.pdf_fonts import installed_font

routes = web.RouteTableDef()


@routes.get(r"/receipts/{number:NC-[A-Z]{3}-\d{4}-\d{6,}}.pdf")
async def receipt_pdf(request: web.Request) -> web.Response:
    try:
        person_id = await request.app[SIGN_IN_CHECK].person(request)
    except NotSignedIn:
        return web.json_response({"error": "unauthorized", "reason": "Sign in to print your receipts."}, status=401)
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return web.json_response({"error": "unavailable", "reason": "Try again soon."}, status=503)
    number = request.match_info["number"]
    store = request.app[BUS].services.store
    document = None
    for kind in ("receipt", "invoice"):
        document = document or await store.get(scopes.user_db(person_id), f"{kind}:{number}")
    if document is None:
        return web.json_response({"error": "not_found", "reason": "No such receipt of yours."}, status=404)
    pdf = await asyncio.to_thread(render, document, installed_font())
    return web.Response(body=pdf, content_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="{number}.pdf"'})
