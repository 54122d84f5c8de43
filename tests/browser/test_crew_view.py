"""The crew view (#/me) in the crew's language: a crew member who chose Pidgin on WhatsApp and was
booked on a production with published call sheets signs in to the web app by phone and sees
their call in Pidgin, then switches to Hausa; confirms the call with no network, and back online
it is accepted (the booking confirmed on the server); a check-in with a wrong set code shows the
core's refusal in Hausa. Every text looked for is read from the catalogs, not written here."""
from bots import i18n
from core import scopes
from core.call_sheets.call_sheet import called
from tests.browser.catalog_steps import said
from tests.browser.live_board_steps import publish_call_sheets
from tests.browser.offline_steps import controlled_by_service_worker
from tests.integration.bots.chat_stack import (  # noqa: F401 (fixtures)
    DEPOSIT, Person, fake_telegram, fake_twilio, production, sign_up, stack,
)
from tests.integration.helpers import eventually

WAIT_S = 30.0
CREW_NAME = "Bayo Ojo"
WRONG_SET_CODE = "0000"
NOT_TODAYS_CODE = "That is not today's set code. Check the code the AD shows on set and send CHECKIN again."



async def booked_in(stack, prod, crew: Person, language: str) -> str:
    """The crew member signs up on WhatsApp in `language`, applies and is hired: their person id."""
    job = await prod.job(stack)
    await sign_up(stack, crew, language)
    await stack.say(crew, f"APPLY {job['code']}")
    await prod.hire(stack, crew, job)
    return await stack.person_id(crew)


async def signed_in_by_phone(page, phone: str, sent_code) -> None:
    await page.goto("/")
    await page.get_by_label("Phone number").fill(phone)
    await page.get_by_role("button", name="Send me a code").click()
    code_field = page.get_by_label(f"The six-digit code we sent to {phone}")
    await code_field.wait_for()
    await code_field.fill(await sent_code(phone))
    await page.get_by_role("button", name="Sign in", exact=True).click()


async def request_state(request, wanted: str) -> None:
    async def reached():
        return await request.count() == 1 and await request.get_attribute("data-state") == wanted

    await eventually(reached, WAIT_S, 0.25)


async def test_a_crew_member_sees_their_call_in_their_language_confirms_offline_and_is_refused_a_wrong_code(
    phone_page, sent_code, core_rules, stack, screenshot
):
    page = phone_page
    prod = await production(stack, "Ojuelegba Nights")
    crew = Person.new("whatsapp")
    crew_id = await booked_in(stack, prod, crew, "pcm")
    await prod.deposit(stack, crew)  # asked of the producer, not paid in yet
    today = await publish_call_sheets(stack, prod, {crew_id: (CREW_NAME, "Gaffer")})
    sheet = await stack.store.get(scopes.project_db(prod.project_id), f"call_sheet:{today}")
    call_time = called(sheet, crew_id)["call"]

    # Signed in by phone, with no office role: their calls, in the Pidgin they chose on WhatsApp.
    await signed_in_by_phone(page, crew.phone, sent_code)
    await page.get_by_role("heading", name=said("pcm", "My calls")).wait_for(timeout=WAIT_S * 1000)
    booking = page.locator(".crew-booking")
    today_call = booking.locator(f'.crew-call[data-date="{today}"]')
    await today_call.wait_for(timeout=WAIT_S * 1000)
    assert await page.locator("main").get_attribute("lang") == "pcm"
    assert said("pcm", "Call time {time}", time=call_time) in await today_call.inner_text()
    assert said("pcm", "Today, {date}", date=today) in await today_call.inner_text()
    place = sheet["locations"][0]
    where = said("pcm", "Where: {place}, {address}", place=place["name"], address=place["address"])
    assert where in await today_call.inner_text()
    assert said("pcm", "{role} on {project}", role="Gaffer", project=prod.title) in await booking.inner_text()
    assert said("pcm", "Not answered yet: confirm your call or say you cannot make it.") in await booking.inner_text()
    pay = page.locator(".crew-pay")
    waiting = said("pcm", "{amount} for {role}, {project}: not yet paid into escrow", amount="", role="Gaffer",
                   project=prod.title)
    await pay.get_by_text(waiting).wait_for(timeout=WAIT_S * 1000)
    assert str(DEPOSIT) in await pay.inner_text()
    await screenshot(page, "crew-view-pcm")

    # Switched to Hausa on the page.
    await page.get_by_label(said("pcm", "Language")).select_option("ha")
    await page.get_by_role("heading", name=said("ha", "My calls")).wait_for()
    assert said("ha", "Call time {time}", time=call_time) in await today_call.inner_text()
    assert said("ha", "Confirm your call first, then check in here on the day.") in await today_call.inner_text()

    # No signal: the answer waits on the phone, then goes up and is accepted.
    await controlled_by_service_worker(page)
    await page.context.set_offline(True)
    await booking.get_by_role("button", name=said("ha", "Confirm"), exact=True).click()
    answer = booking.locator(".request")
    await request_state(answer, "unsent")
    assert said("ha", "Waiting to go up") in await answer.inner_text()
    await screenshot(page, "crew-view-offline-ha")
    await page.context.set_offline(False)
    await request_state(answer, "accepted")
    assert said("ha", "Accepted") in await answer.inner_text()
    await page.get_by_text(said("ha", "You confirmed this booking.")).wait_for(timeout=WAIT_S * 1000)
    [mine] = [doc async for doc in stack.couch.database(scopes.user_db(crew_id)).docs(prefix="booking:")]
    server_booking = await stack.store.get(scopes.project_db(prod.project_id), mine["_id"])
    assert (mine["status"], server_booking["status"]) == ("confirmed", "confirmed")

    # On set with the wrong code: refused, and why, in Hausa, as the bots would say it.
    await today_call.get_by_label(said("ha", "Set code")).fill(WRONG_SET_CODE)
    await today_call.get_by_role("button", name=said("ha", "Check in")).click()
    check_in = booking.locator(".request", has_text=WRONG_SET_CODE)
    await request_state(check_in, "rejected")
    reason = i18n.refusal(NOT_TODAYS_CODE, {}, "ha")
    assert reason != NOT_TODAYS_CODE

    async def in_hausa():
        return said("ha", "Refused: {reason}", reason=reason) in await check_in.inner_text()

    await eventually(in_hausa, WAIT_S, 0.25)
    await screenshot(page, "crew-view-refused-ha")
    [refused] = [doc async for doc in stack.couch.database(scopes.user_db(crew_id)).docs(prefix="check_in:")]
    assert (refused["outcome"]["status"], refused["outcome"]["reason_template"]) == ("rejected", NOT_TODAYS_CODE)
