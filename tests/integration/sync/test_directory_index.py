"""sync/directory_index.py: the search index loads the directory in pages, then follows its changes."""
import asyncio
import uuid

import pytest

from core import scopes
from core.search import DirectoryIndex, PeopleQuery
from sync.directory_index import DirectoryIndexFeed
from sync.store import CouchStore
from tests.integration.helpers import eventually


def profile(tag: str, n: int, **fields) -> dict:
    pid = f"{tag}{n:02d}"
    return {"_id": f"person:{pid}", "type": "person", "person_id": pid, "name": f"Person {n}",
            "roles": ["crew"], "state": "Lagos", "city": "Yaba", "skills": [tag], **fields}


@pytest.fixture
def tag() -> str:
    """A skill nobody else's test data has, so other tests' profiles never match."""
    return "t" + uuid.uuid4().hex[:10]


@pytest.fixture
async def started(couch):
    tasks = []

    async def start(page_size: int) -> DirectoryIndexFeed:
        feed = DirectoryIndexFeed(couch, DirectoryIndex(), page_size=page_size)
        tasks.append(asyncio.create_task(feed.run()))
        await asyncio.wait_for(feed.loaded.wait(), 20)
        return feed

    yield start
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


def found(feed: DirectoryIndexFeed, tag: str) -> set[str]:
    page = feed.index.search_people(PeopleQuery(skills=(tag,), limit=100))
    return {hit.doc["person_id"] for hit in page.hits}


async def test_the_index_loads_every_existing_profile_across_pages(couch, started, tag):
    store = CouchStore(couch)
    for n in range(7):
        await store.create(scopes.DIRECTORY, profile(tag, n))

    feed = await started(page_size=3)

    assert found(feed, tag) == {f"{tag}{n:02d}" for n in range(7)}
    assert feed.load_seconds is not None


async def test_the_index_follows_changes_written_after_it_started(couch, started, tag):
    store = CouchStore(couch)
    await store.create(scopes.DIRECTORY, profile(tag, 1))
    feed = await started(page_size=100)

    await store.create(scopes.DIRECTORY, profile(tag, 2))
    await store.update(scopes.DIRECTORY, f"person:{tag}01", lambda doc: {**doc, "state": "Kano"})

    async def caught_up():
        return found(feed, tag) == {f"{tag}01", f"{tag}02"} and {
            hit.doc["person_id"] for hit in feed.index.search_people(
                PeopleQuery(skills=(tag,), state="Kano")).hits} == {f"{tag}01"}

    await eventually(caught_up)

    doc = await couch.document(scopes.DIRECTORY, f"person:{tag}02")
    await doc.delete()

    async def deletion_seen():
        return found(feed, tag) == {f"{tag}01"}

    await eventually(deletion_seen)
