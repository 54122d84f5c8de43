"""Admins from a chat: look-up, verify, suspend, figures, broadcast, dispute ruling by code."""
from datetime import timedelta

import pytest

from core import scopes
from core.errors import Rejected
from core.escrow_commands import ConfirmPayment, RequestDeposit
from core.escrow_dispute_commands import DisputeEscrow
from core.handlers import admin_chat
from core.handlers.admin_chat import booking_code, platform_stats
from core.handlers.escrow import payment_reference
from core.money import Money
from core.staff_chat_commands import (
    STAFF_ACTOR_FIELDS, AskPlatformStats, ConfirmBroadcast, LookUpPerson, PrepareBroadcast, ResolveDisputeByCode,
    SendBroadcastBatch, SetSuspendedByPhone, SetVerifiedByPhone,
)
from sync.audited_bus import AuditedBus
from tests.unit.core.handlers.staff_fakes import make_staff_bus, with_staff
from tests.unit.escrow_dispute_fakes import make_dispute_bus
from tests.unit.fakes import DEFAULT_NOW
from tests.unit.production import open_production, register

CHIDI, AISHA = "+2348030000001", "+2348030000002"


@pytest.fixture
async def desk():
    bus = make_staff_bus()
    admin = await register(bus, "+2348030000009", "Ngozi Admin", ("admin",), "production")
    chidi = await register(bus, CHIDI, "Chidi Okafor")
    aisha = await register(bus, AISHA, "Aisha Bello")
    return bus, admin, chidi, aisha


def sent(bus, template):
    return bus.services.outbox.with_template(template)


async def card(bus, person_id):
    return await bus.services.store.get(scopes.DIRECTORY, f"person:{person_id}")


async def test_an_admin_looks_a_person_up_by_phone(desk):
    bus, admin, chidi, _ = desk
    await bus.services.store.update(scopes.user_db(chidi), "profile",
                                    lambda p: {**p, "channel": "sms", "opted_out": True})
    ref = await bus.handle(LookUpPerson("staff_command:1", admin, "0803 000 0001"))
    (answer,) = sent(bus, "admin_person")
    assert ref == chidi and answer.person_id == admin
    assert answer.params == {"phone": CHIDI, "name": "Chidi Okafor", "roles": "crew", "verified": "no",
                             "suspended": "no", "opted_out": "yes", "channel": "sms"}


@pytest.mark.parametrize("phone, says", [("+2348030000077", "Nobody on NollyCrew"), ("12", "not a valid phone")])
async def test_an_unknown_or_malformed_number_is_said_so(desk, phone, says):
    bus, admin, _, _ = desk
    with pytest.raises(Rejected, match=says):
        await bus.handle(LookUpPerson("staff_command:1", admin, phone))


@pytest.mark.parametrize("command", [
    LookUpPerson("staff_command:1", "", CHIDI),
    SetVerifiedByPhone("staff_command:1", "", CHIDI, True),
    SetSuspendedByPhone("staff_command:1", "", CHIDI, True, "spam"),
    AskPlatformStats("staff_command:1", ""),
    PrepareBroadcast("staff_command:1", "", "Hello all"),
    ConfirmBroadcast("staff_command:1", "", "1234"),
    ResolveDisputeByCode("staff_command:1", "", "ABCDE", "release"),
])
async def test_every_admin_command_is_refused_to_a_non_admin(desk, command):
    bus, _, _, aisha = desk
    field = STAFF_ACTOR_FIELDS[type(command)]
    with pytest.raises(Rejected, match="Only a NollyCrew admin"):
        await bus.handle(type(command)(**{**command.__dict__, field: aisha}))
    assert bus.services.outbox.messages == []
    (refusal,) = bus.services.store.docs(scopes.OPS, "refused_admin_command:")
    assert (refusal["who"], refusal["command"]) == (aisha, type(command).__name__)


async def test_verify_and_unverify_by_phone(desk):
    bus, admin, chidi, _ = desk
    await bus.handle(SetVerifiedByPhone("staff_command:1", admin, CHIDI, True))
    assert (await card(bus, chidi))["verified"] is True
    with pytest.raises(Rejected, match="Say why"):
        await bus.handle(SetVerifiedByPhone("staff_command:2", admin, CHIDI, False))
    await bus.handle(SetVerifiedByPhone("staff_command:3", admin, CHIDI, False, "ID photo was not his"))
    assert (await card(bus, chidi))["verified"] is False
    assert [m.params["what"] for m in sent(bus, "admin_done")] == ["Verified", "Unverified"]


async def test_suspend_and_restore_by_phone(desk):
    bus, admin, chidi, _ = desk
    await bus.handle(SetSuspendedByPhone("staff_command:1", admin, CHIDI, True, "fake reviews"))
    assert (await card(bus, chidi))["suspended"] is True
    await bus.handle(SetSuspendedByPhone("staff_command:2", admin, CHIDI, False, "appeal upheld"))
    assert (await card(bus, chidi))["suspended"] is False
    with pytest.raises(Rejected, match="Say why"):
        await bus.handle(SetSuspendedByPhone("staff_command:3", admin, CHIDI, True, " "))


