"""Self-tapes kept before offices were given their own access (core/media_access.py): each
application's kept files are shared with its production once, by `nollycrew migrate`.

Sharing only adds a marker per file and production, so running it again changes nothing; a file
no longer in the store (erased with its owner) is skipped."""
import structlog

from core import scopes
from core.media import MediaStore, share_uploads
from sync.couch import Couch
from sync.figures_reads import docs_with_prefix

log = structlog.get_logger()


async def share_kept_self_tapes(couch: Couch, store: MediaStore) -> int:
    """How many applications' files were (again) shared with their production's office."""
    shared = 0
    for db in await couch.database_names():
        if not db.startswith(scopes.OFFICE_PREFIX):
            continue
        for application in await docs_with_prefix(couch, db, "application:"):
            entries = application.get("transcripts", [])
            ids = [entry.get("media_id", "") for entry in entries]
            ids += [media_id for entry in entries for media_id in entry.get("subtitles", {}).values()]
            kept = [media_id for media_id in ids if media_id and not media_id.startswith("https://")]
            for media_id in kept:
                try:
                    await share_uploads(store, application["project_id"], media_id)
                except LookupError:
                    log.warning("kept_self_tape_missing", application_id=application.get("application_id"),
                                media_id=media_id)
            shared += bool(kept)
    return shared
