"""What the web app says in a language, read from its catalogs (web/app/locale), never typed
into a test: a test that looks for a translation finds the one the app was built with."""
from pathlib import Path

from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[2] / "web" / "app" / "locale"


def said(language: str, english: str, **fields) -> str:
    """The app's text `english` as the catalog of `language` has it, its fields filled."""
    with (LOCALE / language / "LC_MESSAGES" / "webapp.po").open("rb") as po:
        message = read_po(po)[english]
    assert message is not None and message.string and not message.fuzzy, f"{english!r} is not translated in {language}"
    return message.string.format(**fields)
