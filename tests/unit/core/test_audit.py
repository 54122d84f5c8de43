"""The audit log: an entry per command carried out, its actor, and never a secret."""
from dataclasses import fields
from datetime import date, datetime, time, timedelta, timezone

import pytest

from core import commands
from core.admin_commands import ReportContent, SuspendPerson
from core.audit import ACTOR_FIELDS, audit_entry, pseudonymised
from core.bus import MessageBus
from core.errors import Rejected
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.handlers.kyc import KYC_HANDLERS
from core.handlers.moderation import MODERATION_HANDLERS
from core.handlers.privacy import PRIVACY_HANDLERS
from core.identity.commands import SetPassword, SignInWithPassword, VerifySignInCode
from core.kyc_commands import SubmitKyc
from core.money import Money
from sync.audited_bus import AuditedBus
from tests.unit.fakes import make_bus
from tests.unit.production import register

AT = datetime(2026, 11, 20, 9, 0, tzinfo=timezone(timedelta(hours=1)))
ALL_HANDLERS = {**COMMAND_HANDLERS, **KYC_HANDLERS, **MODERATION_HANDLERS, **PRIVACY_HANDLERS}


@pytest.mark.parametrize("command_class", sorted(ALL_HANDLERS, key=lambda kind: kind.__name__))
def test_every_command_the_bus_serves_names_its_actor(command_class):
    assert command_class in ACTOR_FIELDS, f"add {command_class.__name__} to core.audit.ACTOR_FIELDS"
    actor = ACTOR_FIELDS[command_class]
    assert actor is None or actor in {field.name for field in fields(command_class)}


def test_the_entry_says_who_what_when_and_through_which_channel():
    command = commands.PostJob(
        "job_post_request:1", "p1", "producer1", "Gaffer", "lighting", date(2026, 12, 1), date(2026, 12, 3),
        time(6, 30), Money(2_500_000, "NGN"), "day", "Lagos", "Lagos",
    )
    entry = audit_entry(command, "job1", AT, "chat")
    assert (entry["who"], entry["command"], entry["channel"], entry["ref"]) == ("producer1", "PostJob", "chat", "job1")
    assert entry["at"] == "2026-11-20T08:00:00+00:00"
    assert entry["what"]["start_date"] == "2026-12-01" and entry["what"]["rate"]["amount_minor"] == 2_500_000
    assert entry["people"] == ["producer1"]


def test_a_registration_is_by_the_person_it_made_and_keeps_no_phone():
    entry = audit_entry(commands.RegisterPerson("+2348030000001", "Chidi", password="hunter22"), "abc123", AT, "app")
    assert entry["who"] == "abc123"
    assert "phone" not in entry["what"] and "password" not in entry["what"]
    assert "hunter22" not in str(entry) and "8030000001" not in str(entry)


@pytest.mark.parametrize("command, ref, secret", [
    (VerifySignInCode("+2348030000001", "123456", totp="654321"), "session-token-xyz", "session-token-xyz"),
    (SignInWithPassword("chidi@example.com", "hunter22"), "session-token-abc", "hunter22"),
    (SetPassword("abc123", "chidi@example.com", "hunter22"), "abc123", "hunter22"),
    (commands.CheckIn("check_in:1", "abc123", "b1", AT, "set_code", "4821"), "b1", "4821"),
    (SubmitKyc("kyc:1", "abc123", "NIN", "12345678901", "https://m.test/id.jpg", "selfie1"), "j1", "12345678901"),
])
def test_secrets_never_reach_an_entry(command, ref, secret):
    entry = audit_entry(command, ref, AT, "app")
    assert secret not in str(entry)


def test_an_unknown_channel_or_a_naive_time_is_a_bug():
    command = ReportContent("report:1", "abc123", "person", "def456", "rude")
    with pytest.raises(ValueError):
        audit_entry(command, "r1", AT, "fax")
    with pytest.raises(ValueError):
        audit_entry(command, "r1", AT.replace(tzinfo=None), "app")


def test_a_pseudonymised_entry_keeps_ids_and_drops_free_text():
    entry = audit_entry(ReportContent("report:1", "abc123", "person", "def456", "he shouted at me"), "r1", AT, "app")
    hidden = pseudonymised(entry, "abc123", "former:xyz")
    assert hidden["who"] == "former:xyz" and hidden["people"] == ["def456", "former:xyz"]
    assert "abc123" not in str(hidden) and "shouted" not in str(hidden)
    assert hidden["what"]["target_id"] == "def456"


async def test_the_audited_bus_writes_one_entry_per_command_carried_out():
    plain = make_bus()
    audited = AuditedBus(MessageBus(plain.services, ALL_HANDLERS, EVENT_HANDLERS))
    admin = await audited.handle(commands.RegisterPerson("+2348030000009", "Ngozi", ("admin",)), channel="app")
    chidi = await register(plain, "+2348030000001", "Chidi Okafor")  # straight through the bus: no entry
    await audited.handle(SuspendPerson("suspension:1", admin, chidi, "fake reviews"), channel="chat")
    with pytest.raises(Rejected):
        await audited.handle(SuspendPerson("suspension:2", chidi, admin, "revenge"))
    entries = plain.services.store.docs("ops", "audit:")
    # One fixed clock: the two entries share a time, and only the uuid tells them apart.
    assert sorted((entry["command"], entry["who"], entry["channel"]) for entry in entries) == [
        ("RegisterPerson", admin, "app"), ("SuspendPerson", admin, "chat"),
    ]
