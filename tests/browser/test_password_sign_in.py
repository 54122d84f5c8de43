"""Email and password: set them once signed in by phone, then sign in with them on a laptop."""
import uuid

PASSWORD = "eko-nights-2026"


async def test_set_a_password_then_sign_in_with_it(phone_page, chromium, api_url, sign_up, screenshot):
    phone = "+23480" + str(uuid.uuid4().int)[:8]  # 080x numbers are all valid; some 081x are not
    email = f"producer-{uuid.uuid4().hex[:8]}@example.ng"
    person_id = await sign_up(phone_page, phone, "Kemi Lawal")

    await phone_page.get_by_role("link", name=phone).click()
    await phone_page.get_by_label("Email", exact=True).fill(email)
    await phone_page.get_by_label("New password").fill(PASSWORD)
    await phone_page.get_by_role("button", name="Save").click()
    await phone_page.get_by_text("Saved. You can now also sign in").wait_for()
    await screenshot(phone_page, "10-account")

    laptop = await chromium.new_context(viewport={"width": 1280, "height": 800}, base_url=api_url)
    try:
        page = await laptop.new_page()
        await page.goto("/")
        await page.get_by_role("button", name="Sign in with email and password instead").click()
        await page.get_by_label("Email", exact=True).fill(email)
        await page.get_by_label("Password", exact=True).fill("not the password")
        await page.get_by_role("button", name="Sign in", exact=True).click()
        await page.get_by_role("alert").get_by_text("That email and password do not match.").wait_for()
        # By keyboard alone: type, then Enter sends the form.
        await page.get_by_label("Password", exact=True).fill(PASSWORD)
        await page.keyboard.press("Enter")
        await page.get_by_role("heading", name="Your projects").wait_for()
        signed_in_as = await page.evaluate("JSON.parse(localStorage.getItem('nollycrew.person')).person_id")
        assert signed_in_as == person_id
        await page.get_by_text("Online: up to date").wait_for()
    finally:
        await laptop.close()
