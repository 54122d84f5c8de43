"""`nollycrew migrate` shares self-tapes kept before offices had their own access with the
production each was sent to: once per file, again harmlessly, skipping files no longer kept."""
import uuid

from core import scopes
from sync.store import CouchStore
from sync.media_files import LocalMediaStore
from sync.media_sharing import share_kept_self_tapes


async def test_kept_self_tapes_and_subtitles_are_shared_with_the_office_once(couch, tmp_path):
    store = LocalMediaStore(tmp_path / "media", link_secret="test-media-link-secret")
    tape = await store.save("applicant01", "voice_clip", "audio/ogg", b"OggS" + b"\0" * 60)
    vtt = await store.save("applicant01", "subtitles", "text/vtt", b"WEBVTT\n\n")
    project_id = uuid.uuid4().hex[:20]
    office = scopes.office_db(project_id)
    await couch.ensure_database(office)
    gone = uuid.uuid4().hex  # erased with its owner: skipped, the rest still shared
    await CouchStore(couch).create(office, {
        "_id": "application:a1", "application_id": "a1", "project_id": project_id, "transcripts": [
            {"media_index": 0, "media_id": tape.media_id, "subtitles": {"vtt": vtt.media_id}},
            {"media_index": 1, "media_id": gone, "subtitles": {}},
            {"media_index": 2, "status": "refused", "reason": "no speech"},
        ]})
    await CouchStore(couch).create(office, {"_id": "application:a2", "application_id": "a2",
                                            "project_id": project_id, "transcripts": []})

    assert (await store.describe(tape.media_id)).projects == ()
    first = await share_kept_self_tapes(couch, store)
    again = await share_kept_self_tapes(couch, store)

    assert first >= 1 and again == first
    assert (await store.describe(tape.media_id)).projects == (project_id,)
    assert (await store.describe(vtt.media_id)).projects == (project_id,)
