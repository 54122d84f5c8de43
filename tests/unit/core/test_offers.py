"""Applications after they are received: the status table, feedback that reaches the applicant,
offers with a deadline, and accepting one books the person as a direct hire does."""
from datetime import datetime, timedelta

import pytest

from core import commands, scopes
from core.application_status import TRANSITIONS, allowed
from core.bus import MessageBus
from core.errors import Rejected
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.handlers.applications import decline_application, invite_to_audition, shortlist, withdraw_application
from core.handlers.offers import accept_offer, decline_offer, make_offer
from core.intents import _Fields
from core.offer_commands import (
    INTENT_PARSERS, AcceptOffer, DeclineApplication, DeclineOffer, InviteToAudition, MakeOffer, Shortlist,
    WithdrawApplication,
)
from tests.unit.fakes import DEFAULT_NOW, LAGOS, make_bus
from tests.unit.production import FIRST_DAY

OFFER_HANDLERS = {
    Shortlist: shortlist, InviteToAudition: invite_to_audition, DeclineApplication: decline_application,
    WithdrawApplication: withdraw_application, MakeOffer: make_offer, AcceptOffer: accept_offer,
    DeclineOffer: decline_offer,
}
DEADLINE = datetime(2026, 11, 21, 18, 0, tzinfo=LAGOS)  # the day after DEFAULT_NOW, at 18:00


@pytest.fixture
def bus():
    plain = make_bus()
    return MessageBus(plain.services, {**COMMAND_HANDLERS, **OFFER_HANDLERS}, EVENT_HANDLERS)


@pytest.fixture
async def applied(production) -> str:
    return await production.apply(production.chidi_id)


async def copies(production, doc_id: str, person_id: str) -> list[dict]:
    store = production.bus.services.store
    return [await store.get(db, doc_id) for db in (production.office, scopes.user_db(person_id))]


async def shortlisted(production, application_id: str, feedback: str = "") -> None:
    await production.bus.handle(
        Shortlist("shortlist_request:1", production.project_id, production.producer_id, application_id, feedback)
    )


async def offered(production, application_id: str, expires_at: datetime = DEADLINE) -> str:
    await shortlisted(production, application_id)
    return await production.bus.handle(
        MakeOffer("offer_request:1", production.project_id, production.producer_id, application_id, expires_at,
                  "Bring your own meter.")
    )


@pytest.mark.parametrize(
    "current, wanted",
    [("received", "shortlisted"), ("applied", "shortlisted"), ("shortlisted", "auditioning"),
     ("shortlisted", "offered"), ("auditioning", "offered"), ("offered", "hired"), ("received", "declined"),
     ("auditioning", "declined"), ("offered", "withdrawn"), ("shortlisted", "withdrawn")],
)
def test_the_table_allows_the_moves_forward_and_out(current, wanted):
    assert allowed(current, wanted)


@pytest.mark.parametrize(
    "current, wanted",
    [("received", "offered"), ("received", "hired"), ("shortlisted", "shortlisted"), ("offered", "auditioning"),
     ("hired", "withdrawn"), ("declined", "shortlisted"), ("withdrawn", "offered"), ("hired", "declined")],
)
def test_the_table_refuses_moves_back_skips_and_moves_out_of_a_closed_application(current, wanted):
    assert not allowed(current, wanted)


def test_closed_applications_go_nowhere():
    assert TRANSITIONS["hired"] == TRANSITIONS["declined"] == TRANSITIONS["withdrawn"] == frozenset()


async def test_shortlisting_updates_both_copies_and_tells_the_applicant(production, applied):
    await shortlisted(production, applied, "Strong reel. Can you do nights?")

    for copy in await copies(production, f"application:{applied}", production.chidi_id):
        assert (copy["status"], copy["feedback"]) == ("shortlisted", "Strong reel. Can you do nights?")
        assert copy["history"][-1]["by"] == production.producer_id
    [message] = production.bus.services.outbox.with_template("application_shortlisted")
    assert message.person_id == production.chidi_id
    assert message.params == {"job_title": "Gaffer", "project_title": "Eko Nights",
                              "feedback": "Strong reel. Can you do nights?"}


