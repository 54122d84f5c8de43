"""The CodeStore port over Redis: expiry by TTL, counters by INCR inside one transaction."""
import asyncio
from datetime import datetime

from redis import Redis

from core.identity.ports import CodeStore


class RedisCodeStore(CodeStore):
    def __init__(self, redis: Redis):
        self._redis = redis

    async def put(self, key: str, value: str, ttl_s: int, now: datetime) -> None:
        await asyncio.to_thread(self._redis.set, key, value, ex=ttl_s)

    async def get(self, key: str, now: datetime) -> str | None:
        value = await asyncio.to_thread(self._redis.get, key)
        return value.decode() if isinstance(value, bytes) else value

    async def take(self, key: str) -> bool:
        return await asyncio.to_thread(self._redis.delete, key) == 1

    async def count(self, key: str, window_s: int, now: datetime) -> int:
        return await asyncio.to_thread(self._count, key, window_s)

    def _count(self, key: str, window_s: int) -> int:
        # SET NX starts the window only at the first count; INCR keeps the TTL it set.
        pipe = self._redis.pipeline(transaction=True)
        pipe.set(key, 0, ex=window_s, nx=True)
        pipe.incr(key)
        return int(pipe.execute()[1])
