"""What a person typed, read the same way whatever their phone or language.

Words are compared folded: NFC, then diacritics stripped and case folded, so "Bẹ́ẹ̀ni", "BEENI"
and "beeni" are one word (feature phones often cannot type tone marks). The English keywords
always work; each language adds a few everyday words for the answers every state accepts.
"""
import re
import unicodedata
from decimal import Decimal, InvalidOperation

LANGUAGES = ("en", "pcm", "yo", "ig", "ha")
# Each language named in itself: the person picks before we know what they read.
LANGUAGE_NAMES = {"en": "English", "pcm": "Pidgin", "yo": "Yorùbá", "ig": "Igbo", "ha": "Hausa"}

# meaning -> folded words (or phrases), all languages together: a Yoruba speaker who types
# "ok" or a Hausa speaker who types "yes" is understood too.
SYNONYMS: dict[str, frozenset[str]] = {
    "yes": frozenset({
        "yes", "y", "yeah", "yep", "yea", "ok", "okay", "sure", "confirm", "confirmed",
        "yes o", "oya", "no wahala", "no problem",  # pcm
        "beeni", "bee ni", "o da", "odaa",  # yo: bẹ́ẹ̀ni, ó dáa
        "ee", "eh", "ehh",  # ig: ee; ha: eh / ee
        "to",  # ha: "to" (alright); "i" (yes) is left out: "I am late" must not say yes
    }),
    "no": frozenset({
        "no", "n", "nope", "cannot", "cant", "can't",
        "no o", "i no fit",  # pcm
        "rara", "beeko", "bee ko",  # yo: rárá, bẹ́ẹ̀kọ́
        "mba", "mba o",  # ig
        "a'a", "aa", "a a",  # ha
    }),
    "cancel": frozenset({
        "cancel", "back", "exit", "quit",
        "leave am", "comot",  # pcm
        "fagile",  # yo: fagilé
        "kagbuo",  # ig
        "soke",  # ha
    }),
    "menu": frozenset({"menu", "main menu", "akojo", "ndeputa", "jerin"}),
    "help": frozenset({
        "help", "?", "info",
        "wetin", "abeg help",  # pcm
        "iranlowo",  # yo: ìrànlọ́wọ́
        "enyemaka",  # ig
        "taimako",  # ha
    }),
    # Twilio also acts on STOP, STOPALL, UNSUBSCRIBE, END, QUIT on SMS; ours must agree.
    "stop": frozenset({"stop", "stopall", "unsubscribe", "end", "duro", "kwusi", "tsaya", "make una stop"}),
    "start": frozenset({"start", "unstop", "resume", "bere", "malite", "fara"}),
    "greeting": frozenset({
        "hi", "hello", "hey", "good morning", "good afternoon", "good evening",
        "how far", "how you dey",  # pcm
        "bawo", "e kaaro", "e kasan",  # yo
        "kedu", "ndewo",  # ig
        "sannu", "ina kwana",  # ha
    }),
    "skip": frozenset({"skip", "none", "nothing", "0", "no note"}),
}
_NOT_WORD = re.compile(r"[^\w'?\s-]")
# "2", "2.", "#2", or a Telegram button's own text "2. Yorùbá" (the delivery layer numbers them).
_NUMBER = re.compile(r"^#?(\d{1,3})(?:[.)](?:\s.*)?)?$", re.DOTALL)


def fold(text: str) -> str:
    """Lower case, no diacritics, single spaces, trailing punctuation gone."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Hausa hooked letters have no combining mark to strip: fold them by hand.
    bare = bare.translate(str.maketrans("ɓɗƙƴƁƊƘƳ", "bdkybdky"))
    folded = " ".join(_NOT_WORD.sub(" ", bare.casefold()).split()).strip(" -")
    return folded if folded == "?" else folded.rstrip("?").strip()


def means(text: str, meaning: str) -> bool:
    """Does the whole message, or its first word, say `meaning` ("yes", "stop"...)?"""
    folded = fold(text)
    words = SYNONYMS[meaning]
    return folded in words or (folded.split(" ", 1)[0] in words if folded else False)


def yes_or_no(text: str) -> str | None:
    """"yes", "no" or None. A whole-message phrase wins over a first word: "no wahala" is yes."""
    for meaning in ("yes", "no"):
        if whole_message_means(text, meaning):
            return meaning
    for meaning in ("yes", "no"):
        if means(text, meaning):
            return meaning
    return None


def whole_message_means(text: str, meaning: str) -> bool:
    """Stricter: the message says only that (a reason that starts with "no" is still a reason)."""
    return fold(text) in SYNONYMS[meaning]


def first_word(text: str) -> tuple[str, str]:
    """(folded first word, the rest as typed): "APPLY  7kq2d" -> ("apply", "7kq2d")."""
    parts = text.strip().split(maxsplit=1)
    if not parts:
        return "", ""
    return fold(parts[0]), parts[1].strip() if len(parts) > 1 else ""


def number(text: str) -> int | None:
    """A picked choice: "2", "2.", "#2"; None when the message is not one number."""
    found = _NUMBER.match(text.strip())
    return int(found.group(1)) if found else None


def numbers(text: str) -> list[int] | None:
    """Several picks: "1 3 5", "1,3,5", "1, 3 and 5"; None when anything else is in it."""
    parts = [part for part in re.split(r"[\s,;&]+|\band\b", text.strip().lower()) if part]
    picked = [number(part) for part in parts]
    return picked if picked and all(p is not None for p in picked) else None


def minutes(text: str) -> int | None:
    """An ETA in minutes: "20", "20 min", "20mins", "1h", "1 hour", "1h30"."""
    folded = fold(text).replace(" ", "")
    found = re.fullmatch(r"(?:(\d{1,2})(?:h|hr|hrs|hour|hours))?(?:(\d{1,3})(?:m|min|mins|minutes)?)?", folded)
    if not folded or not found or not any(found.groups()):
        return None
    return int(found.group(1) or 0) * 60 + int(found.group(2) or 0)


def naira_minor(text: str) -> int | None:
    """A day rate in kobo: "25000", "25,000", "N25,000", "₦25k", "25k"; None if not an amount."""
    cleaned = text.strip().lower().replace("₦", "").replace("ngn", "").replace(",", "").replace(" ", "")
    cleaned = cleaned.removeprefix("n")
    found = re.fullmatch(r"(\d+(?:\.\d+)?)(k)?", cleaned)
    if not found:
        return None
    try:
        kobo = Decimal(found.group(1)) * (1000 if found.group(2) else 1) * 100
    except InvalidOperation:
        return None
    return int(kobo) if kobo >= 100 and kobo == kobo.to_integral_value() else None
