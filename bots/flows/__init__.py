"""The flows a cast or crew member can be in, and the words that start them. Explicit lists:
a flow is never looked up by a name read from configuration."""
from bots.flows import (
    applications, apply, auditions, jobs, menu, offers, onboarding, payments, schedule, settings, shoot_day,
)

FLOWS = {flow.name: flow for flow in (
    menu.FLOW, onboarding.FLOW, jobs.BROWSE, jobs.DETAILS, apply.APPLY, auditions.AUDITION, offers.OFFER,
    shoot_day.DECLINE, shoot_day.LATE, shoot_day.CHECK_IN, settings.LANGUAGE,
)}

# First word (folded) -> how its flow starts, given the rest of the message.
COMMANDS = {
    "jobs": jobs.start, "job": jobs.start_details, "details": jobs.start_details, "apply": apply.start,
    "status": applications.start, "applications": applications.start,
    "audition": auditions.start, "auditions": auditions.start,
    "offer": offers.start, "offers": offers.start,
    "schedule": schedule.start_schedule, "tomorrow": schedule.start_tomorrow, "call": schedule.start_tomorrow,
    "yes": shoot_day.start_yes, "no": shoot_day.start_no,
    "late": shoot_day.start_late,
    "in": shoot_day.start_check_in, "checkin": shoot_day.start_check_in, "check-in": shoot_day.start_check_in,
    "out": shoot_day.start_check_out, "checkout": shoot_day.start_check_out, "check-out": shoot_day.start_check_out,
    "pay": payments.start, "payments": payments.start, "payment": payments.start, "money": payments.start,
    "language": settings.start_language, "lang": settings.start_language,
    "ede": settings.start_language, "asusu": settings.start_language, "harshe": settings.start_language,
}
