"""What the bots say: the English source of every reply, rendered in the person's language.

Each template takes the message's params plus `booking` (the person's copy) when it names one.
SMS gets the short form `<name>_sms` where one exists: a Yoruba, Igbo or Hausa reply, or any
reply with a ₦ in it, is UCS-2 on a feature phone, 70 characters a part, and a reply stays
within two parts. Translations live in bots/locale (see bots/i18n.py); edit the English here,
then run `make catalogs` and have the new strings translated.
"""
import unicodedata

from bots import i18n
from bots.sms import fit_sms
from bots.call_sheet_texts import CALL_SHEET_TEMPLATES
from bots.flow_texts import FLOW_TEMPLATES
from bots.staff_texts import STAFF_TEMPLATES
from bots.telegram_texts import TELEGRAM_TEMPLATES
from core.money import Money

TEMPLATES = {
    "welcome": (
        "Welcome to NollyCrew! Reply JOBS to see open jobs, STATUS for your bookings, "
        "HELP for all commands."
    ),
    "help": (
        "NollyCrew commands:\nJOBS - open jobs\nAPPLY <code> - apply for a job\n"
        "YES / NO <reason> - answer a booking\nCHECKIN <set code> - check in on set\n"
        "CHECKOUT - check out at wrap\n"
        "STATUS - your applications and bookings"
    ),
    "jobs_none": "No open jobs right now. We will message you when one fits.",
    "jobs_list": "Open jobs:\n{lines}\nReply APPLY <code> to apply.",
    "application_queued": "Sending your application for {job_title}...",
    "application_received": (
        "Your application for {job_title} on {project_title} is in. "
        "We will message you when the producer decides."
    ),
    "booking_made": (
        "You are booked as {booking[role]} on {booking[project_title]}, "
        "{booking[start_date]} to {booking[end_date]}, call time {booking[call_time]} in "
        "{booking[location][city]}, rate {rate}/{booking[rate_per]}. "
        "Reply YES to confirm or NO and the reason."
    ),
    "call_time_confirmed": "Confirmed: {booking[role]} on {booking[project_title]}. See you on set!",
    "call_time_declined": "Noted: you cannot make {booking[role]}. The production has been told.",
    "checked_in": "Checked in on {day} for {booking[project_title]}. Have a good shoot!",
    "escrow_funded": (
        "{amount} for your work as {booking[role]} on {booking[project_title]} is now held in escrow for you. "
        "It is paid to you when the producer releases it."
    ),
    "escrow_released": "{net} has been released to you for {booking[role]} on {booking[project_title]}.",
    "escrow_disputed": (
        "The {amount} held for {role} on {project_title} is frozen: a dispute was opened on this payment. "
        "An admin will decide; nothing is paid out or refunded until then."
    ),
    "escrow_dispute_resolved": (
        "The payment dispute on {role} for {project_title} is settled ({decision}): {net} to the crew member "
        "after fees, {refunded} back to the producer."
    ),
    "escrow_cancelled": (
        "The booking of {role} on {project_title} was cancelled. Under the cancellation policy {refund_percent}% "
        "of what was held, {refunded}, goes back to the producer; {net} is paid to the crew member after fees."
    ),
    "payout_account_ready": "Your bank account {account} is confirmed. Released pay can now be paid into it.",
    "payout_account_refused": "We cannot pay into the bank account {account}: {reason}",
    "payout_paid": "{amount} has been paid into your bank account {account}.",
    "payout_failed": (
        "Your payout of {amount} to {account} did not go through ({reason}). The money is back in your "
        "NollyCrew balance."
    ),
    "deposit_checkout": "Pay {amount} into escrow for {role} on {project_title} here: {url}",
    "pledge_checkout": "Pay your {amount} investment in {project_title} here: {url}",
    "card_refund_done": "{amount} has been refunded to the card you paid with. Your bank may take a few days to show it.",
    "card_refund_failed": "The refund of {amount} to your card did not go through ({reason}). It is still in your NollyCrew wallet.",
    "paper_ready": "{title} {number} ({total}): {public_url}/paper/{number}/{key}.pdf",
    "checked_out": "Checked out on {day} from {booking[project_title]}. Thank you, and safe journey home!",
    "nothing_to_confirm": "You have no booking waiting for an answer. Reply STATUS to see yours.",
    "status": "{lines}",
    "status_empty": "No applications or bookings yet. Reply JOBS to see open jobs.",
    "intent_rejected": "Sorry: {reason}",
    "application_shortlisted": "Good news: you are shortlisted for {job_title} on {project_title}. {feedback}",
    "audition_invitation": "You are invited to audition for {job_title} on {project_title}. {feedback}",
    "application_declined": (
        "Your application for {job_title} on {project_title} was not successful this time. {feedback}"
    ),
    "application_withdrawn": "You have withdrawn your application for {job_title}.",
    "offer_made": "{project_title} offers you {job_title}. Accept before {expires_at}. {note}",
    "offer_expiring": "Reminder: {project_title}'s offer of {job_title} closes on {expires_at}. Answer it before then.",
    "offer_accepted": "{applicant} accepted your offer for {job_title} on {project_title}.",
    "offer_declined": "{applicant} declined your offer for {job_title} on {project_title}. {reason}",
    "audition_booked": "Your audition for {job_title} on {project_title} is booked: {when}, {where}.",
    "audition_rescheduled": "Your audition for {job_title} on {project_title} has moved to {when}, {where}.",
    "audition_cancelled": "Your audition for {job_title} on {project_title} on {when} is cancelled.",
    "second_factor_code": "Your NollyCrew sign-in code is {code}. It expires in {minutes} minutes. Never share it.",
    "team_invitation": (
        "{project_title} wants you back as {role_title}, {start_date} to {end_date}, {rate} per {rate_per}. "
        "Reply APPLY {code} to take your place."
    ),
    "signing_code": (
        "Your NollyCrew code to sign \"{title}\" is {code}. It expires in {minutes} minutes. Never share it."
    ),
    # Fits one SMS: it is the fallback when the number has no WhatsApp.
    "sign_in_code": "Your NollyCrew code is {code}. It expires in {minutes} minutes. Never share it.",
    "not_understood": "Sorry, I did not understand that. Reply HELP for the commands.",
    # SMS short forms (`<name>_sms`): the facts of the full reply in two UCS-2 parts, 134 characters.
    "help_sms": "Commands: JOBS, APPLY <code>, YES, NO <reason>, CHECKIN <set code>, CHECKOUT, STATUS.",
    "booking_made_sms": (
        "Booked: {booking[role]}, {booking[project_title]}, {booking[start_date]} to {booking[end_date]}, "
        "call {booking[call_time]}, {booking[location][city]}, {rate}/{booking[rate_per]}. Reply YES or NO + reason."
    ),
    "escrow_funded_sms": (
        "{amount} for {booking[role]} on {booking[project_title]} is held for you until the producer releases it."
    ),
    "escrow_disputed_sms": (
        "{amount} for {role} on {project_title} is frozen: a dispute was opened. An admin will decide."
    ),
    "escrow_dispute_resolved_sms": (
        "Dispute on {role}, {project_title} settled ({decision}): {net} to crew after fees, {refunded} to producer."
    ),
    "escrow_cancelled_sms": (
        "{role} on {project_title} cancelled: {refunded} ({refund_percent}%) back to producer, "
        "{net} to crew after fees."
    ),
    "payout_failed_sms": "Payout of {amount} to {account} failed ({reason}). The money is back in your balance.",
    "team_invitation_sms": (
        "{project_title}: {role_title}, {start_date} to {end_date}, {rate}/{rate_per}. Reply APPLY {code} to join."
    ),
}


