"""Event handlers that tell people what happened. The wording lives in bots/replies.py."""
from core.bus import Services
from core.events import (
    ApplicationReceived, BookingMade, CallTimeAnswered, CheckedIn, CheckedOut, EscrowFunded, EscrowReleased,
)
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


async def tell_escrow_funded(event: EscrowFunded, services: Services) -> None:
    await services.outbox.queue(OutboundMessage(
        message_id=f"escrow_funded.{event.escrow_id or event.booking_id}", person_id=event.person_id, template="escrow_funded",
        params={"booking_id": event.booking_id, "amount": event.amount},
    ))


async def tell_escrow_released(event: EscrowReleased, services: Services) -> None:
    await services.outbox.queue(OutboundMessage(
        message_id=f"escrow_released.{event.release_key or event.booking_id + '.' + event.net}", person_id=event.person_id,
        template="escrow_released", params={"booking_id": event.booking_id, "net": event.net},
    ))


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
