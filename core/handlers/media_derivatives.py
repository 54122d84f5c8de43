"""The media worker's copies of a self-tape, written onto the application (the office's copy and
the applicant's) once, however often the worker's job runs."""
from core import scopes
from core.bus import Result, Services
from core.handlers.self_tape_entries import write_entry_once
from core.media_derivatives import AttachDerivedMedia, derived_entry, derived_for, derived_refusal_entry


async def attach_derived_media(cmd: AttachDerivedMedia, services: Services) -> Result:
    doc_id = f"application:{cmd.application_id}"
    office = scopes.office_db(cmd.project_id)
    application = await services.store.get(office, doc_id)
    if application is None or not 0 <= cmd.media_index < len(application.get("media", [])):
        return Result()  # withdrawn or erased while the worker encoded: nothing to write on
    # The office's entry, once written, is the one both copies keep: a retry that crashed
    # between the two writes copies it rather than making a second one with a later time.
    entry = derived_for(application, cmd.media_index) or _entry(cmd, services.clock.now().isoformat())
    await write_entry_once(services, office, application, cmd.person_id, "derived_media", entry)
    return Result(ref=cmd.application_id)


def _entry(cmd: AttachDerivedMedia, at: str) -> dict:
    if cmd.derived is None:
        return derived_refusal_entry(cmd.media_index, cmd.source_media_id, cmd.reason, at)
    return derived_entry(cmd.media_index, cmd.source_media_id, cmd.derived, at)


DERIVED_MEDIA_HANDLERS = {AttachDerivedMedia: attach_derived_media}
