"""Steps of signing in that the browser tests share."""


async def enter_code(page, phone: str, sent_code) -> None:
    """Asks for a code for the phone typed in, types it in, and waits for the projects."""
    await page.get_by_role("button", name="Send me a code").click()
    code_field = page.get_by_label(f"The six-digit code we sent to {phone}")
    await code_field.wait_for()
    await code_field.fill(await sent_code(phone))
    await page.get_by_role("button", name="Sign in", exact=True).click()
    await page.get_by_role("heading", name="Your projects").wait_for()
