"""The office's assistants over HTTP: casting recommendations for a casting call, a rough budget from
the breakdown, and marketing copy. The rules are core's (core/casting_recommendations.py,
core/budget/estimate.py, core/marketing.py); this finds the documents, checks who is asking, and
runs what may wait on a model in a thread.

    GET  /projects/{project}/casting/{casting_call}/recommendations?limit=10[&ranked_by=keywords]
    GET  /projects/{project}/budget-estimate?scale=low&state=Lagos[&city=Ikeja]
    POST /projects/{project}/marketing  {"genre": "thriller", "synopsis": "..."}
"""
import asyncio
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import structlog
from aiohttp import web

from config.settings import Settings
from core import scopes
from core.budget.estimate import checked_rates, estimate_budget
from core.casting_recommendations import DEFAULT_LIMIT, brief_from_casting_call, rank, shortlist
from core.embeddings import EmbeddingsUnavailable, ProfileVectors
from core.errors import Rejected
from core.handlers.team import project_roles_of
from core.marketing import NOT_CONFIGURED, MarketingWriter, film_facts, marketing_copy
from core.project_roles import VIEW_BUDGET, may, sees_office
from web.keys import BUS, SETTINGS
from web.search_routes import SEARCH_FEED, SIGN_IN_CHECK, WARMING_UP_RETRY_AFTER_S
from web.signed_in import NotSignedIn
from workers.embeddings import embeddings_from_settings
from workers.marketing import marketing_writer_from_settings

log = structlog.get_logger()
routes = web.RouteTableDef()
PROJECT = r"{project_id:[a-z0-9]{6,40}}"
CASTING_CALL = r"{casting_call_id:[a-z0-9]{6,64}}"
DEFAULT_RATES_PATH = Path(__file__).resolve().parents[1] / "config" / "rates.toml"
MAX_BODY_CHARS = 8000
STALE_VECTORS_ALLOWED = 1000  # vectors of deleted profiles kept before a sweep: about 1 MB of WordLlama ones
CANDIDATE_FIELDS = ("name", "headline", "city", "state", "gender", "languages", "playing_age", "rate", "skills")


@dataclass
class Assistants:
    settings: Settings
    writer: MarketingWriter | None  # None: marketing is not configured
    rates: dict
    _vectors: ProfileVectors | None = None
    _loaded: bool = False
    _loading: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def vectors(self) -> ProfileVectors | None:
        """The embeddings model, loaded at the first recommendation (a second, in a thread) rather
        than at every start of the api; None if it cannot be loaded: shared words rank then."""
        async with self._loading:
            if not self._loaded:
                try:
                    self._vectors = ProfileVectors(await asyncio.to_thread(embeddings_from_settings, self.settings))
                except (ImportError, OSError, ValueError) as error:  # the wheel missing or damaged
                    log.error("embeddings_unavailable", error=repr(error))
                self._loaded = True
        return self._vectors


ASSISTANTS = web.AppKey("assistants", Assistants)


async def assistants_ctx(app: web.Application):
    """cleanup_ctx: the marketing writer and the budget rates (checked at start: a bad rates file
    stops the api rather than the first estimate)."""
    settings = app[SETTINGS]
    rates_path = Path(settings.budget_rates_path or DEFAULT_RATES_PATH)
    with rates_path.open("rb") as file:
        rates = checked_rates(tomllib.load(file))
    app[ASSISTANTS] = Assistants(settings, marketing_writer_from_settings(settings), rates)
    yield


