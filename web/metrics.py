"""/metrics in the Prometheus text format."""
from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

routes = web.RouteTableDef()


@routes.get("/metrics")
async def metrics(request: web.Request) -> web.Response:
    response = web.Response(body=generate_latest())
    response.content_type = CONTENT_TYPE_LATEST.split(";")[0]
    return response
