"""Typed application keys shared by the route modules."""
import aiohttp
from aiohttp import web
from redis import Redis

from config.settings import Settings
from core.bus import MessageBus
from sync.couch import Couch

SETTINGS = web.AppKey("settings", Settings)
REDIS = web.AppKey("redis", Redis)
COUCH_UPSTREAM = web.AppKey("couch_upstream", aiohttp.ClientSession)
BUS = web.AppKey("bus", MessageBus)  # the core's handlers, as admin: sign-in and sessions
COUCH = web.AppKey("couch", Couch)  # the admin client under BUS, for reads the store port lacks
