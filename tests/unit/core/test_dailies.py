"""Dailies review: each upload of a scene and take is a new version, notes are time-coded and
kept on their version, and only the office and the reviewers it invites take part."""
import pytest

from core import scopes
from core.commands import RegisterPerson
from core.dailies import (
    REVIEWERS_ID, comment_time, dailies_doc_id, label_key, timecode_text,
)
from core.dailies_commands import (
    INTENT_PARSERS, CommentOnDailies, InviteDailiesReviewer, RemoveDailiesReviewer, UploadDailies,
)
from core.errors import Rejected
from core.intents import _Fields
from tests.unit.media_fakes import make_media_bus
from tests.unit.production import open_production

MP4 = b"\x00\x00\x00\x18ftypisom" + b"\x00" * 40


@pytest.mark.parametrize("label, key", [("12A/3", "12a-3"), (" Sc 4 Tk 2 ", "sc-4-tk-2"), ("EXT_MARINA", "ext-marina")])
def test_a_label_becomes_a_key_for_ids_and_links(label, key):
    assert label_key(label) == key


@pytest.mark.parametrize("label", ["", "  / ", "1" * 41])
def test_a_label_must_say_scene_and_take(label):
    with pytest.raises(Rejected, match="scene and take"):
        label_key(label)


@pytest.mark.parametrize("at_s, timecode, fps, seconds, text", [
    (None, "00:01:12:05", 25, 72.2, "00:01:12:05"),
    (72.2, "", 25, 72.2, "00:01:12:05"),
    (None, "01:00:00:23", 24, 3600 + 23 / 24, "01:00:00:23"),
    (None, "0:00:07", 30, 7.0, "00:00:07:00"),
    (3.0, "00:00:01:00", 25, 1.0, "00:00:01:00"),  # the timecode wins when both come
])
def test_a_note_is_placed_by_seconds_or_timecode(at_s, timecode, fps, seconds, text):
    assert comment_time(at_s, timecode, fps) == (round(seconds, 3), text)


@pytest.mark.parametrize("at_s, timecode, fps, words", [
    (None, "00:00:01:25", 25, "frames go from 00 to 24"),
    (None, "1:2:3", 25, "HH:MM:SS:FF"),
    (None, "", 25, "Say where in the take"),
    (-1.0, "", 25, "Say where in the take"),
])
def test_a_note_out_of_the_take_is_refused(at_s, timecode, fps, words):
    with pytest.raises(Rejected, match=words):
        comment_time(at_s, timecode, fps)


def test_a_frame_is_never_rounded_into_the_next():
    assert timecode_text(0.999, 25) == "00:00:00:24"
    assert timecode_text(1 / 3, 30) == "00:00:00:10"


@pytest.fixture
async def production():
    return await open_production(make_media_bus())


async def rushes(production, owner=None, kind="dailies"):
    return (await production.bus.services.media.save(owner or production.producer_id, kind, "video/mp4", MP4)).media_id


async def upload(production, media_id, label="12A/3", intent="dailies_upload:1", by=None):
    return await production.bus.handle(UploadDailies(intent, production.project_id, by or production.producer_id,
                                                     media_id, label))


async def doc(production, key="12a-3"):
    return await production.bus.services.store.get(scopes.office_db(production.project_id), dailies_doc_id(key))


async def test_each_upload_of_a_label_is_a_new_version_shared_with_the_office(production):
    first, second = await rushes(production), await rushes(production)
    assert await upload(production, first) == "dailies:12a-3:1"
    assert await upload(production, second, intent="dailies_upload:2") == "dailies:12a-3:2"
    assert await upload(production, second, intent="dailies_upload:2") == "dailies:12a-3:2"  # a retry

    kept = await doc(production)
    assert [(v["number"], v["media_id"]) for v in kept["versions"]] == [(1, first), (2, second)]
    assert kept["label"] == "12A/3" and kept["type"] == "dailies"
    described = await production.bus.services.media.describe(second)
    assert described.projects == (production.project_id,)


@pytest.mark.parametrize("case, words", [
    ("not office", "Only the production office can upload dailies"),
    ("not own", "cannot find your dailies upload"),
    ("wrong kind", "is a showreel; please upload your dailies"),
    ("same file", "already version 1 of 12A/3"),
])
async def test_an_upload_is_refused_with_the_reason(production, case, words):
    mine = await rushes(production)
    await upload(production, mine)
    cases = {
        "not office": (await rushes(production, production.chidi_id), production.chidi_id),
        "not own": (await rushes(production, production.chidi_id), production.producer_id),
        "wrong kind": (await rushes(production, kind="showreel"), production.producer_id),
        "same file": (mine, production.producer_id),
    }
    media_id, by = cases[case]
    with pytest.raises(Rejected, match=words):
        await upload(production, media_id, intent="dailies_upload:again", by=by)
    assert len((await doc(production))["versions"]) == 1


