"""What the media workers learn about a self-tape (its transcript, its copies) goes on the
application as one entry per file, in a list field, on the office's copy and on the applicant's:
once, however often a worker's job runs or crashes half-way."""
from core import scopes
from core.bus import Services


def entry_for(application: dict, field: str, media_index: int) -> dict | None:
    return next((entry for entry in application.get(field, []) if entry["media_index"] == media_index), None)


async def write_entry_once(services: Services, office: str, application: dict, person_id: str, field: str,
                           entry: dict) -> None:
    """`entry` under `field` on both copies of `application` (read from `office`), unless that
    file has one already: a worker's retry, where the first answer stands."""
    def change(copy: dict) -> dict | None:
        if entry_for(copy, field, entry["media_index"]) is not None:
            return None
        return {**copy, field: sorted([*copy.get(field, []), entry], key=lambda e: e["media_index"])}

    doc_id = application["_id"]
    for db, current in ((office, application), (scopes.user_db(person_id), None)):
        if db != office and await services.store.get(db, doc_id) is None:
            continue  # the applicant erased their copy
        await services.store.update(db, doc_id, change, current=current)
