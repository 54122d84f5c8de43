"""The media worker's copies of a self-tape, written onto the application (the office's copy and
the applicant's) once, however often the worker's job runs."""
from core import scopes
from core.bus import Result, Services
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
    for db, current in ((office, application), (scopes.user_db(cmd.person_id), None)):
        if db != office and await services.store.get(db, doc_id) is None:
            continue
        await services.store.update(db, doc_id, _with_derived(entry), current=current)
    return Result(ref=cmd.application_id)


def _entry(cmd: AttachDerivedMedia, at: str) -> dict:
    if cmd.derived is None:
        return derived_refusal_entry(cmd.media_index, cmd.source_media_id, cmd.reason, at)
    return derived_entry(cmd.media_index, cmd.source_media_id, cmd.derived, at)


def _with_derived(entry: dict):
    def change(application: dict) -> dict | None:
        if derived_for(application, entry["media_index"]) is not None:
            return None  # a worker's retry: the first answer stands
        derived = sorted([*application.get("derived_media", []), entry], key=lambda e: e["media_index"])
        return {**application, "derived_media": derived}

    return change


DERIVED_MEDIA_HANDLERS = {AttachDerivedMedia: attach_derived_media}