async def test_every_admin_command_leaves_an_audit_entry(desk):
    bus, admin, chidi, _ = desk
    audited = AuditedBus(bus)
    await audited.handle(LookUpPerson("staff_command:1", admin, CHIDI), channel="chat")
    await audited.handle(SetSuspendedByPhone("staff_command:2", admin, CHIDI, True, "spam"), channel="chat")
    entries = bus.services.store.docs(scopes.OPS, "audit:")
    assert sorted((e["command"], e["who"], e["channel"], e["ref"]) for e in entries) == [
        ("LookUpPerson", admin, "chat", chidi), ("SetSuspendedByPhone", admin, "chat", chidi)]
    assert all("phone" not in e["what"] for e in entries)  # numbers never enter the log


def test_platform_stats_count_people_projects_fill_rate_and_failures():
    cards = [{"type": "person", "roles": ["crew"]}, {"type": "person", "erased": True}, {"type": "person"}]
    posts = [{"type": "job_post", "project_id": "a", "status": "open", "slots": 2, "hired": ["x"],
              "end_date": "2026-12-10"},
             {"type": "job_post", "project_id": "b", "status": "filled", "slots": 2, "hired": ["x", "y"],
              "end_date": "2026-11-01"}]
    messages = [{"state": "failed"}, {"state": "delivered"}, {"state": "undelivered"}]
    assert platform_stats(cards, posts, messages, "2026-11-20") == {
        "people": 2, "projects": 1, "fill_rate": "75%", "failed": 2}


async def test_stats_read_only_the_last_day_of_failed_messages(desk):
    bus, admin, _, _ = desk
    for number, hours_ago, state in [(1, 2, "failed"), (2, 30, "failed"), (3, 1, "sent")]:
        await bus.services.store.create(scopes.OPS, {
            "_id": f"message:{number}", "type": "message", "state": state,
            "created_at": (DEFAULT_NOW - timedelta(hours=hours_ago)).isoformat()})
    await bus.handle(AskPlatformStats("staff_command:1", admin))
    (answer,) = sent(bus, "admin_stats")
    assert (answer.params["people"], answer.params["failed"], answer.params["fill_rate"]) == (3, 1, "none yet")


async def prepared(bus, admin, intent="staff_command:b1", text="Platform upgrade tonight") -> str:
    await bus.handle(PrepareBroadcast(intent, admin, text))
    return [m for m in sent(bus, "broadcast_confirm") if m.message_id.endswith(_key(intent))][0].params["code"]


def _key(intent):
    from core.ids import derived_id
    return derived_id(intent)


async def test_a_broadcast_goes_out_only_with_its_code(desk):
    bus, admin, chidi, aisha = desk
    code = await prepared(bus, admin)
    assert len(code) == 4 and code.isdigit()
    assert sent(bus, "broadcast_confirm")[0].params["audience"] == 3
    wrong = f"{(int(code) + 1) % 10_000:04d}"
    with pytest.raises(Rejected, match="not the code"):
        await bus.handle(ConfirmBroadcast("staff_command:c1", admin, wrong))
    assert sent(bus, "broadcast") == []
    await bus.handle(ConfirmBroadcast("staff_command:c2", admin, code))
    assert sorted(m.person_id for m in sent(bus, "broadcast")) == sorted([admin, chidi, aisha])
    with pytest.raises(Rejected, match="already sent"):
        await bus.handle(ConfirmBroadcast("staff_command:c3", admin, code))


async def test_a_code_expires_after_ten_minutes(desk):
    bus, admin, _, _ = desk
    code = await prepared(bus, admin)
    bus.services.clock.at = DEFAULT_NOW + timedelta(seconds=admin_chat.BROADCAST_CONFIRM_S + 1)
    with pytest.raises(Rejected, match="expired"):
        await bus.handle(ConfirmBroadcast("staff_command:c1", admin, code))
    assert sent(bus, "broadcast") == []


async def test_a_second_broadcast_within_the_hour_is_refused(desk):
    bus, admin, _, _ = desk
    await bus.handle(ConfirmBroadcast("staff_command:c1", admin, await prepared(bus, admin)))
    bus.services.clock.at = DEFAULT_NOW + timedelta(minutes=30)
    with pytest.raises(Rejected, match="One broadcast an hour"):
        await bus.handle(PrepareBroadcast("staff_command:b2", admin, "Another one"))
    bus.services.clock.at = DEFAULT_NOW + timedelta(minutes=61)
    await bus.handle(ConfirmBroadcast("staff_command:c2", admin, await prepared(bus, admin, intent="staff_command:b3")))
    assert len(sent(bus, "broadcast_started")) == 2


