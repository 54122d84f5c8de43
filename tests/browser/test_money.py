"""Budget and escrow in the browser: a producer deposits a booking's pay through the fake
Paystack (checkout link, signed webhook, the worker's check with Paystack's API), edits a budget
line offline and sees the core apply it on return, has a release refused with the core's reason
and another accepted; the figures on the page and the dashboard's budget burn are the core's.
An investor signs in and reads their figures, as the core computes them, with nothing to edit."""
from core import scopes
from core.handlers.escrow import payment_reference
from core.handlers.investor_views import refresh_investor_statements
from core.invoices.documents import money_text
from tests.browser.money_steps import (  # noqa: F401 (paystack is a fixture)
    booked_project, core_figures_for, core_statement_for, invested_project, new_phone, paystack, run_worker,
    set_budget, shooting,
)
from tests.browser.sign_in_steps import enter_code
from tests.integration.helpers import eventually

WAIT_S = 30.0
DEPOSIT_MINOR = 45_000_000  # ₦450,000
PARTIAL_RELEASE_MINOR = 10_000_000  # ₦100,000


async def request_state(page, what: str) -> str | None:
    line = page.locator(".money-request", has_text=what)
    return await line.first.get_attribute("data-state") if await line.count() else None


async def wait_for_state(page, what: str, state: str) -> None:
    async def reached():
        return await request_state(page, what) == state

    await eventually(reached, WAIT_S, 0.25)


async def wait_for_text(locator, text: str) -> None:
    async def shown():
        return text in await locator.inner_text()

    await eventually(shown, WAIT_S, 0.25)


async def cost_report(page, project_id: str) -> dict:
    """The core's cost report, asked as this session."""
    answer = await page.request.get(f"/projects/{project_id}/cost-report")
    assert answer.status == 200, await answer.text()
    return await answer.json()


async def test_budget_and_escrow_deposit_edit_offline_release_refused_and_accepted(
    paystack, phone_page, sign_up, core_rules, bus, couch, api_url, screenshot
):
    page = phone_page
    producer_id = await sign_up(page, new_phone(), "Funke Akindele")
    project_id, booking_id = await booked_project(bus, producer_id, "Owambe Ledger")
    await set_budget(bus, project_id, producer_id, booking_id)
    office = scopes.office_db(project_id)

    money_link = page.get_by_role("link", name="Budget and escrow of Owambe Ledger")
    await money_link.wait_for(timeout=WAIT_S * 1000)
    await money_link.click()
    await page.get_by_role("heading", name="Budget and escrow · Owambe Ledger").wait_for(timeout=WAIT_S * 1000)
    lighting = page.locator(".budget-line[data-line-id='crew-lighting']")
    await lighting.wait_for(timeout=WAIT_S * 1000)
    assert "Lighting crew: ₦2,000,000.00" in await lighting.inner_text()
    report = await cost_report(page, project_id)
    [line] = [row for row in report["lines"] if row["line_id"] == "crew-lighting"]
    await wait_for_text(lighting, f"committed {money_text(line['committed'], 'NGN')}")  # the core's, from the booking

    # Deposit: a request, the worker opens Paystack's checkout, the link shows on the page.
    booking = page.locator(f".booking-escrow[data-booking-id='{booking_id}']")
    await booking.get_by_label("Deposit for Gaffer (₦)").fill("450000")
    await booking.get_by_label("Pay through").select_option("paystack")
    await booking.get_by_role("button", name="Deposit").click()
    await wait_for_state(page, "Deposit:", "accepted")
    await run_worker()
    pay_link = booking.get_by_role("link", name="Pay ₦450,000.00 at Paystack")
    await pay_link.wait_for(timeout=WAIT_S * 1000)
    deposit = await bus.services.store.get(office, f"escrow_deposit:{booking_id}")
    assert await pay_link.get_attribute("href") == deposit["checkout_url"]
    await screenshot(page, "money-checkout")

    # The payer pays; Paystack's signed webhook; the worker checks with Paystack and the ledger holds it.
    reference = payment_reference(booking_id)
    paid = paystack.pay(reference)
    assert await paystack.send_webhook(f"{api_url}/webhooks/payments/paystack", paystack.event("charge.success", paid)) == [200]
    await run_worker()
    held = booking.locator(".deposit[data-status='held']")
    await held.wait_for(timeout=WAIT_S * 1000)
    assert "Held ₦450,000.00 · released ₦0.00" in await held.inner_text()
    await wait_for_text(page.locator(".escrow-balance"), "₦450,000.00")
    invoice = page.locator(".invoice").first
    await invoice.wait_for(timeout=WAIT_S * 1000)
    pdf = await page.request.get(await invoice.get_by_role("link").get_attribute("href"))
    assert pdf.status == 200 and (await pdf.body()).startswith(b"%PDF")

    # Offline: a budget line edited on the device waits; back online the core applies it.
    await page.context.set_offline(True)
    await lighting.get_by_role("button", name="Change the budget for Lighting crew").click()
    await lighting.get_by_label("New budget for Lighting crew (₦)").fill("2,500,000")
    await lighting.get_by_role("button", name="Save").click()
    await wait_for_state(page, "Budget change:", "unsent")
    await screenshot(page, "money-offline-edit")
    await page.context.set_offline(False)
    await wait_for_state(page, "Budget change:", "accepted")
    await wait_for_text(lighting, "Lighting crew: ₦2,500,000.00")
    budget = await bus.services.store.get(office, "budget")
    assert {line["line_id"]: line["amount_minor"] for line in budget["lines"]} == {
        "crew-lighting": 250_000_000, "catering-unit": 50_000_000}
    assert budget["line_of_booking"] == {booking_id: "crew-lighting"}  # the edit kept the rest of the budget

    # More than is held: refused, with the core's own reason on the page.
    release_field = held.get_by_label("Amount to release (₦); leave empty to release all ₦450,000.00 held")
    await release_field.fill("500000")
    await held.get_by_role("button", name="Release").click()
    await wait_for_state(page, "Release:", "rejected")
    [refused] = await _docs(couch, office, "escrow_release_request:")
    shown = await page.locator(".money-request", has_text="Release:").inner_text()
    assert refused["outcome"]["reason"] and f"Refused: {refused['outcome']['reason']}" in shown
    await screenshot(page, "money-release-refused")

    # A part of it: accepted, and what is held and released follows the core's deposit.
    await release_field.fill("100000")
    await held.get_by_role("button", name="Release").click()
    await wait_for_state(page, "Release:", "accepted")
    await wait_for_text(held, "released ₦100,000.00")
    deposit = await bus.services.store.get(office, f"escrow_deposit:{booking_id}")
    assert deposit["released_minor"] == PARTIAL_RELEASE_MINOR and deposit["status"] == "held"
    assert f"Held {money_text(DEPOSIT_MINOR - PARTIAL_RELEASE_MINOR, 'NGN')}" in await held.inner_text()

    # Spent is the core's cost report (from the ledger), on the line and on the dashboard card.
    async def spent_reported():
        report = await cost_report(page, project_id)
        return report if report["totals"]["spent"] > 0 else None

    report = await eventually(spent_reported, WAIT_S, 0.5)
    [line] = [row for row in report["lines"] if row["line_id"] == "crew-lighting"]
    await wait_for_text(lighting, f"spent {money_text(line['spent'], 'NGN')}")
    await screenshot(page, "money")
    await page.get_by_role("link", name="Back to projects").click()
    card = page.locator(".card.project", has_text="Owambe Ledger")
    totals = report["totals"]
    await wait_for_text(card, f"Budget burn: {money_text(totals['spent'], 'NGN')} spent of {money_text(totals['budget'], 'NGN')}")
    await screenshot(page, "money-dashboard-burn")


