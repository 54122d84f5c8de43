"""Accept or decline an offer; a decline asks why, and the reason may be skipped."""
from core.intents import to_command
from core.offer_commands import AcceptOffer, DeclineOffer
from tests.unit.bots.flows.chat_fakes import PERSON, Conversation, FakeChatReads


def offer(offer_id: str, status: str = "open", title: str = "Gaffer") -> dict:
    return {"offer_id": offer_id, "job_title": title, "project_title": "Eko Nights", "start_date": "2026-12-10",
            "end_date": "2026-12-12", "rate": {"amount_minor": 4_500_000, "currency": "NGN"}, "rate_per": "day",
            "expires_at": "2026-12-03T18:00:00+01:00", "status": status}


async def test_one_open_offer_is_shown_and_1_accepts():
    chat = Conversation(FakeChatReads(offers=[offer("a1"), offer("a0", "expired")]))

    shown = await chat.say("OFFERS")
    accepted = await chat.say("1")

    assert (shown.template, shown.params["rate"], shown.params["expires_at"]) == ("offer_details", "₦45,000", "2026-12-03 18:00")
    assert shown.choices == ("label_accept", "label_decline")
    assert to_command("user", PERSON, accepted.intent) == AcceptOffer(accepted.intent["_id"], PERSON, "a1")
    assert chat.place == ("", "")


async def test_decline_asks_why_and_carries_the_reason():
    chat = Conversation(FakeChatReads(offers=[offer("a1")]))
    await chat.say("OFFERS")

    asked = await chat.say("No")
    assert (asked.template, asked.intent, chat.place) == ("offer_decline_reason", None, ("offer", "reason"))
    declined = await chat.say("Clashes with another shoot")

    assert chat.place == ("", "")
    assert to_command("user", PERSON, declined.intent) == DeclineOffer(declined.intent["_id"], PERSON, "a1",
                                                                        "Clashes with another shoot")


async def test_the_reason_may_be_skipped():
    chat = Conversation(FakeChatReads(offers=[offer("a1")]))
    await chat.say("OFFERS")
    await chat.say("2")

    turn = await chat.say("1")

    assert (turn.template, turn.intent["reason"]) == ("offer_decline_sent", "")


async def test_with_two_offers_one_is_picked_first():
    chat = Conversation(FakeChatReads(offers=[offer("a1"), offer("a2", title="Best boy")]))

    picked = await chat.say("OFFERS")
    shown = await chat.say("2")

    assert picked.choices == ("Gaffer, Eko Nights", "Best boy, Eko Nights")
    assert (shown.params["offer_id"], chat.place) == ("a2", ("offer", "answer"))


async def test_no_open_offer_says_so():
    assert (await Conversation(FakeChatReads(offers=[offer("a1", "accepted")])).say("OFFERS")).template == "offers_none"
