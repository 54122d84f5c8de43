"""Where the index keeps one kind of record: by id, by exact value, by ranges, by busy day.

Every filter of a people search becomes a set of ids here, so a search is set intersections
(which run in C) rather than a Python check per profile: 50,000 profiles in a few milliseconds.
"""
from bisect import bisect_left, bisect_right
from collections import defaultdict


class SortedColumn:
    """Ids in order of one value (a rate, a rating), for range queries."""

    def __init__(self):
        self._values: list = []
        self._ids: list[str] = []

    def add(self, value, doc_id: str) -> None:
        at = bisect_right(self._values, value)
        self._values.insert(at, value)
        self._ids.insert(at, doc_id)

    def discard(self, value, doc_id: str) -> None:
        low, high = bisect_left(self._values, value), bisect_right(self._values, value)
        for at in range(low, high):
            if self._ids[at] == doc_id:
                del self._values[at], self._ids[at]
                return

    def between(self, low=None, high=None) -> set[str]:
        """Ids whose value is from `low` to `high`, both included; None is open-ended."""
        start = 0 if low is None else bisect_left(self._values, low)
        end = len(self._values) if high is None else bisect_right(self._values, high)
        return set(self._ids[start:end])


class Shelf:
    """Records of one kind by document id, and the ids filed under each (field, value)."""

    def __init__(self):
        self.records: dict[str, object] = {}
        self._keys: dict[str, list] = {}  # what each record was filed under, to unfile it
        self.filed: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.columns: dict[tuple, SortedColumn] = defaultdict(SortedColumn)
        self.busy_on: dict[str, set[str]] = defaultdict(set)  # ISO date: ids busy that day
        # One shared tuple per (field, value) instead of one per profile: tens of MB at 50,000.
        self._shared_keys: dict[tuple, tuple] = {}

    def put(self, doc_id: str, record, keys: list, ranges: list = (), busy_days=()) -> None:
        """File a record; `ranges` are (column, value) pairs for SortedColumns."""
        self.drop(doc_id)
        self.records[doc_id] = record
        keys = tuple(self._shared_keys.setdefault(key, key) for key in keys)
        ranges = tuple((self._shared_keys.setdefault(column, column), value) for column, value in ranges)
        self._keys[doc_id] = (keys, ranges, busy_days)
        for key in keys:
            self.filed[key].add(doc_id)
        for column, value in ranges:
            self.columns[column].add(value, doc_id)
        for day in busy_days:
            self.busy_on[day].add(doc_id)

    def drop(self, doc_id: str) -> None:
        if self.records.pop(doc_id, None) is None:
            return
        keys, ranges, busy_days = self._keys.pop(doc_id)
        for key in keys:
            _unfile(self.filed, key, doc_id)
        for column, value in ranges:
            self.columns[column].discard(value, doc_id)
        for day in busy_days:
            _unfile(self.busy_on, day, doc_id)

    def ids(self, field: str, value: str) -> set[str]:
        return self.filed.get((field, value), set())

    def ids_by_prefix(self, field: str, prefix: str) -> set[str]:
        """Ids filed under any value of `field` that starts with `prefix` ("ade": Adebayo, Adeyemi)."""
        return set().union(*(ids for (f, value), ids in self.filed.items()
                             if f == field and value.startswith(prefix)))

    def busy_between(self, first: str, last: str) -> set[str]:
        return set().union(*(ids for day, ids in self.busy_on.items() if first <= day <= last))

    def matching(self, required: list[set[str]], excluded: set[str] = frozenset()) -> list:
        """Records in every `required` set (all when there are none) and not in `excluded`."""
        if required:
            required.sort(key=len)  # the smallest first: every intersection after it is cheap
            ids = required[0].intersection(*required[1:])
        else:
            ids = self.records.keys()
        if excluded:
            ids = ids - excluded
        return [self.records[doc_id] for doc_id in ids]


def _unfile(index: dict, key, doc_id: str) -> None:
    ids = index.get(key)
    if ids is not None:
        ids.discard(doc_id)
        if not ids:
            del index[key]
