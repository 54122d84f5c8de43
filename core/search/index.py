"""The in-memory index: every public profile and open job post, searchable by the filters of
core.search.query, ranked by core.search.ranking.

A people search turns each filter into a set of ids (exact values, word prefixes, rate and rating
ranges, busy days to leave out), intersects them smallest first, and ranks what is left.
5,000 open jobs are few enough to check one by one. CouchDB stays the system of record: the
index is rebuilt from it at start (sync/directory_index.py).
"""
import heapq

from core.search import ranking
from core.search.query import Hit, JobQuery, Page, PeopleQuery, folded
from core.search.records import (
    WORD, Rate, job_keys, job_record, profile_keys, profile_ranges, profile_record,
)
from core.search.shelf import Shelf

PERSON, JOB_POST = "person", "job_post"
OPEN = "open"
RATE_PERIODS = ("day", "hour", "job", "")


class DirectoryIndex:
    def __init__(self):
        self.people = Shelf()
        self.jobs = Shelf()

    def upsert(self, doc: dict) -> None:
        """Take in the newest version of a directory document; other types are not searched."""
        if doc.get("_deleted"):
            self.remove(doc["_id"])
        elif doc.get("type") == PERSON:
            record = profile_record(doc)
            self.people.put(doc["_id"], record, profile_keys(doc), profile_ranges(record), record.busy_days)
        elif doc.get("type") == JOB_POST:
            if doc.get("status") == OPEN:
                self.jobs.put(doc["_id"], job_record(doc), job_keys(doc))
            else:  # filled or closed: no longer something to apply for
                self.jobs.drop(doc["_id"])

    def remove(self, doc_id: str) -> None:
        self.people.drop(doc_id)
        self.jobs.drop(doc_id)

    @property
    def counts(self) -> dict[str, int]:
        return {"people": len(self.people.records), "jobs": len(self.jobs.records)}

    def search_people(self, query: PeopleQuery) -> Page:
        shelf = self.people
        required = [shelf.ids(field, folded(value)) for field, value in (
            ("role", query.role), ("department", query.department),
            ("state", query.state), ("city", query.city),
        ) if value]
        required += [shelf.ids("language", folded(language)) for language in query.languages]
        required += [shelf.ids_by_prefix("word", word) for word in WORD.findall(folded(query.text))]
        skills = frozenset(folded(skill) for skill in query.skills)
        if skills:
            required.append(set().union(*(shelf.ids("skill", skill) for skill in skills)))
        if query.verified_only:
            required.append(shelf.ids("verified", "yes"))
        if query.min_rating is not None:
            required.append(shelf.columns[("rating",)].between(query.min_rating))
        if query.has_rate_range:
            # People who gave no rate stay in (many negotiate); rates in another currency, or per
            # another period when one is asked for, are not comparable and stay out.
            pers = (query.rate_per,) if query.rate_per else RATE_PERIODS
            within = [shelf.columns[("rate", query.currency, per)].between(query.rate_min, query.rate_max)
                      for per in pers]
            required.append(shelf.ids("rate", "none").union(*within))
        excluded = shelf.busy_between(*_window(query)) if _window(query) else set()
        matched = shelf.matching(required, excluded)
        best = heapq.nsmallest(query.offset + query.limit, matched, key=ranking.profile_order(query, skills))
        hits = [Hit(r.doc, round(ranking.profile_score(r, query, skills), 2), ranking.profile_reason(r, query, skills))
                for r in best[query.offset:]]
        return Page(hits, len(matched))

    def search_jobs(self, query: JobQuery) -> Page:
        shelf = self.jobs
        required = [shelf.ids(field, folded(value)) for field, value in (
            ("department", query.department), ("state", query.state), ("city", query.city),
        ) if value]
        matched = shelf.matching(required)
        for check in _job_checks(query):  # one pass per check over what the last one left
            matched = list(filter(check, matched))
        best = heapq.nsmallest(query.offset + query.limit, matched, key=ranking.job_order)
        hits = [Hit(r.doc, ranking.job_score(r), ranking.job_reason(r)) for r in best[query.offset:]]
        return Page(hits, len(matched))


def _job_checks(query: JobQuery) -> list:
    checks = []
    if query.rate_min is not None or query.rate_max is not None:
        checks.append(lambda r: r.rate is not None and _rate_fits(r.rate, query))
    window = _window(query)
    if window:
        first, last = window
        checks.append(lambda r: r.start_date <= last and r.end_date >= first)
    if query.text.strip():
        words = folded(query.text).split()
        checks.append(lambda r: all(word in r.text for word in words))
    return checks


def _rate_fits(rate: Rate, query: JobQuery) -> bool:
    # Rates in another currency or per another period are not comparable: they do not fit.
    if rate.currency != query.currency or (query.rate_per and rate.per != query.rate_per):
        return False
    return (query.rate_min is None or rate.amount_minor >= query.rate_min) and (
        query.rate_max is None or rate.amount_minor <= query.rate_max)


def _window(query: PeopleQuery | JobQuery) -> tuple[str, str] | None:
    """ISO dates, first and last included; one date alone is a one-day window."""
    if not (query.available_from or query.available_to):
        return None
    first = query.available_from or query.available_to
    last = query.available_to or query.available_from
    return first.isoformat(), last.isoformat()