async def test_a_retried_shortlist_changes_nothing_and_a_second_one_is_refused(production, applied):
    store = production.bus.services.store
    await shortlisted(production, applied)
    written = store.generation(production.office, f"application:{applied}")

    await shortlisted(production, applied)
    assert store.generation(production.office, f"application:{applied}") == written
    with pytest.raises(Rejected, match="already shortlisted"):
        await production.bus.handle(
            Shortlist("shortlist_request:2", production.project_id, production.producer_id, applied)
        )


async def test_a_decline_carries_feedback_and_closes_the_application(production, applied):
    await production.bus.handle(
        DeclineApplication("application_decline:1", production.project_id, production.producer_id, applied,
                           "We went with someone based in Lekki.")
    )

    for copy in await copies(production, f"application:{applied}", production.chidi_id):
        assert copy["status"] == "declined"
    [message] = production.bus.services.outbox.with_template("application_declined")
    assert message.params["feedback"] == "We went with someone based in Lekki."
    with pytest.raises(Rejected, match="is declined: it can no longer be shortlisted"):
        await shortlisted(production, applied)


async def test_an_offer_needs_the_application_shortlisted_first(production, applied):
    with pytest.raises(Rejected, match="is applied; it cannot be offered"):
        await production.bus.handle(
            MakeOffer("offer_request:1", production.project_id, production.producer_id, applied, DEADLINE)
        )
    assert await production.bus.services.store.get(production.office, f"offer:{applied}") is None


async def test_an_offer_lands_in_both_databases_and_reaches_the_applicant(production, applied):
    offer_id = await offered(production, applied)

    for copy in await copies(production, f"offer:{offer_id}", production.chidi_id):
        assert (copy["status"], copy["note"]) == ("open", "Bring your own meter.")
        assert copy["expires_at"] == DEADLINE.isoformat()
    for copy in await copies(production, f"application:{applied}", production.chidi_id):
        assert copy["status"] == "offered"
    [message] = production.bus.services.outbox.with_template("offer_made")
    assert (message.person_id, message.params["expires_at"]) == (production.chidi_id, "21 November 2026 at 18:00")


async def test_an_offer_whose_deadline_has_passed_is_refused(production, applied):
    await shortlisted(production, applied)
    with pytest.raises(Rejected, match="deadline has already passed"):
        await production.bus.handle(
            MakeOffer("offer_request:1", production.project_id, production.producer_id, applied,
                      DEFAULT_NOW - timedelta(minutes=1))
        )


async def test_accepting_an_offer_books_the_person_as_a_hire_does(production, applied):
    store, chidi = production.bus.services.store, production.chidi_id
    offer_id = await offered(production, applied)

    booking_id = await production.bus.handle(AcceptOffer("offer_acceptance:1", chidi, offer_id))

    for db in (production.project, scopes.user_db(chidi)):
        booking = await store.get(db, f"booking:{booking_id}")
        assert (booking["person_id"], booking["role"], booking["hired_by"]) == (chidi, "Gaffer", production.producer_id)
    job_post = await store.get(scopes.DIRECTORY, f"job_post:{production.job_post_id}")
    assert job_post["hired"] == [chidi]
    for copy in await copies(production, f"application:{applied}", chidi):
        assert (copy["status"], copy["booking_id"]) == ("hired", booking_id)
    for copy in await copies(production, f"offer:{offer_id}", chidi):
        assert (copy["status"], copy["booking_id"]) == ("accepted", booking_id)
    calendar = await store.get(scopes.user_db(chidi), "availability")
    assert calendar["days"][FIRST_DAY.isoformat()]["booking_id"] == booking_id
    outbox = production.bus.services.outbox
    assert [m.person_id for m in outbox.with_template("booking_made")] == [chidi]
    assert [m.person_id for m in outbox.with_template("offer_accepted")] == [production.producer_id]


async def test_an_offer_accepted_after_its_deadline_is_refused(production, applied):
    store, chidi = production.bus.services.store, production.chidi_id
    offer_id = await offered(production, applied)
    production.bus.services.clock.at = DEADLINE + timedelta(seconds=1)

    with pytest.raises(Rejected, match="This offer expired on 21 November 2026 at 18:00"):
        await production.bus.handle(AcceptOffer("offer_acceptance:1", chidi, offer_id))

    assert store.docs(production.project, "booking:") == []
    for copy in await copies(production, f"offer:{offer_id}", chidi):
        assert copy["status"] == "expired"