async def comment(production, person_id, version=1, intent="dailies_comment:1", **where):
    where = where or {"timecode": "00:00:04:12"}
    return await production.bus.handle(CommentOnDailies(intent, person_id, production.project_id, "12A/3", version,
                                                        "Boom in frame here.", **where))


async def test_notes_are_kept_on_their_version_in_timecode_order(production):
    await upload(production, await rushes(production))
    await upload(production, await rushes(production), intent="dailies_upload:2")
    await comment(production, production.producer_id, timecode="00:00:10:00")
    await comment(production, production.producer_id, intent="dailies_comment:2", at_s=2.5)
    await comment(production, production.producer_id, intent="dailies_comment:2", at_s=2.5)  # a retry

    first, second = (await doc(production))["versions"]
    assert [(c["timecode"], c["at_s"]) for c in first["comments"]] == [("00:00:02:12", 2.5), ("00:00:10:00", 10.0)]
    assert first["comments"][0]["by"] == production.producer_id
    assert second["comments"] == []


async def test_an_invited_reviewer_comments_a_stranger_does_not(production):
    await upload(production, await rushes(production))
    with pytest.raises(Rejected, match="Only the production office and the reviewers it invites"):
        await comment(production, production.chidi_id)

    await production.bus.handle(InviteDailiesReviewer("dailies_reviewer_invite:1", production.project_id,
                                                      production.producer_id, production.chidi_id))
    await comment(production, production.chidi_id)
    assert [c["by"] for c in (await doc(production))["versions"][0]["comments"]] == [production.chidi_id]
    reviewers = await production.bus.services.store.get(scopes.office_db(production.project_id), REVIEWERS_ID)
    assert [r["name"] for r in reviewers["people"]] == ["Chidi Okafor"]

    await production.bus.handle(RemoveDailiesReviewer("dailies_reviewer_remove:1", production.project_id,
                                                      production.producer_id, production.chidi_id))
    with pytest.raises(Rejected, match="Only the production office and the reviewers it invites"):
        await comment(production, production.chidi_id, intent="dailies_comment:2")
    assert len((await doc(production))["versions"][0]["comments"]) == 1  # what was said stays


@pytest.mark.parametrize("version, label, words", [
    (3, "12A/3", "12A/3 has no version 3: the latest is version 1"),
    (1, "14/1", "No dailies are labelled 14/1"),
])
async def test_a_note_on_a_missing_version_is_refused(production, version, label, words):
    await upload(production, await rushes(production))
    with pytest.raises(Rejected, match=words):
        await production.bus.handle(CommentOnDailies("dailies_comment:x", production.producer_id,
                                                     production.project_id, label, version, "Too dark.", 1.0))


async def test_only_the_office_invites_and_only_people_we_know(production):
    with pytest.raises(Rejected, match="Only the production office can choose who reviews"):
        await production.bus.handle(InviteDailiesReviewer("dailies_reviewer_invite:1", production.project_id,
                                                          production.chidi_id, production.aisha_id))
    with pytest.raises(Rejected, match="need to sign up first"):
        await production.bus.handle(InviteDailiesReviewer("dailies_reviewer_invite:2", production.project_id,
                                                          production.producer_id, "nobody123"))
    investor = await production.bus.handle(RegisterPerson("+2348047163920", "Ngozi Eze", ("investor",)))
    await production.bus.handle(InviteDailiesReviewer("dailies_reviewer_invite:3", production.project_id,
                                                      production.producer_id, investor))


def test_the_intents_become_commands():
    upload_parser, comment_parser = INTENT_PARSERS["dailies_upload"][1], INTENT_PARSERS["dailies_comment"][1]
    cmd = upload_parser("dailies_upload:1", "p1", _Fields({"author": "ada", "media_id": "m", "label": "12A/3"}))
    assert (cmd.by, cmd.media_id, cmd.label, cmd.frame_rate_fps) == ("ada", "m", "12A/3", 25)
    cmd = comment_parser("dailies_comment:1", "ada", _Fields({"project_id": "p1", "label": "12A/3", "version": 2,
                                                                "at_s": 12, "text": "Soft focus"}))
    assert (cmd.person_id, cmd.version, cmd.at_s, cmd.timecode) == ("ada", 2, 12.0, "")
    with pytest.raises(ValueError, match="at_s must be a number"):
        comment_parser("dailies_comment:2", "ada", _Fields({"project_id": "p1", "label": "x", "version": 1,
                                                            "text": "t"}))
    assert INTENT_PARSERS["dailies_comment"][0] == "user" and INTENT_PARSERS["dailies_upload"][0] == "office"
