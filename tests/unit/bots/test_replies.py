"""Every reply renders with the params the code gives it, and reads well."""
import pytest

from bots.flow_texts import FLOW_TEMPLATES
from bots.i18n import LANGUAGES, SMS_SUFFIX, placeholders
from bots.replies import SOURCES, render
from bots.sms import segments
from core import scopes
from core.commands import ConfirmCallTime
from sync.rules import IntentRule
from tests.unit.fakes import make_bus
from tests.unit.production import FIRST_DAY, on_set, open_production

BOOKING = {
    "booking_id": "b" * 20, "role": "Gaffer", "project_title": "Eko Nights", "start_date": "2026-12-01",
    "end_date": "2026-12-12", "call_time": "06:30", "location": {"city": "Lekki", "state": "Lagos"},
    "rate": {"amount_minor": 4_500_000, "currency": "NGN"}, "rate_per": "day", "status": "awaiting_confirmation",
}
# template -> (params as the code passes them, whether a booking goes with them)
PASSED = {
    "welcome": ({}, False),
    "help": ({}, False),
    "jobs_none": ({}, False),
    "jobs_list": ({"lines": "7KQ2D: Gaffer, Eko Nights, Lekki, from 2026-12-01"}, False),
    "application_queued": ({"job_title": "Gaffer"}, False),
    "application_received": ({"job_title": "Gaffer", "project_title": "Eko Nights"}, False),
    "booking_made": ({"booking_id": "b" * 20}, True),
    "call_time_confirmed": ({"booking_id": "b" * 20}, True),
    "call_time_declined": ({"booking_id": "b" * 20}, True),
    "checked_in": ({"booking_id": "b" * 20, "day": "2026-12-01"}, True),
    "checked_out": ({"booking_id": "b" * 20, "day": "2026-12-01"}, True),
    "escrow_disputed": ({"booking_id": "b" * 20, "role": "Gaffer", "project_title": "Eko Nights",
                         "amount": "₦450,000"}, False),
    "escrow_dispute_resolved": ({"booking_id": "b" * 20, "role": "Gaffer", "project_title": "Eko Nights",
                                 "decision": "split", "net": "₦189,250", "refunded": "₦250,000"}, False),
    "escrow_cancelled": ({"booking_id": "b" * 20, "role": "Gaffer", "project_title": "Eko Nights",
                          "refund_percent": 50, "net": "₦212,906.25", "refunded": "₦225,000"}, False),
    "payout_account_ready": ({"account": "TEST CREW ****6789", "reason": ""}, False),
    "payout_account_refused": ({"account": "****6789", "reason": "The bank could not confirm that account."}, False),
    "payout_paid": ({"amount": "₦60,000", "account": "TEST CREW ****6789", "reason": ""}, False),
    "payout_failed": ({"amount": "₦60,000", "account": "TEST CREW ****6789", "reason": "Account dormant"}, False),
    "deposit_checkout": ({"amount": "₦450,000", "role": "Gaffer", "project_title": "Eko Nights",
                          "url": "https://checkout.paystack.com/abc"}, False),
    "pledge_checkout": ({"amount": "₦5,000,000", "project_title": "Eko Nights",
                         "url": "https://checkout.paystack.com/iv1"}, False),
    "card_refund_done": ({"amount": "₦225,000", "reason": ""}, False),
    "card_refund_failed": ({"amount": "₦225,000", "reason": "Card expired"}, False),
    "paper_ready": ({"public_url": "https://nollycrew.ng", "title": "Receipt: payment released",
                     "number": "NC-RCT-2026-000001", "total": "₦142,931.25", "key": "a" * 20}, False),
    "escrow_funded": ({"booking_id": "b" * 20, "amount": "₦450,000"}, True),
    "escrow_released": ({"booking_id": "b" * 20, "net": "₦423,225"}, True),
    "nothing_to_confirm": ({}, False),
    "status": ({"lines": "Booked: Gaffer, Eko Nights (confirmed)"}, False),
    "status_empty": ({}, False),
    "intent_rejected": ({"reason": "That job does not exist. Send JOBS to see open jobs."}, False),
    "not_understood": ({}, False),
    "sign_in_code": ({"code": "042917", "minutes": 10}, False),
    "application_shortlisted": ({"job_title": "Gaffer", "project_title": "Eko Nights", "feedback": "Strong reel"}, False),
    "audition_invitation": ({"job_title": "Ronke", "project_title": "Eko Nights", "feedback": "Bring a monologue"}, False),
    "application_declined": ({"job_title": "Gaffer", "project_title": "Eko Nights", "feedback": ""}, False),
    "application_withdrawn": ({"job_title": "Gaffer"}, False),
    "offer_made": ({"job_title": "Gaffer", "project_title": "Eko Nights", "offer_id": "x",
                    "expires_at": "5 December 2026 at 18:00", "note": ""}, False),
    "offer_accepted": ({"job_title": "Gaffer", "project_title": "Eko Nights", "applicant": "Chidi Okafor"}, False),
    "offer_declined": ({"job_title": "Gaffer", "project_title": "Eko Nights", "applicant": "Chidi Okafor",
                        "reason": "Booked elsewhere"}, False),
    "audition_booked": ({"job_title": "Ronke", "project_title": "Eko Nights", "when": "Mon 23 Nov 10:00 to 10:30",
                         "where": "Surulere studio"}, False),
    "audition_rescheduled": ({"job_title": "Ronke", "project_title": "Eko Nights", "when": "Tue 24 Nov 11:00",
                              "where": "Surulere studio"}, False),
    "audition_cancelled": ({"job_title": "Ronke", "project_title": "Eko Nights", "when": "Mon 23 Nov 10:00"}, False),
    "signing_code": ({"code": "381920", "minutes": 10, "title": "Deal memo: Gaffer"}, False),
    "second_factor_code": ({"code": "551203", "minutes": 10}, False),
    "team_invitation": ({"project_title": "Eko Nights 2", "role_title": "Gaffer", "start_date": "2027-01-10",
                         "end_date": "2027-01-20", "rate": "₦45,000", "rate_per": "day", "code": "LAV7H"}, False),
    # bots/staff_texts.py: answers to producers, ADs and admins (core/handlers/crew_calls.py,
    # admin_chat.py, project_threads.py, bots/staff_chat.py), and what they send their unit.
    "staff_help": ({}, False),
    "admin_help": ({}, False),
    "staff_usage": ({"usage": "Write ANNOUNCE and your message, e.g. ANNOUNCE Call moved to 6am."}, False),
    "crew_call_posted": ({"role": "focus puller", "day": "2026-12-01", "rate": "₦25,000", "city": "Lagos",
                          "code": "7KQ2D", "project_title": "Eko Nights"}, False),
    "call_status": ({"project_title": "Eko Nights", "day": "2026-12-01", "confirmed_count": 1, "waiting_count": 1,
                     "declined_count": 0, "confirmed": "Chidi Okafor (Gaffer)", "waiting": "Tunde Bakare (Grip)",
                     "declined": "nobody"}, False),
    "call_status_none": ({"project_title": "Eko Nights", "day": "2026-12-01"}, False),
    "chase_done": ({"project_title": "Eko Nights", "day": "2026-12-01", "reminded": 3, "skipped": 1}, False),
    "call_reminder": ({"project_title": "Eko Nights", "day": "2026-12-01", "role": "Gaffer",
                       "booking_id": "b" * 20}, True),
    "announcement_sent": ({"project_title": "Eko Nights", "count": 14}, False),
    "unit_announcement": ({"project_title": "Eko Nights", "sender": "Kemi Adeyemi",
                           "text": "Call moved to 6am, meet at the Lekki gate."}, False),
    "admin_person": ({"phone": "+2348030000001", "name": "Chidi Okafor", "roles": "crew", "verified": "yes",
                      "suspended": "no", "opted_out": "no", "channel": "whatsapp"}, False),
    "admin_done": ({"what": "Verified", "phone": "+2348030000001", "name": "Chidi Okafor"}, False),
    "admin_stats": ({"people": 1250, "projects": 14, "fill_rate": "62%", "failed": 3, "failed_jobs": 2,
                     "failed_jobs_by_queue": "media 2", "oldest_failure_h": 3,
                     "last_failure": "transcribe_self_tape: OSError: [Errno 28] No space left on device"}, False),
    "failed_jobs_requeued": ({"count": 2, "queue": "messages, default, office, media, ai"}, False),
    "failed_jobs_dropped": ({"count": 2, "queue": "media"}, False),
    # Reminders (core/reminder_commands.py, core/handlers/reminders.py).
    "call_sheet_reminder": ({"project_title": "Eko Nights", "day": "2026-12-01", "role": "Gaffer", "call": "06:30",
                             "place": "Lekki house", "address": "12 Admiralty Way, Lekki Phase 1",
                             "map_link": "https://www.google.com/maps/search/?api=1&query=6.4474,3.4723",
                             "location_pin": [6.4474, 3.4723]}, False),
    "offer_expiring": ({"project_title": "Eko Nights", "job_title": "Gaffer", "offer_id": "o" * 20,
                        "expires_at": "5 Dec 18:00"}, False),
    "broadcast_confirm": ({"audience": 1250, "code": "0427", "minutes": 10}, False),
    "broadcast_started": ({"count": 1250, "per_minute": 60, "minutes": 21}, False),
    "broadcast": ({"text": "NollyCrew will be down for upkeep on Sunday from 02:00 to 03:00."}, False),
    "admin_dispute_settled": ({"code": "7KQ2D", "decision": "split", "share": "60% to the crew member"}, False),
    "thread_message": ({"code": "7KQ2D", "project_title": "Eko Nights", "sender": "Kemi Adeyemi",
                        "text": "Costume fitting moved to Thursday 10:00."}, False),
    "thread_reply_sent": ({"code": "7KQ2D"}, False),
    # bots/call_sheet_texts.py: each person's own call, from core/call_sheet_send.py.
    "call_sheet_personal": ({"project_title": "Eko Nights", "day": "2026-12-01", "day_number": 3, "role": "Gaffer",
                             "call": "06:30", "place": "Lekki house", "address": "12 Admiralty Way, Lekki Phase 1",
                             "map_link": "https://www.google.com/maps/search/?api=1&query=6.4474,3.4723",
                             "sheet_url": "https://nollycrew.ng/call-sheet/p1a2b3c4/2026-12-01/a1b2c3d4e5/"
                                          + "0" * 32 + ".pdf"}, False),
    "call_sheet_changed": ({"project_title": "Eko Nights", "day": "2026-12-01", "changes": "06:30 -> 07:15",
                            "role": "Gaffer", "call": "07:15", "place": "Lekki house",
                            "address": "12 Admiralty Way, Lekki Phase 1",
                            "map_link": "https://www.google.com/maps/search/?api=1&query=6.4474,3.4723",
                            "sheet_url": "https://nollycrew.ng/call-sheet/p1a2b3c4/2026-12-01/a1b2c3d4e5/"
                                         + "0" * 32 + ".pdf"}, False),
}
# bots/telegram_texts.py: linking a Telegram chat to a phone number (workers/telegram_linking.py).
# Sent only in that Telegram chat, never by SMS, so they are kept out of the SMS checks on PASSED.
# The chat flows' templates (bots/flow_texts.py) take their params from the engine's reads; each
# placeholder gets a value of the length the flows pass (tests/unit/bots/flows check the flows
# pass exactly these names).
FLOW_SAMPLES = {
    "address": "12 Admiralty Way, Lekki Phase 1", "amount": "₦450,000", "released": "₦150,000",
    "milestone": " (first-half)", "status": "waiting for your YES", "call": "06:30", "city": "Lekki", "code": "4821",
    "day": "Tue 1 Dec", "end_date": "2026-12-12", "expected": "07:10", "expires_at": "5 Dec 18:00",
    "extra": "5 days, Lekki.", "first": 1, "flow": "signing up", "job_title": "Gaffer", "language": "Yorùbá",
    "last": 5, "lines": "Gaffer, Eko Nights: held ₦450,000, released ₦0",
    "map_link": "https://maps.google.com/?q=6.4474,3.4723", "minutes": 20, "name": "Chidi Okafor",
    "place": "Lekki house", "project_title": "Eko Nights", "public_url": "https://nollycrew.ng",
    "rate": "₦45,000", "rate_per": "day", "role": "Gaffer", "sheet_path": "/cs/a1b2c3d4e5", "start_date": "2026-12-01",
    "title": "Gaffer", "total": 12, "when": "Mon 23 Nov 10:00", "where": "Surulere studio",
}
PASSED.update({
    name: ({field: FLOW_SAMPLES[field] for field in placeholders(text)}, False)
    for name, text in FLOW_TEMPLATES.items() if not name.endswith(SMS_SUFFIX)
})