async def test_accepting_twice_a_retry_passes_and_a_second_acceptance_is_refused(production, applied):
    chidi = production.chidi_id
    offer_id = await offered(production, applied)
    booking_id = await production.bus.handle(AcceptOffer("offer_acceptance:1", chidi, offer_id))
    production.bus.services.clock.at = DEADLINE + timedelta(hours=1)  # a retry late is still in time

    assert await production.bus.handle(AcceptOffer("offer_acceptance:1", chidi, offer_id)) == booking_id
    with pytest.raises(Rejected, match="already accepted"):
        await production.bus.handle(AcceptOffer("offer_acceptance:2", chidi, offer_id))
    assert len(production.bus.services.store.docs(production.project, "booking:")) == 1


async def test_someone_elses_offer_or_application_is_refused(production, applied):
    offer_id = await offered(production, applied)

    with pytest.raises(Rejected, match="That offer is not yours"):
        await production.bus.handle(AcceptOffer("offer_acceptance:1", production.aisha_id, offer_id))
    with pytest.raises(Rejected, match="That offer is not yours"):
        await production.bus.handle(DeclineOffer("offer_decline:1", production.aisha_id, offer_id))
    with pytest.raises(Rejected, match="That application is not yours"):
        await production.bus.handle(WithdrawApplication("application_withdrawal:1", production.aisha_id, applied))
    assert production.bus.services.store.docs(production.project, "booking:") == []


async def test_crew_without_an_office_role_cannot_shortlist(production, applied):
    bus = production.bus
    with pytest.raises(Rejected, match=r"\(no role\) does not let you shortlist applicants for Gaffer"):
        await bus.handle(Shortlist("shortlist_request:1", production.project_id, production.aisha_id, applied))
    await bus.handle(commands.GrantProjectRole("grant:1", production.project_id, production.producer_id,
                                               production.aisha_id, "crew"))
    with pytest.raises(Rejected, match=r"\(Crew\) does not let you shortlist"):
        await bus.handle(Shortlist("shortlist_request:1", production.project_id, production.aisha_id, applied))
    copy = await bus.services.store.get(production.office, f"application:{applied}")
    assert copy["status"] == "received"


async def test_a_head_of_lighting_shortlists_lighting_applicants(production, applied):
    bus = production.bus
    await bus.handle(commands.GrantProjectRole("grant:1", production.project_id, production.producer_id,
                                               production.aisha_id, "department_head", "lighting"))
    await bus.handle(Shortlist("shortlist_request:1", production.project_id, production.aisha_id, applied))

    assert (await bus.services.store.get(production.office, f"application:{applied}"))["status"] == "shortlisted"


async def test_a_producer_of_another_project_cannot_act_on_this_ones_application(production, applied):
    other = await production.bus.handle(
        commands.CreateProject("project_request:ojuelegba", production.producer_id, "Ojuelegba Nights")
    )
    with pytest.raises(Rejected, match="not in this project"):
        await production.bus.handle(Shortlist("shortlist_request:1", other, production.producer_id, applied))


async def test_an_offer_from_someone_who_no_longer_hires_cannot_be_accepted(production, applied):
    bus, project, producer = production.bus, production.project_id, production.producer_id
    await bus.handle(commands.GrantProjectRole("grant:1", project, producer, production.aisha_id, "unit_manager"))
    await shortlisted(production, applied)
    await bus.handle(MakeOffer("offer_request:1", project, production.aisha_id, applied, DEADLINE))
    await bus.handle(commands.RevokeProjectRole("revoke:1", project, producer, production.aisha_id, "unit_manager"))

    with pytest.raises(Rejected, match="no longer hires for the production"):
        await bus.handle(AcceptOffer("offer_acceptance:1", production.chidi_id, applied))
    assert bus.services.store.docs(production.project, "booking:") == []


