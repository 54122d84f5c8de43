"""TOMORROW gives the person's own signed call-sheet link, and the PDF as media, once the office
has sent the sheet (core/handlers/call_sheet_send.py keeps the link in ops)."""
from core import scopes
from core.handlers.call_sheet_send import link_doc_id
from tests.unit.bots.flows.chat_fakes import PERSON, Conversation, FakeChatReads
from tests.unit.bots.flows.test_flow_schedule import BOOKINGS, TOMORROW, sheet

SIGNED = f"https://nollycrew.test/call-sheet/proj01/{TOMORROW}/{PERSON}/{'ab' * 16}.pdf"


class ReadsWithLinks(FakeChatReads):
    def __init__(self, docs: dict[str, list[dict]], **kwargs):
        super().__init__(**kwargs)
        self.docs = docs

    async def call_sheet_link(self, link_id: str) -> dict | None:
        return next((doc for doc in self.docs.get(scopes.OPS, []) if doc["_id"] == link_id), None)


async def test_tomorrow_uses_the_signed_link_the_office_sent():
    link = {"_id": link_doc_id("proj01", TOMORROW, PERSON), "type": "call_sheet_link", "url": SIGNED,
            "path": SIGNED.removeprefix("https://nollycrew.test")}
    reads = ReadsWithLinks({scopes.OPS: [link]}, bookings=BOOKINGS, sheets={("proj01", TOMORROW): sheet()})

    turn = await Conversation(reads).say("TOMORROW")

    assert turn.template == "tomorrow_call"
    assert turn.params["sheet_path"] == link["path"] and turn.params["media_urls"] == [SIGNED]


async def test_before_the_office_sends_tomorrow_gives_the_signed_in_link_and_no_media():
    reads = ReadsWithLinks({}, bookings=BOOKINGS, sheets={("proj01", TOMORROW): sheet()})

    turn = await Conversation(reads).say("TOMORROW")

    assert turn.params["sheet_path"] == f"/projects/proj01/call-sheets/{TOMORROW}.pdf"
    assert "media_urls" not in turn.params
