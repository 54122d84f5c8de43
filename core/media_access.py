"""Who may see an uploaded file.

A headshot is for every signed-in person; an ID document for its owner only. A self-tape is for
its owner and the office of each production it was submitted to, never for the other actors who
applied. A file made from another (a thumbnail, a smaller video, subtitles) is seen by whoever
sees its source, so a producer who may play a self-tape also gets its thumbnail.
"""
from core.bus import Services
from core.handlers.team import project_roles_of
from core.media import AS_SOURCE, EVERYONE, MEDIA_KINDS, OWNER, SUBMITTED, MediaStore, StoredMedia
from core.project_roles import sees_office

# A thumbnail of a smaller video of an upload is as deep as the ffmpeg worker goes; a longer
# chain is a loop or a mistake, and nobody but the owner sees through it.
SOURCE_DEPTH_MAX = 4


async def governing(store: MediaStore, media: StoredMedia) -> StoredMedia | None:
    """The file whose kind decides who sees `media`: itself, or the upload it was made from.
    None when that upload is gone (erased with its owner's data) or the chain is too deep."""
    current = media
    for _ in range(SOURCE_DEPTH_MAX):
        if _seen_by(current) != AS_SOURCE or not current.derived_from:
            return current
        source = await store.describe(current.derived_from)
        if source is None:
            return None
        current = source
    return None


def rule_of(holder: StoredMedia) -> str:
    """EVERYONE, OWNER or SUBMITTED. A derived file saved without its source (subtitles kept
    before sources were recorded) is treated as submitted: its owner and the offices it was
    shared with."""
    seen_by = _seen_by(holder)
    return SUBMITTED if seen_by == AS_SOURCE else seen_by


def may_see_with(media: StoredMedia, holder: StoredMedia | None, person_id: str, offices: set[str]) -> bool:
    """The rule, given the projects whose office the person is in (`offices`)."""
    if person_id == media.owner_id:
        return True
    if holder is None:
        return False
    rule = rule_of(holder)
    if rule == EVERYONE:
        return True
    if person_id == holder.owner_id:
        return True
    return rule == SUBMITTED and bool(offices & submitted_to(media, holder))


def submitted_to(media: StoredMedia, holder: StoredMedia) -> set[str]:
    return set(media.projects) | set(holder.projects)


async def may_see(services: Services, store: MediaStore, media: StoredMedia, person_id: str) -> bool:
    """Whether `person_id` may fetch `media`: the rule above, with the office checked only for
    the projects the file was submitted to (a handful), never by searching every production."""
    holder = await governing(store, media)
    offices = set()
    if holder is not None and person_id not in (media.owner_id, holder.owner_id) and rule_of(holder) == SUBMITTED:
        for project_id in sorted(submitted_to(media, holder)):
            if sees_office(await project_roles_of(services, project_id, person_id)):
                offices.add(project_id)
                break
    return may_see_with(media, holder, person_id, offices)


def _seen_by(media: StoredMedia) -> str:
    kind = MEDIA_KINDS.get(media.kind)
    return OWNER if kind is None else kind.seen_by
