"""Every reply renders with the params the code gives it, and reads well."""
import pytest

from bots.i18n import SMS_SUFFIX
from bots.replies import TEMPLATES, render
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
}


def test_every_template_is_in_the_table():
    # An SMS short form `<name>_sms` is rendered with the params of `name`.
    assert set(PASSED) == {name for name in TEMPLATES if not name.endswith(SMS_SUFFIX)}
    assert {name.removesuffix(SMS_SUFFIX) for name in TEMPLATES if name.endswith(SMS_SUFFIX)} <= set(PASSED)


def passed(template: str) -> tuple[dict, dict | None]:
    """The params and booking the code passes with `template` (or with the full form of an SMS form)."""
    params, with_booking = PASSED[template.removesuffix(SMS_SUFFIX)]
    return params, BOOKING if with_booking else None


@pytest.mark.parametrize("template", sorted(PASSED))
def test_every_template_renders_with_its_params(template):
    params, with_booking = PASSED[template]

    text = render(template, params, BOOKING if with_booking else None)

    assert text and "{" not in text and "}" not in text
    assert all(str(value) in text for key, value in params.items() if key not in ("booking_id", "offer_id"))


@pytest.mark.parametrize("template", sorted(name for name in TEMPLATES if name.endswith(SMS_SUFFIX)))
def test_every_sms_form_renders_with_the_params_of_its_full_form(template):
    params, booking = passed(template)

    text = render(template, params, booking)

    assert text and "{" not in text and "}" not in text


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
