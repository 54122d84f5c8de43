"""Uploads are judged by their bytes and their kind's limits, with reasons a person can act on."""
import pytest

from core.errors import Rejected
from core.media import GB, MB, MEDIA_KINDS, SUBMITTED, MediaStore, StoredMedia, check_declared, check_upload, require_own_upload, sniff

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 8
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 12
PDF = b"%PDF-1.7\n" + b"\x00" * 7
MP4 = b"\x00\x00\x00\x18ftypisom" + b"\x00" * 4
M4A = b"\x00\x00\x00\x18ftypM4A " + b"\x00" * 4
OGG = b"OggS" + b"\x00" * 12
WEBP = b"RIFF\x00\x00\x00\x00WEBPVP8 "


@pytest.mark.parametrize("head, content_type", [
    (PNG, "image/png"), (JPEG, "image/jpeg"), (PDF, "application/pdf"), (MP4, "video/mp4"),
    (M4A, "audio/mp4"), (OGG, "audio/ogg"), (WEBP, "image/webp"), (b"MZ\x90\x00" + b"\x00" * 12, None),
])
def test_the_type_is_read_from_the_first_bytes(head, content_type):
    assert sniff(head) == content_type


@pytest.mark.parametrize("kind, head, size, words", [
    ("headshot", PDF, 1000, "must be one of: JPEG, PNG, WEBP"),
    ("headshot", PNG, 6 * MB, "at most 5 MB"),
    ("selfie", PNG, 0, "empty"),
    ("payslip", PNG, 1000, "We take uploads of"),
    ("showreel", JPEG, 1000, "must be one of: MP4"),
])
def test_a_bad_upload_is_refused_with_the_reason(kind, head, size, words):
    with pytest.raises(Rejected, match=words):
        check_upload(kind, head, size)


FOUNTAIN = "Title: Eko Nights\n\nEXT. MARINA - NIGHT\n\nAdà waits.\n".encode()
FDX = b'\xef\xbb\xbf<?xml version="1.0" encoding="UTF-8"?>\n<FinalDraft DocumentType="Script">'


@pytest.mark.parametrize("head, content_type", [
    (FOUNTAIN, "text/plain"), (FDX, "application/xml"), (PDF, "application/pdf"),
    (FOUNTAIN[:-3] + "à".encode()[:1], "text/plain"),  # the head may end inside a character
    (b"INT. ROOM\x00\x01\x02", None), (b"\xc3\x28 broken UTF-8 in the middle", None),
])
def test_a_script_is_fountain_text_final_draft_xml_or_pdf(head, content_type):
    assert sniff(head) == content_type
    if content_type:
        assert check_upload("script", head, len(head)) == content_type
    else:
        with pytest.raises(Rejected, match="must be one of"):
            check_upload("script", head, len(head))


@pytest.mark.parametrize("kind, head, size, words", [
    ("thumbnail", PNG, 1000, "must be one of: JPEG"),
    ("thumbnail", JPEG, MB + 1, "at most 1 MB"),
    ("video_low", MP4, 16 * MB + 1, "at most 16 MB"),
    ("voice_normalised", M4A, 1000, "must be one of: OGG"),
    ("dailies", MP4, 2 * GB + 1, "at most 2048 MB"),
])
def test_the_files_the_media_workers_make_keep_their_limits(kind, head, size, words):
    with pytest.raises(Rejected, match=words):
        check_upload(kind, head, size)


def test_dailies_take_a_video_of_two_gigabytes():
    assert check_upload("dailies", MP4, 2 * GB) == "video/mp4"


def test_self_tapes_are_no_longer_for_everyone():
    assert {kind for kind, allowed in MEDIA_KINDS.items() if allowed.seen_by == SUBMITTED} == {
        "voice_clip", "showreel", "dailies"}


@pytest.mark.parametrize("kind, content_type, size, words", [
    ("showreel", "video/quicktime", MB, "must be one of: MP4"),
    ("voice_clip", "audio/ogg", 17 * MB, "at most 16 MB"),
    ("headshot", "image/png", 0, "empty"),
    ("payslip", "image/png", 10, "We take uploads of"),
])
def test_an_upload_link_is_refused_for_what_the_phone_declares(kind, content_type, size, words):
    with pytest.raises(Rejected, match=words):
        check_declared(kind, content_type, size)


def test_an_upload_link_for_a_good_declaration_names_the_kinds_limit():
    assert check_declared("dailies", "video/mp4", GB).max_bytes == 2 * GB


def test_a_good_upload_gets_its_real_type():
    assert check_upload("id_document", PDF, 2 * MB) == "application/pdf"
    assert check_upload("voice_clip", OGG, MB) == "audio/ogg"


class MemoryMedia(MediaStore):
    def __init__(self, *stored: StoredMedia):
        self._stored = {media.media_id: media for media in stored}

    async def save(self, owner_id, kind, content_type, data):
        raise AssertionError("not used here")

    async def load(self, media_id):
        raise AssertionError("not used here")

    async def describe(self, media_id):
        return self._stored.get(media_id)


SELFIE = StoredMedia("f" * 32, "ada", "selfie", "image/jpeg", 1000)


@pytest.mark.parametrize("person, ref, kind, words", [
    ("ada", "0" * 32, "selfie", "cannot find your selfie upload"),
    ("emeka", "f" * 32, "selfie", "cannot find your selfie upload"),  # someone else's
    ("ada", "f" * 32, "id_document", "is a selfie; please upload your ID document"),
])
async def test_a_cited_upload_must_be_ones_own_and_of_its_kind(person, ref, kind, words):
    with pytest.raises(Rejected, match=words):
        await require_own_upload(MemoryMedia(SELFIE), person, ref, kind, kind.replace("_", " ").replace("id ", "ID "))


async def test_ones_own_upload_and_links_pass():
    await require_own_upload(MemoryMedia(SELFIE), "ada", "f" * 32, "selfie", "selfie")
    await require_own_upload(MemoryMedia(), "ada", "https://media.example.ng/ada.jpg", "selfie", "selfie")
