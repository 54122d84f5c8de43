"""Intents to commands: a well-formed intent becomes its command; a malformed one is refused
with a reason that names the field at fault."""
from datetime import date, datetime, time, timedelta, timezone

import pytest

from core import commands
from core.errors import Rejected
from core.intents import INTENT_TYPES, is_intent, to_command
from core.money import Money

PERSON = "abcdef123456"
PROJECT = "0123456789abcdef0123"

GOOD = {
    "project_request": {"title": "Eko Nights", "first_shoot_date": "2026-12-01"},
    "application_request": {"job_post_id": "f" * 20, "note": "I have my own generator"},
    "call_confirmation": {"booking_id": "b" * 20, "answer": "YES"},
    "check_in": {"booking_id": "b" * 20, "at": "2026-12-01T06:20:00+01:00", "method": "set_code", "set_code": "4821"},
    "job_post_request": {
        "title": "Gaffer", "department": "lighting", "start_date": "2026-12-01", "end_date": "2026-12-12",
        "call_time": "06:30", "rate_minor": 4_500_000, "rate_per": "day", "city": "Lekki", "state": "Lagos",
        "slots": 2,
    },
    "hire_request": {"application_id": "f" * 20 + "." + PERSON},
    "project_role_grant": {"person_id": PERSON, "role": "department_head", "department": "lighting"},
    "project_role_revoke": {"person_id": PERSON, "role": "first_ad"},
    "profile_update": {"fields": {"headline": "Gaffer with my own 2.5kW HMI"}},
    "availability_update": {"days": {"2026-12-03": "unavailable"}, "note": "family wedding"},
    "shortlist_request": {"application_id": "f" * 20 + "." + PERSON, "feedback": "Strong reel"},
    "audition_invitation": {"application_id": "f" * 20 + "." + PERSON},
    "application_decline": {"application_id": "f" * 20 + "." + PERSON, "feedback": "Role went to a local"},
    "offer_request": {"application_id": "f" * 20 + "." + PERSON, "expires_at": "2026-12-05T18:00:00+01:00"},
    "application_withdrawal": {"application_id": "f" * 20 + "." + PERSON},
    "offer_acceptance": {"offer_id": "f" * 20 + "." + PERSON},
    "offer_decline": {"offer_id": "f" * 20 + "." + PERSON, "reason": "Booked elsewhere"},
    "booking_review": {"booking_id": "b" * 20, "stars": 4, "text": "Paid on time", "tags": ["paid_on_time"]},
    "dispute_flag": {"booking_id": "b" * 20, "reason": "Not paid for day 12"},
    "kyc_submission": {"id_type": "nin", "id_number": "12345678901", "id_document_ref": "a1b2c3d4e5f6",
                       "selfie_ref": "f6e5d4c3b2a1"},
    "kyc_review": {"person_id": PERSON, "verified": True, "reason": "Checked the NIN slip by hand"},
    "casting_call_request": {
        "role_name": "Ronke", "character_description": "Market trader, quick-tongued", "playing_age": {"min": 25, "max": 35},
        "languages": ["yoruba", "english"], "rate_minor": 15_000_000, "rate_per": "day", "shoot_start": "2026-12-01",
        "shoot_end": "2026-12-12", "city": "Surulere", "state": "Lagos",
        "self_tape_instructions": "One minute, the market scene", "self_tape_deadline": "2026-11-28T18:00:00+01:00",
    },
    "audition_slots_request": {
        "casting_call_id": "c" * 20, "kind": "live", "capacity": 4, "where": "Surulere studio",
        "windows": [{"start": "2026-11-30T10:00:00+01:00", "end": "2026-11-30T10:30:00+01:00"}],
    },
    "casting_application": {"casting_call_id": "c" * 20, "self_tape_link": "https://youtu.be/abc123"},
    "audition_booking": {"casting_call_id": "c" * 20, "window_start": "2026-11-30T10:00:00+01:00"},
    "audition_reschedule": {"casting_call_id": "c" * 20, "new_window_start": "2026-11-30T11:00:00+01:00"},
    "audition_cancellation": {"casting_call_id": "c" * 20, "reason": "Travelling"},
    "contract_draft_request": {"booking_id": "b" * 20, "kind": "deal_memo"},
    "signing_code_request": {"contract_id": "b" * 20},
    "contract_signature": {"contract_id": "b" * 20, "code": "381920", "channel": "app", "document_sha256": "a" * 64},
    "content_report": {"target_kind": "person", "target_id": PERSON, "reason": "Fake profile"},
    "data_export_request": {},
    "role_request": {"role": "producer"},
    "shortlist_decision": {"person_id": PERSON, "decision": "like", "list_name": "lighting"},
    "shortlist_removal": {"person_id": PERSON, "list_name": "lighting"},
    "team_template_use": {"template_name": "my lighting crew", "start_date": "2027-01-10", "end_date": "2027-01-20"},
    "team_template_save": {"name": "my lighting crew",
                           "members": [{"person_id": PERSON, "role_title": "Gaffer", "department": "lighting"}]},
    "script_upload": {"upload_id": "a" * 32, "file_name": "Eko-Nights-v3.fountain"},
    "breakdown_correction": {"correction": {"scene": "12", "field": "elements.props", "add": ["cutlass"]}},
    "shoot_plan_update": {"plan": {"production": {"start_date": "2026-12-01", "shoot_days": 8}, "cast": [],
                                   "locations": []}},
    "schedule_request": {"keep_published": True, "limit_s": 20},
    "dailies_upload": {"media_id": "d" * 32, "label": "12A/3", "frame_rate_fps": 25},
    "dailies_comment": {"project_id": "p" * 20, "label": "12A/3", "version": 1, "timecode": "00:01:12:05",
                        "text": "Boom in shot"},
    "dailies_reviewer_invite": {"person_id": PERSON},
    "dailies_reviewer_remove": {"person_id": PERSON},
    "schedule_publish": {"draft": 3},
    "wrap_report": {"day": "2026-12-01", "shot_scene_ids": ["12", "14A"], "first_shot_at": "2026-12-01T07:40:00+01:00",
                    "wrap_at": "2026-12-01T19:10:00+01:00", "notes": "Lost an hour to rain"},
    "check_out": {"booking_id": "b" * 20, "at": "2026-12-01T19:20:00+01:00"},
    "escrow_deposit_request": {"booking_id": "b" * 20, "amount_minor": 45_000_000, "currency": "NGN",
                               "gateway": "paystack"},
    "escrow_release_request": {"booking_id": "b" * 20, "amount_minor": 15_000_000},
    "payout_account_update": {"gateway": "paystack", "bank_code": "058", "account_number": "0123456789"},
    "payout_request": {"amount_minor": 6_000_000, "currency": "NGN"},
    "escrow_dispute": {"booking_id": "b" * 20, "reason": "Not paid for day 12"},
    "escrow_dispute_resolution": {"project_id": PROJECT, "booking_id": "b" * 20, "decision": "split",
                                  "payee_minor": 20_000_000, "note": "Worked 5 of 12 days"},
    "escrow_cancellation": {"booking_id": "b" * 20},
    "escrow_refund_to_card": {"escrow_id": "b" * 20 + "~wrap"},
    "investment_pledge": {"project_id": "p" * 20, "amount_minor": 500_000_000, "gateway": "paystack"},
    "call_sheet_send": {"day": "2026-12-01"},
    "chat_consent": {"wording_version": "2026-11", "language": "yo", "agreed": True},
    "chat_opt_out": {"opted_out": True},
    "running_late": {"booking_id": "b" * 20, "eta_minutes": 20, "at": "2026-12-01T06:10:00+01:00"},
    "staff_command": {"command": "announce", "text": "Call moved to 07:00 tomorrow"},
    "thread_reply": {"thread_code": "7KQ2D", "text": "I fit come early", "source": {"channel": "whatsapp"}},
    "thread_message": {"thread_id": "t" * 20, "text": "Rain tomorrow: bring tarps", "title": "Day 3"},
    "investment_terms_update": {"terms": {"premium_bp": 2000, "profit_shares_bp": {PERSON: 5000, "p2": 5000}}},
    "investor_contribution_record": {"investor_id": PERSON, "amount_minor": 1_000_000_000, "currency": "NGN",
                                     "gateway": "bank", "reference": "GTB-TRF-00123"},
    "revenue_record": {"amount_minor": 250_000_000, "currency": "NGN", "source": "cinema",
                       "reference": "FilmOne-settlement-2027-03"},
    "fx_rate_record": {"base": "USD", "quote": "NGN", "rate": "1530.25", "source": "CBN NAFEM window"},
    "wallet_conversion": {"amount_minor": 100_000, "currency": "USD", "to_currency": "NGN"},
    "budget_update": {"budget": {"currency": "NGN", "lines": [{"line_id": "crew-lighting", "category": "crew",
                                                               "amount_minor": 90_000_000}]}},
}
KIND = {kind_type: kind for kind, types in INTENT_TYPES.items() for kind_type in types}
SCOPE = {"user": PERSON, "office": PROJECT}


