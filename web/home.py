"""The front page, until the producers' web app is served from here."""
from aiohttp import web

routes = web.RouteTableDef()

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>NollyCrew</title></head>
<body><h1>NollyCrew</h1>
<p>The api is running. Devices replicate through <code>/db/</code>;
Twilio posts to <code>/webhooks/twilio/whatsapp</code>; health is at
<a href="/healthz">/healthz</a>, metrics at <a href="/metrics">/metrics</a>.</p>
</body></html>
"""


@routes.get("/")
async def front_page(request: web.Request) -> web.Response:
    return web.Response(text=PAGE, content_type="text/html")