async def test_an_investor_sees_the_cores_figures_and_nothing_to_edit(phone_page, sent_code, core_rules, bus, screenshot):
    page = phone_page
    phone = new_phone()
    project_id, investor_id = await invested_project(bus, phone)
    dates = await shooting(bus, project_id)
    # What the wiring (report) does after each book change, production report or publication.
    await refresh_investor_statements(bus.services, project_id)
    expected = await core_figures_for(bus, project_id, investor_id)
    statement = await core_statement_for(bus, project_id, investor_id)

    await page.goto("/")
    await page.get_by_label("Phone number").fill(phone)
    await enter_code(page, phone, sent_code)
    view_link = page.get_by_role("link", name="Lagos Gold: investor view")
    await view_link.wait_for(timeout=WAIT_S * 1000)
    await view_link.click()
    main = page.locator("main.investor")
    await main.locator("[data-figure='received']").wait_for(timeout=WAIT_S * 1000)

    mine = expected["investor"]
    shown = {
        "raised": expected["contributed_minor"], "revenue": expected["revenue_minor"],
        "contributed": mine["contributed_minor"], "recouped": mine["recouped_minor"],
        "premium_due": mine["premium_due_minor"], "premium_paid": mine["premium_paid_minor"],
        "profit_share": mine["profit_share_minor"], "received": mine["received_minor"],
        "outstanding": mine["outstanding_minor"],
    }
    for name, minor in shown.items():
        assert await main.locator(f"[data-figure='{name}'] dd").inner_text() == money_text(minor, "NGN"), name
    assert mine["recouped_minor"] > 0 and mine["outstanding_minor"] > 0  # a waterfall part-way down
    assert await page.get_by_role("heading", name="Your investment in Lagos Gold").count() == 1
    assert await main.locator("[data-progress]").get_attribute("data-progress") == f"1/{len(dates)}"
    contributions = main.locator(".contributions li")
    assert [int(v) for v in await contributions.evaluate_all("(rows) => rows.map((row) => row.dataset.amountMinor)")] == [
        item["amount_minor"] for item in statement["contributions"]]
    paid = main.locator(".distribution")
    assert [int(v) for v in await paid.evaluate_all("(rows) => rows.map((row) => row.dataset.totalMinor)")] == [
        item["total_minor"] for item in statement["distributions"]]
    [entry] = statement["distributions"]
    assert f"To you: {money_text(entry['total_minor'], 'NGN')}" in await paid.first.inner_text()
    # Read only: no field, no button in the view; the only link leads back.
    assert await main.locator("input, select, textarea, button").count() == 0
    assert await main.get_by_role("link").all_inner_texts() == ["Back"]
    await screenshot(page, "investor")


async def _docs(couch, db: str, prefix: str) -> list[dict]:
    """Documents of `db` whose id starts with `prefix`, read with the core's own (admin) client."""
    return [dict(doc.data) async for doc in couch.database(db).docs(prefix=prefix)]