def intent(intent_type: str, drop: tuple[str, ...] = (), **changes) -> dict:
    doc = {"_id": f"{intent_type}:1", "type": intent_type, "author": PERSON, "created_at": "2026-11-20T09:00:00Z"}
    doc.update(GOOD[intent_type])
    doc.update(changes)
    for name in drop:
        del doc[name]
    return doc


def convert(doc: dict) -> commands.Command:
    kind = KIND[doc["type"]]
    return to_command(kind, SCOPE[kind], doc)


def test_every_intent_type_has_a_good_example():
    assert set(GOOD) == set(KIND)


@pytest.mark.parametrize("intent_type", sorted(GOOD))
def test_a_good_intent_becomes_a_command(intent_type):
    assert isinstance(convert(intent(intent_type)), commands.Command)


def test_a_job_post_request_is_read_field_by_field():
    command = convert(intent("job_post_request"))

    assert command == commands.PostJob(
        intent_id="job_post_request:1", project_id=PROJECT, posted_by=PERSON, title="Gaffer",
        department="lighting", start_date=date(2026, 12, 1), end_date=date(2026, 12, 12),
        call_time=time(6, 30), rate=Money(4_500_000, "NGN"), rate_per="day", city="Lekki", state="Lagos", slots=2,
    )


def test_a_check_in_keeps_its_time_zone():
    command = convert(intent("check_in"))

    assert command.at == datetime(2026, 12, 1, 6, 20, tzinfo=timezone(timedelta(hours=1)))
    assert (command.person_id, command.set_code, command.position) == (PERSON, "4821", None)