TELEGRAM_ONLY = {
    "telegram_share_button": ({}, False),
    "telegram_link_needed": ({}, False),
    "telegram_not_your_contact": ({}, False),
    "telegram_bad_number": ({"number": "0803 12"}, False),
    "telegram_code_sent": ({"phone": "+2348031234567", "minutes": 10}, False),
    "telegram_code_refused": ({"reason": "That code is not right. Check the message and try again."}, False),
    "telegram_too_many_codes": ({"phone": "+2348031234567"}, False),
    "telegram_linked": ({"phone": "+2348031234567"}, False),
}


ALL_TEMPLATES = set().union(*SOURCES)
SMS_FORMS = sorted(name for name in ALL_TEMPLATES if name.endswith(SMS_SUFFIX))


def test_every_template_is_in_the_table():
    # An SMS short form `<name>_sms` is rendered with the params of `name`.
    assert not set(PASSED) & set(TELEGRAM_ONLY)
    assert set(PASSED) | set(TELEGRAM_ONLY) == {name for name in ALL_TEMPLATES if not name.endswith(SMS_SUFFIX)}
    assert {name.removesuffix(SMS_SUFFIX) for name in SMS_FORMS} <= set(PASSED)


def passed(template: str) -> tuple[dict, dict | None]:
    """The params and booking the code passes with `template` (or with the full form of an SMS form)."""
    name = template.removesuffix(SMS_SUFFIX)
    params, with_booking = PASSED[name] if name in PASSED else TELEGRAM_ONLY[name]
    return params, BOOKING if with_booking else None


