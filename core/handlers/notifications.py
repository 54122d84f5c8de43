"""Event handlers that tell people what happened. The wording lives in bots/replies.py."""
from core.bus import Services
from core.events import ApplicationReceived, BookingMade, CallTimeAnswered, CheckedIn, CheckedOut
from core.ports import OutboundMessage


async def tell_applicant(event: ApplicationReceived, services: Services) -> None:
    await services.outbox.queue(
        OutboundMessage(
            message_id=f"application_received.{event.application_id}",
            person_id=event.person_id,
            template="application_received",
            params={"job_title": event.job_title, "project_title": event.project_title},
        )
    )


async def ask_to_confirm_booking(event: BookingMade, services: Services) -> None:
    await services.outbox.queue(
        OutboundMessage(
            message_id=f"booking_made.{event.booking_id}",
            person_id=event.person_id,
            template="booking_made",
            params={"booking_id": event.booking_id},
        )
    )


async def acknowledge_answer(event: CallTimeAnswered, services: Services) -> None:
    template = "call_time_confirmed" if event.confirmed else "call_time_declined"
    await services.outbox.queue(
        OutboundMessage(
            message_id=f"{template}.{event.booking_id}",
            person_id=event.person_id,
            template=template,
            params={"booking_id": event.booking_id},
        )
    )


async def acknowledge_check_out(event: CheckedOut, services: Services) -> None:
    await services.outbox.queue(
        OutboundMessage(
            message_id=f"checked_out.{event.booking_id}.{event.day}",
            person_id=event.person_id,
            template="checked_out",
            params={"booking_id": event.booking_id, "day": event.day},
        )
    )


async def acknowledge_check_in(event: CheckedIn, services: Services) -> None:
    await services.outbox.queue(
        OutboundMessage(
            message_id=f"checked_in.{event.booking_id}.{event.day}",
            person_id=event.person_id,
            template="checked_in",
            params={"booking_id": event.booking_id, "day": event.day},
        )
    )