def test_a_check_in_by_location_reads_the_position():
    command = convert(intent("check_in", method="location", latitude=6.4474, longitude=3.4723))

    assert command.position == (6.4474, 3.4723)


@pytest.mark.parametrize("answer, confirmed", [("yes", True), ("YES", True), ("No", False)])
def test_a_call_confirmation_answer_is_yes_or_no_in_any_case(answer, confirmed):
    assert convert(intent("call_confirmation", answer=answer, reason="sick")).confirmed is confirmed


@pytest.mark.parametrize(
    "doc, field",
    [
        (intent("project_request", drop=("title",)), "title"),
        (intent("project_request", title=42), "title"),
        (intent("project_request", first_shoot_date="next week"), "first_shoot_date"),
        (intent("project_request", first_shoot_date=20261201), "first_shoot_date"),
        (intent("application_request", drop=("job_post_id",)), "job_post_id"),
        (intent("application_request", note=["a", "list"]), "note"),
        (intent("call_confirmation", drop=("booking_id",)), "booking_id"),
        (intent("call_confirmation", answer="maybe"), "answer"),
        (intent("call_confirmation", answer=True), "answer"),
        (intent("call_confirmation", answer="no", reason=None), "reason"),
        (intent("check_in", at="2026-12-01T06:20:00"), "at"),  # no time zone
        (intent("check_in", at="yesterday"), "at"),
        (intent("check_in", drop=("at",)), "at"),
        (intent("check_in", method="telepathy"), "method"),
        (intent("check_in", method="location"), "latitude"),
        (intent("job_post_request", rate_minor=45000.0), "rate_minor"),
        (intent("job_post_request", rate_minor="4500000"), "rate_minor"),
        (intent("job_post_request", rate_minor=True), "rate_minor"),
        (intent("job_post_request", drop=("rate_minor",)), "rate_minor"),
        (intent("job_post_request", slots="2"), "slots"),
        (intent("job_post_request", slots=2.0), "slots"),
        (intent("job_post_request", start_date="01/12/2026"), "start_date"),
        (intent("job_post_request", end_date=None), "end_date"),
        (intent("job_post_request", call_time="6:30am"), "call_time"),
        (intent("job_post_request", currency="XYZ"), "currency"),
        (intent("job_post_request", drop=("author",)), "author"),
        (intent("job_post_request", city=None), "city"),
        (intent("hire_request", drop=("application_id",)), "application_id"),
        (intent("hire_request", author=7), "author"),
        (intent("schedule_request", limit_s=0), "limit_s"),
        (intent("schedule_request", limit_s=3600), "limit_s"),
        (intent("schedule_publish", draft="3"), "draft"),
        (intent("wrap_report", shot_scene_ids="12, 14"), "shot_scene_ids"),
        (intent("wrap_report", shot_scene_ids=[12]), "shot_scene_ids"),
        (intent("wrap_report", wrap_at="19:10"), "wrap_at"),
        (intent("breakdown_correction", correction="add cutlass"), "correction"),
        (intent("check_out", at="2026-12-01T19:20:00"), "at"),
        (intent("escrow_deposit_request", gateway="paypal"), "gateway"),
        (intent("escrow_deposit_request", withholding_bps=5000), "withholding_bps"),
        (intent("escrow_deposit_request", amount_minor=450.5), "amount_minor"),
        (intent("escrow_release_request", amount_minor="150000"), "amount_minor"),
        (intent("payout_account_update", gateway="stripe"), "gateway"),
        (intent("payout_account_update", drop=("account_number",)), "account_number"),
        (intent("payout_request", amount_minor=60_000.5), "amount_minor"),
        (intent("escrow_dispute_resolution", decision="halve"), "decision"),
        (intent("escrow_dispute_resolution", payee_minor=200000.5), "payee_minor"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_a_malformed_intent_is_rejected_naming_the_field(doc, field):
    with pytest.raises(Rejected) as rejection:
        convert(doc)

    assert field in rejection.value.reason


@pytest.mark.parametrize("latitude", ["north", [6.4]])
def test_a_bad_latitude_is_rejected_naming_the_field(latitude):
    with pytest.raises(Rejected) as rejection:
        convert(intent("check_in", method="location", latitude=latitude, longitude=3.47))

    assert "latitude" in rejection.value.reason


@pytest.mark.parametrize(
    "kind, doc, expected",
    [
        ("user", {"type": "application_request"}, True),
        ("user", {"type": "check_in"}, True),
        ("user", {"type": "application_request", "_deleted": True}, False),
        ("user", {"type": "job_post_request"}, False),
        ("user", {"type": "booking"}, False),
        ("office", {"type": "hire_request"}, True),
        ("office", {"type": "call_confirmation"}, False),
        ("project", {"type": "check_in"}, False),
        ("directory", {"type": "application_request"}, False),
        ("ops", {"type": "hire_request"}, False),
    ],
)
def test_which_documents_are_intents_depends_on_the_database(kind, doc, expected):
    assert is_intent(kind, doc) is expected