async def test_two_admins_confirming_in_turn_send_one_broadcast_an_hour(desk):
    bus, admin, _, _ = desk
    other = await register(bus, "+2348030000008", "Tunde Admin", ("admin",), "production")
    first = await prepared(bus, admin)
    second = await prepared(bus, other, intent="staff_command:b2", text="Mine too")
    await bus.handle(ConfirmBroadcast("staff_command:c1", admin, first))
    with pytest.raises(Rejected, match="One broadcast an hour"):
        await bus.handle(ConfirmBroadcast("staff_command:c2", other, second))
    assert {m.params["text"] for m in sent(bus, "broadcast")} == {"Platform upgrade tonight"}


async def test_a_large_broadcast_is_spread_in_batches_a_minute_apart(desk):
    bus, admin, _, _ = desk
    per_minute = admin_chat.BROADCAST_PER_MINUTE
    for n in range(2 * per_minute + 1):  # three batches' worth with the desk's own people
        await register(bus, f"+234809{n:07d}", f"Extra {n}")
    await bus.handle(ConfirmBroadcast("staff_command:c1", admin, await prepared(bus, admin)))
    assert len(sent(bus, "broadcast")) == per_minute  # the first batch at once
    scheduled = bus.services.broadcast_batches.scheduled
    assert [(batch, delay) for _, batch, delay in scheduled] == [(1, 60), (2, 120)]
    broadcast_id = scheduled[0][0]
    for _, batch, _ in scheduled:
        await bus.handle(SendBroadcastBatch(broadcast_id, batch))
    await bus.handle(SendBroadcastBatch(broadcast_id, 1))  # a batch run twice sends nothing new
    stored = await bus.services.store.get(scopes.OPS, f"broadcast:{broadcast_id}")
    everyone = len(stored["audience"])
    assert everyone == 2 * per_minute + 1 + 3  # the extras and the desk's three
    assert len({m.person_id for m in sent(bus, "broadcast")}) == len(sent(bus, "broadcast")) == everyone
    assert (stored["status"], stored["batches_done"]) == ("sent", [0, 1, 2])


async def test_suspended_people_are_left_out_of_a_broadcast(desk):
    bus, admin, chidi, _ = desk
    await bus.handle(SetSuspendedByPhone("staff_command:s", admin, CHIDI, True, "spam"))
    await bus.handle(ConfirmBroadcast("staff_command:c1", admin, await prepared(bus, admin)))
    assert chidi not in {m.person_id for m in sent(bus, "broadcast")}


@pytest.fixture
async def dispute():
    production = await open_production(with_staff(make_dispute_bus()))
    bus = production.bus
    admin = await register(bus, "+2348030000009", "Ngozi Admin", ("admin",), "production")
    booking_id = await production.book(production.chidi_id)
    await production.confirm(production.chidi_id, booking_id)
    pay = Money(45_000_000, "NGN")
    await bus.handle(RequestDeposit("escrow_deposit_request:1", production.project_id, production.producer_id,
                                    booking_id, pay, "paystack"))
    await bus.handle(ConfirmPayment("paystack", payment_reference(booking_id), pay, "4099260516"))
    await bus.handle(DisputeEscrow("escrow_dispute:1", production.chidi_id, booking_id, "Not paid for day 12"))
    return production, admin, booking_id


async def test_an_admin_splits_a_disputed_payment_by_its_booking_code(dispute):
    production, admin, booking_id = dispute
    bus = production.bus
    await bus.handle(ResolveDisputeByCode("staff_command:r", admin, booking_code(booking_id).lower(), "split", 60))
    ruling = (await bus.services.store.get(scopes.OPS, f"escrow_dispute:{booking_id}"))["ruling"]
    assert (ruling["decision"], ruling["payee_minor"], ruling["by"]) == ("split", 27_000_000, admin)
    assert sent(bus, "admin_dispute_settled")[0].params["code"] == booking_code(booking_id)
    assert {m.person_id for m in sent(bus, "escrow_dispute_resolved")} >= {production.chidi_id}


@pytest.mark.parametrize("code, decision, percent, says", [
    ("ZZZZZ", "release", 0, "No payment dispute has the booking code ZZZZZ"),
    (None, "split", 0, "from 1 to 99"),
    (None, "halve", 0, "release, refund, or split"),
])
async def test_a_ruling_with_a_wrong_code_or_share_is_refused(dispute, code, decision, percent, says):
    production, admin, booking_id = dispute
    with pytest.raises(Rejected, match=says):
        await production.bus.handle(ResolveDisputeByCode("staff_command:r", admin, code or booking_code(booking_id),
                                                         decision, percent))
    assert (await production.bus.services.store.get(scopes.OPS, f"escrow_dispute:{booking_id}"))["ruling"] is None
