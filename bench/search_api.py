"""The api as bench/search.py runs it: web/app.py's app, with search added if it is not wired yet."""
from aiohttp import web

from config.logs import configure_logging
from config.settings import Settings
from web import search_routes
from web.app import create_app


def main() -> None:
    settings = Settings()
    configure_logging(settings.log_level, settings.log_json)
    app = create_app(settings)
    if not any(getattr(route.resource, "canonical", "") == "/search/people" for route in app.router.routes()):
        app.cleanup_ctx.append(search_routes.directory_index_ctx)
        app.add_routes(search_routes.routes)
    web.run_app(app, host=settings.api_host, port=settings.api_port, print=None)


if __name__ == "__main__":
    main()
