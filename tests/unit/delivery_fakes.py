"""An in-memory stand-in for the few Redis commands delivery and the inbound guard use.

Values come back as bytes, as redis-py gives them without decode_responses. Expiry is kept
(`ttl`) but never applied: a unit test says what time it is through `now`, not by waiting.
"""
import fnmatch


class MemoryRedis:
    def __init__(self):
        self.values: dict[str, bytes] = {}
        self.sorted_sets: dict[str, dict[str, float]] = {}
        self.hashes: dict[str, dict[str, bytes]] = {}
        self.ttls: dict[str, int] = {}

    def pipeline(self) -> "MemoryPipeline":
        return MemoryPipeline(self)

    def set(self, key: str, value, ex: int | None = None, nx: bool = False):
        if nx and key in self.values:
            return None
        self.values[key] = value if isinstance(value, bytes) else str(value).encode()
        if ex is not None:
            self.ttls[key] = ex
        return True

    def get(self, key: str) -> bytes | None:
        return self.values.get(key)

    def exists(self, *keys: str) -> int:
        return sum(1 for key in keys if key in self.values or key in self.sorted_sets or key in self.hashes)

    def delete(self, *keys: str) -> int:
        removed = 0
        for key in keys:
            key = key.decode() if isinstance(key, bytes) else key
            for space in (self.values, self.sorted_sets, self.hashes):
                if space.pop(key, None) is not None:
                    removed += 1
        return removed

    def expire(self, key: str, seconds: int) -> bool:
        self.ttls[key] = seconds
        return True

    def ttl(self, key: str) -> int:
        return self.ttls.get(key, -1)

    def zadd(self, key: str, mapping: dict) -> int:
        members = self.sorted_sets.setdefault(key, {})
        added = sum(1 for member in mapping if member not in members)
        members.update({member: float(score) for member, score in mapping.items()})
        return added

    def zremrangebyscore(self, key: str, low, high) -> int:
        low = float("-inf") if low == "-inf" else float(low)
        members = self.sorted_sets.get(key, {})
        gone = [member for member, score in members.items() if low <= score <= float(high)]
        for member in gone:
            del members[member]
        return len(gone)

    def zcard(self, key: str) -> int:
        return len(self.sorted_sets.get(key, {}))

    def hsetnx(self, key: str, field: str, value: str) -> int:
        fields = self.hashes.setdefault(key, {})
        if field in fields:
            return 0
        fields[field] = value.encode()
        return 1

    def hdel(self, key: str, *fields: str) -> int:
        stored = self.hashes.get(key, {})
        return sum(1 for field in fields if stored.pop(field, None) is not None)

    def hgetall(self, key: str) -> dict[bytes, bytes]:
        return {field.encode(): value for field, value in self.hashes.get(key, {}).items()}

    def scan_iter(self, match: str = "*"):
        keys = [*self.values, *self.sorted_sets, *self.hashes]
        return iter([key.encode() for key in keys if fnmatch.fnmatchcase(key, match)])


class MemoryPipeline:
    """Queues the calls and runs them in order on execute(), as a MULTI/EXEC would."""

    def __init__(self, redis: MemoryRedis):
        self._redis, self._calls = redis, []

    def __getattr__(self, name: str):
        def queue(*args, **kwargs):
            self._calls.append((name, args, kwargs))
            return self

        return queue

    def execute(self) -> list:
        results = [getattr(self._redis, name)(*args, **kwargs) for name, args, kwargs in self._calls]
        self._calls = []
        return results
