"""The call sheets and the live board: a crew member's YES by WhatsApp, through the fake Twilio,
shows on the producer's board without a reload, then a decline with its reason, a running-late
notice and the check-in with the set code; offline the board still opens and "Send to the unit"
waits to go up; back online it is accepted and the unit's messages go out."""
import uuid

from core import scopes
from tests.browser.live_board_steps import booked_by_whatsapp, project_for, publish_call_sheets
from tests.browser.offline_steps import controlled_by_service_worker
from tests.integration.bots.chat_stack import (  # noqa: F401 (fixtures)
    SET_CODE, Person, fake_telegram, fake_twilio, opening, stack,
)
from tests.integration.helpers import eventually

BOARD_WAIT_S = 30.0
CREW_NAME, SPARK_NAME = "Bayo Ojo", "Chidi Nwosu"


def new_phone() -> str:
    return "+23480" + str(uuid.uuid4().int)[:8]


async def board_row(page, name: str):
    return page.locator(".board-row", has_text=name)


async def wait_for_attribute(page, name: str, attribute: str, wanted: str) -> None:
    row = await board_row(page, name)

    async def reached():
        return await row.count() == 1 and await row.get_attribute(attribute) == wanted

    await eventually(reached, BOARD_WAIT_S, 0.25)


async def test_whatsapp_yes_and_check_in_show_on_the_live_board_without_a_reload(
    phone_page, sign_up, core_rules, stack, screenshot
):
    page = phone_page
    producer_id = await sign_up(page, new_phone(), "Kemi Adetiba")
    prod = await project_for(stack, producer_id, "Ojuelegba Nights")
    crew, spark = Person.new("whatsapp"), Person.new("whatsapp")
    code = await booked_by_whatsapp(stack, prod, crew)
    spark_code = await booked_by_whatsapp(stack, prod, spark, "Spark")
    crew_id = await stack.person_id(crew)
    today = await publish_call_sheets(stack, prod, {crew_id: (CREW_NAME, "Gaffer"),
                                                    await stack.person_id(spark): (SPARK_NAME, "Spark")})

    # The project's call sheets, from its card on the dashboard.
    await page.get_by_role("link", name="Call sheets of Ojuelegba Nights").click()
    days = page.locator(".sheet-day")
    await days.first.wait_for(timeout=BOARD_WAIT_S * 1000)
    assert await days.count() == 2
    assert await days.first.get_attribute("data-date") == today
    await screenshot(page, "call-sheets")

    # Today's sheet and its board: booked, not answered yet.
    await days.first.get_by_role("link").click()
    await page.get_by_role("heading", name="Who has confirmed and checked in").wait_for()
    await wait_for_attribute(page, CREW_NAME, "data-answer", "waiting")
    row = await board_row(page, CREW_NAME)
    assert "Not answered yet" in await row.inner_text()
    assert await (await board_row(page, "Funke Adeyemi")).get_attribute("data-answer") == "not_booked"
    assert "set code 4821" in await page.locator(".sheet-detail").inner_text()
    await screenshot(page, "call-sheet-board-waiting")
    # Nothing below may reload the page: a marker on the window would be lost if it did.
    await page.evaluate("window.__liveBoardMarker = 'still here'")

    # The PDF the preview opens is the office's full sheet, served to this session.
    pdf_url = await page.get_by_role("link", name="Open the call sheet PDF").get_attribute("href")
    assert pdf_url == f"/projects/{prod.project_id}/call-sheets/{today}.pdf"
    answer = await page.request.get(pdf_url)
    assert answer.status == 200 and answer.headers["content-type"].startswith("application/pdf")
    assert (await answer.body()).startswith(b"%PDF")
    # ...and its pages show as an image on the page itself (headless Chromium has no PDF viewer).
    preview = page.get_by_role("img", name=f"Preview of the call sheet PDF for {today}")
    await preview.wait_for()
    await page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=await preview.element_handle())
    assert await preview.evaluate("(img) => img.naturalHeight > img.naturalWidth")

    # YES by WhatsApp: a signed inbound webhook, the inbound job, the core's rules.
    confirmed = await stack.say(crew, f"YES {code}")
    assert confirmed[0].startswith(opening("call_time_confirmed"))
    await wait_for_attribute(page, CREW_NAME, "data-answer", "confirmed")
    assert "Confirmed" in await row.inner_text()
    called = await page.locator(".board-row").count()
    assert f"1 of {called} confirmed · 0 declined · 0 checked in" in await page.get_by_test_id("board-totals").inner_text()

    # The other one cannot come, and says why; the first is stuck in traffic.
    await stack.say(spark, f"NO {spark_code} sick, malaria")
    await wait_for_attribute(page, SPARK_NAME, "data-answer", "declined")
    assert "Declined: sick, malaria" in await (await board_row(page, SPARK_NAME)).inner_text()
    await stack.say(crew, f"LATE {code} 20")
    await wait_for_attribute(page, CREW_NAME, "data-arrival", "late")
    assert "Running late: 20 min, expected " in await row.inner_text()
    await screenshot(page, "call-sheet-board-answers")

    # On set: CHECKIN with today's set code.
    checked_in = await stack.say(crew, f"CHECKIN {SET_CODE}")
    assert checked_in[0].startswith(opening("checked_in"))
    await wait_for_attribute(page, CREW_NAME, "data-arrival", "checked_in")
    assert "Checked in " in await row.inner_text()
    assert await page.evaluate("window.__liveBoardMarker") == "still here"
    await screenshot(page, "call-sheet-board-checked-in")

    # No signal on set: the board still opens, from this device, and the send waits to go up.
    await controlled_by_service_worker(page)
    await page.context.set_offline(True)
    await page.reload()
    await page.get_by_text("Offline: your work is saved on this device").wait_for()
    await wait_for_attribute(page, CREW_NAME, "data-arrival", "checked_in")
    await page.get_by_role("button", name="Send to the unit").click()
    sent = page.locator(".send-state")
    await sent.first.wait_for()
    assert await sent.first.get_attribute("data-state") == "unsent"
    await screenshot(page, "call-sheet-offline")

    # Back online: the request goes up and the core accepts it.
    await page.context.set_offline(False)

    async def accepted():
        return await sent.first.get_attribute("data-state") == "accepted"

    await eventually(accepted, BOARD_WAIT_S, 0.25)
    assert "Sent to the unit" in await sent.first.inner_text()
    await screenshot(page, "call-sheet-sent")

    # What the core holds: the booking answered, the check-in, the send recorded for the crew member.
    project_db, office_db = scopes.project_db(prod.project_id), scopes.office_db(prod.project_id)
    [booking] = [b for b in await _docs(stack, project_db, "booking:") if b["person_id"] == crew_id]
    assert booking["status"] == "confirmed"
    # The unit reads the project database: why the spark declined is in the office's only.
    declined = [b for b in await _docs(stack, project_db, "booking:") if b["status"] == "declined"]
    assert declined and all(not b["decline_reason"] for b in declined)
    answers = [doc["reason"] for doc in await _docs(stack, office_db, "call_answer:")]
    assert "sick, malaria" in answers
    check_in = await stack.store.get(project_db, f"check_in:{booking['booking_id']}:{today}")
    assert (check_in["method"], check_in["set_code"]) == ("set_code", SET_CODE)
    sends = await stack.store.get(office_db, f"call_sheet_sends:{today}")
    assert crew_id in sends["people"]
    [request] = await _docs(stack, office_db, "call_sheet_send:")
    assert (request["day"], request["author"], request["outcome"]["status"]) == (today, producer_id, "accepted")
    await stack.drain()  # the send jobs: the crew member's own call comes by WhatsApp
    assert any(text.startswith(opening("call_sheet_personal")) for text in stack.texts_to(crew))


async def _docs(stack, db: str, prefix: str) -> list[dict]:
    return [dict(doc.data) async for doc in stack.couch.database(db).docs(prefix=prefix)]
