"""The local-files store's own parts: links signed with HMAC that die within 15 minutes, ids
that never reach outside the store, and descriptions written before sources and projects."""
import json
from urllib.parse import parse_qs, urlsplit

import pytest

from core.media import LINK_MAX_S
from sync.media_files import LocalMediaStore

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
NOW_S = 1_796_000_000


class Clock:
    def __init__(self):
        self.now_s = float(NOW_S)

    def __call__(self) -> float:
        return self.now_s


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(tmp_path, clock):
    return LocalMediaStore(tmp_path, link_secret="test-media-link-secret", public_url="https://api.nollycrew.test",
                           clock=clock)


def parts(link: str) -> tuple[str, str, str]:
    url = urlsplit(link)
    query = parse_qs(url.query)
    return url.path.rsplit("/", 1)[1], query["expires"][0], query["sig"][0]


async def test_a_link_lasts_at_most_fifteen_minutes(store, clock):
    media = await store.save("ada", "showreel", "video/mp4", b"mp4")
    link = await store.link(media.media_id, 3600)
    assert link.startswith(f"https://api.nollycrew.test/media/{media.media_id}?")
    media_id, expires, sig = parts(link)
    assert int(expires) - NOW_S == LINK_MAX_S
    assert store.link_is_good(media_id, expires, sig)

    clock.now_s += LINK_MAX_S + 1
    assert not store.link_is_good(media_id, expires, sig)


async def test_a_link_cannot_be_bent_to_another_file_or_a_later_time(store, tmp_path, clock):
    media = await store.save("ada", "showreel", "video/mp4", b"mp4")
    other = await store.save("ada", "showreel", "video/mp4", b"mp4")
    media_id, expires, sig = parts(await store.link(media.media_id, 60))
    assert not store.link_is_good(other.media_id, expires, sig)
    assert not store.link_is_good(media_id, str(int(expires) + 600), sig)
    assert not store.link_is_good(media_id, expires, "0" * len(sig))
    assert not store.link_is_good(media_id, "soon", sig)
    stranger = LocalMediaStore(tmp_path, link_secret="another-secret", clock=clock)
    assert not stranger.link_is_good(media_id, expires, sig)


async def test_a_store_without_a_secret_makes_no_links_and_trusts_none(tmp_path, store):
    media = await store.save("ada", "showreel", "video/mp4", b"mp4")
    media_id, expires, sig = parts(await store.link(media.media_id))
    unsigned = LocalMediaStore(tmp_path)
    with pytest.raises(NotImplementedError):
        await unsigned.link(media.media_id)
    assert not unsigned.link_is_good(media_id, expires, sig)


@pytest.mark.parametrize("media_id", ["../../etc/passwd", "a" * 31, "A" * 32, ""])
async def test_an_id_from_an_intent_never_reaches_outside_the_store(store, media_id):
    assert await store.describe(media_id) is None
    assert await store.load(media_id) is None
    assert store.path_of(media_id) is None


async def test_sharing_records_each_project_once(store):
    media = await store.save("ada", "voice_clip", "audio/ogg", b"OggS")
    for project_id in ("eko123nights", "lagos456love", "eko123nights"):
        await store.share_with_project(media.media_id, project_id)
    assert (await store.describe(media.media_id)).projects == ("eko123nights", "lagos456love")
    with pytest.raises(LookupError):
        await store.share_with_project("f" * 32, "eko123nights")
    with pytest.raises(ValueError):
        await store.share_with_project(media.media_id, "../escape")


async def test_a_derived_file_names_its_source_and_old_descriptions_still_load(store, tmp_path):
    source = await store.save("ada", "showreel", "video/mp4", b"mp4")
    still = await store.save("ada", "thumbnail", "image/jpeg", b"\xff\xd8\xff", derived_from=source.media_id)
    assert (await store.describe(still.media_id)).derived_from == source.media_id

    old_id = "c" * 32
    (tmp_path / old_id).write_bytes(PNG)
    (tmp_path / f"{old_id}.json").write_text(json.dumps(
        {"media_id": old_id, "owner_id": "ada", "kind": "headshot", "content_type": "image/png", "size": len(PNG)}))
    old, data = await store.load(old_id)
    assert (old.derived_from, old.projects, data) == ("", (), PNG)


async def test_a_local_upload_goes_through_the_api(store):
    answer = await store.upload_link("ada", "headshot", "image/png", 1000)
    assert (answer["method"], answer["url"]) == ("POST", "https://api.nollycrew.test/media/headshot")
    media = await store.save("ada", "headshot", "image/png", PNG)
    assert await store.complete_upload("ada", media.media_id) == media