@pytest.mark.parametrize("template", sorted({*PASSED, *TELEGRAM_ONLY}))
def test_every_template_renders_with_its_params(template):
    params, booking = passed(template)

    text = render(template, params, booking)

    assert text and "{" not in text and "}" not in text
    # Ids are not for people to read; a location pin goes as WhatsApp's own location message.
    assert all(str(value) in text for key, value in params.items()
               if key not in ("booking_id", "offer_id", "location_pin"))


@pytest.mark.parametrize("template", SMS_FORMS)
def test_every_sms_form_renders_with_the_params_of_its_full_form(template):
    params, booking = passed(template)

    text = render(template, params, booking)

    assert text and "{" not in text and "}" not in text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", SMS_FORMS)
def test_an_sms_form_fits_two_parts_in_every_language_without_being_cut(template, language):
    # fit_sms would cut a longer one; a short form exists so that the facts arrive whole.
    params, booking = passed(template)

    text = render(template, params, booking, language=language)

    assert segments(text) <= 2, f"{template} in {language} takes {segments(text)} SMS parts"


def test_sms_gets_the_short_form_and_other_channels_the_full_one():
    params, booking = passed("booking_made")

    on_sms = render("booking_made", params, booking, channel="sms")
    on_whatsapp = render("booking_made", params, booking, channel="whatsapp")

    assert on_sms == render("booking_made_sms", params, booking)
    assert on_whatsapp == render("booking_made", params, booking)
    assert len(on_sms) < len(on_whatsapp)


