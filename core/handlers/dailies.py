"""Dailies review in the office database: uploads become versions (each handed to the media
worker for its subtitles, written back on the version once), notes land on a version, and the
office invites reviewers from outside it. The rules are core/dailies.py's and
core/dailies_subtitles.py's."""
from core import scopes
from core.bus import Result, Services
from core.dailies import (
    COMMENT_MAX_CHARS, NOTE_MAX_CHARS, REVIEWERS_ID, check_frame_rate, comment_time, dailies_doc_id, find_version,
    label_key, may_review, with_comment, with_reviewer, with_version,
)
from core.dailies_commands import CommentOnDailies, InviteDailiesReviewer, RemoveDailiesReviewer, UploadDailies
from core.dailies_subtitles import AttachDailiesSubtitles, answer_entry, has_transcript, with_subtitles
from core.errors import Rejected
from core.handlers.scripts import require_office
from core.handlers.team import project_roles_of
from core.media import require_own_upload, share_uploads


async def upload_dailies(cmd: UploadDailies, services: Services) -> Result:
    await require_office(services, cmd.project_id, cmd.by, Rejected("Only the production office can upload dailies."))
    key = label_key(cmd.label)
    check_frame_rate(cmd.frame_rate_fps)
    await require_own_upload(services.media, cmd.by, cmd.media_id, "dailies", "dailies")
    office, doc_id, now = scopes.office_db(cmd.project_id), dailies_doc_id(key), services.clock.now().isoformat()
    await services.store.create(office, {"_id": doc_id, "type": "dailies", "label": cmd.label.strip(), "key": key,
                                         "versions": []})
    version = {
        "media_id": cmd.media_id, "uploaded_by": cmd.by, "at": now, "note": cmd.note.strip()[:NOTE_MAX_CHARS],
        "frame_rate_fps": cmd.frame_rate_fps, "comments": [], "source_intent": cmd.intent_id,
    }
    doc = await services.store.update(office, doc_id, lambda current: with_version(current, version))
    # Shared once the version is written: a refused upload leaves the file its owner's alone.
    await share_uploads(services.media, cmd.project_id, cmd.media_id)
    written = next(v for v in doc["versions"] if v["source_intent"] == cmd.intent_id)
    await _queue_subtitles(services, cmd.project_id, key, written)
    return Result(ref=f"{doc_id}:{written['number']}")


async def _queue_subtitles(services: Services, project_id: str, key: str, version: dict) -> None:
    """The take to the media worker for its subtitles. A retried upload asks again (the first
    try may have stopped before this line), and the job id makes it one job."""
    work = services.media_work  # the api's bus and unit tests' buses may have none
    if work is None or has_transcript(version) or version["media_id"].startswith("https://"):
        return  # a link is not in our media store: the worker would have nothing to hear
    await work.transcribe_dailies(project_id, key, version["number"])


async def attach_dailies_subtitles(cmd: AttachDailiesSubtitles, services: Services) -> Result:
    """The worker's answer on its version, once: a retried job finds the first answer and
    writes nothing; a label or version gone since (or holding another file) is left alone."""
    office, doc_id = scopes.office_db(cmd.project_id), dailies_doc_id(cmd.key)
    doc = await services.store.get(office, doc_id)
    if doc is None or not any(v["number"] == cmd.version and v["media_id"] == cmd.media_id for v in doc["versions"]):
        return Result()
    transcript, subtitles = answer_entry(cmd, services.clock.now().isoformat())
    await services.store.update(office, doc_id,
                                lambda current: with_subtitles(current, cmd.version, cmd.media_id, transcript,
                                                               subtitles), current=doc)
    return Result(ref=f"{doc_id}:{cmd.version}")


async def comment_on_dailies(cmd: CommentOnDailies, services: Services) -> Result:
    office = scopes.office_db(cmd.project_id)
    roles = await project_roles_of(services, cmd.project_id, cmd.person_id)
    if not may_review(roles, cmd.person_id, await services.store.get(office, REVIEWERS_ID)):
        raise Rejected("Only the production office and the reviewers it invites can comment on dailies.")
    text = cmd.text.strip()
    if not text or len(text) > COMMENT_MAX_CHARS:
        raise Rejected("A comment is 1 to {most} characters.", most=COMMENT_MAX_CHARS)
    doc_id = dailies_doc_id(label_key(cmd.label))
    version = find_version(await services.store.get(office, doc_id), cmd.label, cmd.version)
    at_s, timecode = comment_time(cmd.at_s, cmd.timecode, version["frame_rate_fps"])
    comment = {"at_s": at_s, "timecode": timecode, "text": text, "by": cmd.person_id,
               "at": services.clock.now().isoformat(), "source_intent": cmd.intent_id}
    await services.store.update(office, doc_id, lambda current: with_comment(current, cmd.version, comment))
    return Result(ref=f"{doc_id}:{cmd.version}")


async def invite_dailies_reviewer(cmd: InviteDailiesReviewer, services: Services) -> Result:
    await require_office(services, cmd.project_id, cmd.by,
                         Rejected("Only the production office can choose who reviews dailies."))
    card = await services.store.get(scopes.DIRECTORY, f"person:{cmd.person_id}")
    if card is None:
        raise Rejected("We cannot find that person: they need to sign up first.")
    office = scopes.office_db(cmd.project_id)
    await services.store.create(office, {"_id": REVIEWERS_ID, "type": "dailies_reviewers", "people": []})
    reviewer = {"person_id": cmd.person_id, "name": card.get("name", ""), "invited_by": cmd.by,
                "at": services.clock.now().isoformat()}
    await services.store.update(office, REVIEWERS_ID, lambda current: with_reviewer(current, reviewer))
    return Result(ref=REVIEWERS_ID)


async def remove_dailies_reviewer(cmd: RemoveDailiesReviewer, services: Services) -> Result:
    await require_office(services, cmd.project_id, cmd.by,
                         Rejected("Only the production office can choose who reviews dailies."))

    def remove(reviewers: dict) -> dict | None:
        people = [r for r in reviewers["people"] if r["person_id"] != cmd.person_id]
        return None if len(people) == len(reviewers["people"]) else {**reviewers, "people": people}

    office = scopes.office_db(cmd.project_id)
    if await services.store.get(office, REVIEWERS_ID) is not None:
        await services.store.update(office, REVIEWERS_ID, remove)
    return Result(ref=REVIEWERS_ID)


DAILIES_HANDLERS = {
    UploadDailies: upload_dailies,
    CommentOnDailies: comment_on_dailies,
    InviteDailiesReviewer: invite_dailies_reviewer,
    RemoveDailiesReviewer: remove_dailies_reviewer,
    AttachDailiesSubtitles: attach_dailies_subtitles,
}