async def test_declining_an_offer_withdraws_the_application_and_tells_the_office(production, applied):
    chidi = production.chidi_id
    offer_id = await offered(production, applied)

    await production.bus.handle(DeclineOffer("offer_decline:1", chidi, offer_id, "I am on another shoot."))

    for copy in await copies(production, f"offer:{offer_id}", chidi):
        assert (copy["status"], copy["reason"]) == ("declined", "I am on another shoot.")
    for copy in await copies(production, f"application:{applied}", chidi):
        assert copy["status"] == "withdrawn"
    [message] = production.bus.services.outbox.with_template("offer_declined")
    assert (message.person_id, message.params["reason"]) == (production.producer_id, "I am on another shoot.")
    with pytest.raises(Rejected, match="already declined"):
        await production.bus.handle(AcceptOffer("offer_acceptance:1", chidi, offer_id))


async def test_declining_an_offered_application_cancels_its_offer(production, applied):
    offer_id = await offered(production, applied)
    await production.bus.handle(
        DeclineApplication("application_decline:1", production.project_id, production.producer_id, applied)
    )

    with pytest.raises(Rejected, match="already cancelled"):
        await production.bus.handle(AcceptOffer("offer_acceptance:1", production.chidi_id, offer_id))
    assert production.bus.services.store.docs(production.project, "booking:") == []


async def test_a_withdrawn_application_cannot_be_shortlisted(production, applied):
    await production.bus.handle(WithdrawApplication("application_withdrawal:1", production.chidi_id, applied))

    for copy in await copies(production, f"application:{applied}", production.chidi_id):
        assert copy["status"] == "withdrawn"
    assert production.bus.services.outbox.with_template("application_withdrawn")
    with pytest.raises(Rejected, match="is withdrawn"):
        await shortlisted(production, applied)


async def test_an_audition_invitation_sits_between_shortlist_and_offer(production, applied):
    await shortlisted(production, applied)
    await production.bus.handle(
        InviteToAudition("audition_invitation:1", production.project_id, production.producer_id, applied,
                         "Saturday 10:00, Surulere studio")
    )

    [message] = production.bus.services.outbox.with_template("audition_invitation")
    assert message.params["feedback"] == "Saturday 10:00, Surulere studio"
    copy = await production.bus.services.store.get(production.office, f"application:{applied}")
    assert [step["status"] for step in copy["history"]] == ["shortlisted", "auditioning"]


async def test_a_direct_hire_still_books_from_a_shortlist(production, applied):
    await shortlisted(production, applied)
    booking_id = await production.hire(applied)

    copy = await production.bus.services.store.get(production.office, f"application:{applied}")
    assert copy["booking_id"] == booking_id


def test_the_intent_parsers_build_the_commands():
    kind, parse = INTENT_PARSERS["offer_request"]
    command = parse("offer_request:1", "p1", _Fields(
        {"author": "u1", "application_id": "a.b", "expires_at": "2026-11-21T18:00:00+01:00", "note": "Yes"}
    ))
    assert (kind, command) == ("office", MakeOffer("offer_request:1", "p1", "u1", "a.b", DEADLINE, "Yes"))
    kind, parse = INTENT_PARSERS["offer_acceptance"]
    assert (kind, parse("offer_acceptance:1", "u2", _Fields({"offer_id": "a.b"}))) == (
        "user", AcceptOffer("offer_acceptance:1", "u2", "a.b")
    )
    assert INTENT_PARSERS["shortlist_request"][1]("s:1", "p1", _Fields({"author": "u1", "application_id": "a.b"})) \
        == Shortlist("s:1", "p1", "u1", "a.b", "")
    assert {name: kind for name, (kind, _) in INTENT_PARSERS.items()} == {
        "shortlist_request": "office", "audition_invitation": "office", "application_decline": "office",
        "offer_request": "office", "application_withdrawal": "user", "offer_acceptance": "user",
        "offer_decline": "user",
    }


def test_an_offer_deadline_without_a_time_zone_is_malformed():
    parse = INTENT_PARSERS["offer_request"][1]
    with pytest.raises(ValueError, match="expires_at needs a time zone"):
        parse("offer_request:1", "p1",
              _Fields({"author": "u1", "application_id": "a.b", "expires_at": "2026-11-21T18:00"}))