def test_an_unknown_template_is_named_in_the_error():
    with pytest.raises(KeyError, match="no_such_reply"):
        render("no_such_reply", {})


def test_a_booking_shows_the_rate_in_naira():
    text = render("booking_made", {"booking_id": "b" * 20}, BOOKING)

    assert text == (
        "You are booked as Gaffer on Eko Nights, 2026-12-01 to 2026-12-12, call time 06:30 in Lekki, "
        "rate ₦45,000/day. Reply YES to confirm or NO and the reason."
    )


async def test_every_message_the_core_queues_renders_as_the_sender_renders_it():
    bus = make_bus()
    production = await open_production(bus)
    chidi, aisha = production.chidi_id, production.aisha_id
    chidi_booking = await production.book(chidi)
    aisha_booking = await production.book(aisha)
    await production.confirm(chidi, chidi_booking)
    await production.check_in(chidi, chidi_booking, on_set(FIRST_DAY, 6, 20))
    await bus.handle(ConfirmCallTime("call_confirmation:no", aisha, aisha_booking, False, "sick"))
    refused = {"_id": "application_request:x", "type": "application_request", "author": chidi,
               "created_at": "2026-11-20T09:00:00+01:00", "job_post_id": "0" * 20, "source": {"channel": "sms"}}
    as_fed = await bus.services.store.create(scopes.user_db(chidi), refused)
    await IntentRule(bus).on_match(scopes.user_db(chidi), as_fed)

    rendered = {}
    for message in bus.services.outbox.messages:  # as workers/messaging.py does
        booking_id = message.params.get("booking_id")
        booking = await bus.services.store.get(scopes.user_db(message.person_id), f"booking:{booking_id}") if booking_id else None
        rendered[message.template] = render(message.template, message.params, booking)

    assert set(rendered) == {
        "application_received", "booking_made", "call_time_confirmed", "call_time_declined", "checked_in", "intent_rejected",
    }
    assert "rate ₦45,000/day" in rendered["booking_made"]
    assert rendered["checked_in"] == "Checked in on 2026-12-01 for Eko Nights. Have a good shoot!"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_telegram_texts_name_the_share_button_as_it_reads(language):
    button = render("telegram_share_button", {}, language=language)

    for template in ("telegram_link_needed", "telegram_not_your_contact"):
        assert f'"{button}"' in render(template, {}, language=language), f"{template} in {language}"