# Every template dict the bots render from. Another module's dict (bots/flow_texts.py
# FLOW_TEMPLATES, say) joins by being listed here and in babel.cfg; names must not repeat.
CONSENT_PREFIX = "consent_"  # the consent wordings' templates (bots/flow_texts.py), one per version
SOURCES = (TEMPLATES, STAFF_TEMPLATES, TELEGRAM_TEMPLATES, FLOW_TEMPLATES, CALL_SHEET_TEMPLATES)


def render(
    template: str, params: dict, booking: dict | None = None, language: str = "en", channel: str | None = None,
) -> str:
    """The reply `template` filled from `params` (and the person's `booking`), in `language`.

    On `channel="sms"` the `<template>_sms` short form is used where there is one, and a reply still
    longer than two SMS parts (a long list, a long name) is shortened by `bots.sms.fit_sms`.
    """
    name = template + i18n.SMS_SUFFIX if channel == "sms" and _has(template + i18n.SMS_SUFFIX) else template
    fields = dict(params)
    if "reason_template" in fields:  # the core's refusal (core.errors.Rejected), said in the person's language
        fields["reason"] = i18n.refusal(fields["reason_template"], fields.get("reason_params", {}), language)
    if booking is not None:
        fields["booking"] = booking
        fields["rate"] = str(Money.from_doc(booking["rate"]))
    text = i18n.translate(name, english(name), language).format(**fields)
    # Canonical composition: a name typed as "e" + accent costs what "é" costs, and displays alike.
    text = unicodedata.normalize("NFC", text)
    return fit_sms(text) if channel == "sms" and not never_cut(template) else text


def never_cut(template: str) -> bool:
    """Wording people agree to goes whole, even when it costs a third SMS part (Yoruba's tone
    marks are two UTF-16 units each): a consent cut short is no consent."""
    return template.startswith(CONSENT_PREFIX)


def english(template: str) -> str:
    """The English source of `template`, from whichever template dict holds it."""
    for source in SOURCES:
        if template in source:
            return source[template]
    raise KeyError(f"no reply template named {template!r}")


def _has(template: str) -> bool:
    return any(template in source for source in SOURCES)