@routes.get(f"/projects/{PROJECT}/casting/{CASTING_CALL}/recommendations")
async def casting_recommendations(request: web.Request) -> web.Response:
    project_id, services = request.match_info["project_id"], request.app[BUS].services
    await _require(request, sees_office, "Only the production office sees casting recommendations.")
    casting_call_id = request.match_info["casting_call_id"]
    call = await services.store.get(scopes.office_db(project_id), f"casting_call:{casting_call_id}")
    if call is None:
        return _error(404, "not_found", "This project has no such casting call.")
    try:
        limit = int(request.query.get("limit", DEFAULT_LIMIT))
    except ValueError:
        return _error(400, "bad_request", "limit is a whole number.")
    feed = request.app[SEARCH_FEED]
    if not feed.loaded.is_set():
        return _error(503, "warming_up", "Search is starting up; try again in a moment.",
                      headers={"Retry-After": str(WARMING_UP_RETRY_AFTER_S)})
    assistants = request.app[ASSISTANTS]
    vectors = None if request.query.get("ranked_by") == "keywords" else await assistants.vectors()
    people = feed.index.people.records
    if vectors is not None and len(vectors) > len(people) + STALE_VECTORS_ALLOWED:
        vectors.keep_only(list(people))  # profiles deleted since they were ranked
    try:
        brief = brief_from_casting_call(call)
        docs = shortlist(feed.index, brief, limit)  # beside the feed that changes the index: not in a thread
        found = await asyncio.to_thread(rank, docs, brief, vectors, limit)
    except Rejected as refusal:
        return _error(400, "bad_request", refusal.reason)
    except EmbeddingsUnavailable as unavailable:
        return _error(502, "embeddings_unavailable", f"The embeddings server could not answer ({unavailable.reason}).")
    return web.json_response({
        "casting_call_id": call["casting_call_id"], "role_name": call["role_name"], "considered": found.considered,
        "ranked_by": found.ranked_by,
        "candidates": [{"person_id": c.person_id, "score": c.score, "reason": c.reason,
                        **{name: c.doc.get(name) for name in CANDIDATE_FIELDS}} for c in found.candidates],
    })


@routes.get(f"/projects/{PROJECT}/budget-estimate")
async def budget_estimate(request: web.Request) -> web.Response:
    project_id, services = request.match_info["project_id"], request.app[BUS].services
    await _require(request, lambda roles: may(roles, VIEW_BUDGET), "Your role does not see the budget.")
    breakdown = await services.store.get(scopes.office_db(project_id), "breakdown")
    query = request.query
    try:
        estimate = estimate_budget((breakdown or {}).get("scenes", []), query.get("state", ""), query.get("city", ""),
                                   query.get("scale", "low"), request.app[ASSISTANTS].rates)
    except Rejected as refusal:
        return _error(400, "bad_request", refusal.reason)
    return web.json_response({**estimate, "project_id": project_id,
                              "breakdown_version": (breakdown or {}).get("version")})


@routes.post(f"/projects/{PROJECT}/marketing")
async def marketing(request: web.Request) -> web.Response:
    project_id, services = request.match_info["project_id"], request.app[BUS].services
    await _require(request, sees_office, "Only the production office writes marketing copy.")
    writer = request.app[ASSISTANTS].writer
    if writer is None:
        return _error(503, "not_configured", Rejected(NOT_CONFIGURED).reason)
    try:
        body = json.loads((await request.text())[:MAX_BODY_CHARS] or "{}")
    except ValueError:
        return _error(400, "bad_request", "Send JSON: {\"genre\": ..., \"synopsis\": ...}.")
    if not isinstance(body, dict) or not all(isinstance(body.get(k, ""), str) for k in ("genre", "synopsis")):
        return _error(400, "bad_request", "genre and synopsis are text.")
    project = await services.store.get(scopes.project_db(project_id), "project") or {}
    breakdown = await services.store.get(scopes.office_db(project_id), "breakdown")
    try:
        facts = film_facts(project, body.get("genre", ""), body.get("synopsis", ""), breakdown)
    except Rejected as refusal:
        return _error(400, "bad_request", refusal.reason)
    try:
        return web.json_response(await asyncio.to_thread(marketing_copy, facts, writer))
    except Rejected as refusal:  # the writer could not answer: the model server's problem, not the office's
        return _error(502, "writer_unavailable", refusal.reason)


async def _require(request: web.Request, allowed, refusal: str) -> str:
    """The signed-in person, if their project roles pass `allowed`; else 401, 403 or 503 with the reason."""
    try:
        person_id = await request.app[SIGN_IN_CHECK].person(request)
    except NotSignedIn:
        raise web.HTTPUnauthorized(text=_json("unauthorized", "Sign in first."), content_type="application/json")
    except (aiohttp.ClientError, asyncio.TimeoutError):
        raise web.HTTPServiceUnavailable(
            text=_json("unavailable", "We cannot check who you are right now; try again soon."),
            content_type="application/json")
    roles = await project_roles_of(request.app[BUS].services, request.match_info["project_id"], person_id)
    if not allowed(roles):
        raise web.HTTPForbidden(text=_json("forbidden", refusal), content_type="application/json")
    return person_id


def _json(error: str, reason: str) -> str:
    return json.dumps({"error": error, "reason": reason})


def _error(status: int, error: str, reason: str, headers: dict | None = None) -> web.Response:
    return web.json_response({"error": error, "reason": reason}, status=status, headers=headers)
