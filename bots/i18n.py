"""The reply templates in five languages: gettext catalogs, managed with Babel.

English is the source: each template dict (bots.replies.TEMPLATES and any dict named `*TEMPLATES`
in a file babel.cfg lists) is extracted by `extract_reply_templates`, with the template's name as the
message context, so two templates that happen to share their English never share a translation.
Translators edit bots/locale/<language>/LC_MESSAGES/messages.po; `make catalogs` re-extracts and
merges. The .po files are read as they are (no compiled .mo to build, ship or let go stale), once
per process: at `load_catalogs()` or the first reply in that language, never at import.
"""
import ast
import functools
import re
import string
from collections import Counter
from pathlib import Path

from babel.messages.pofile import read_po

SOURCE_LANGUAGE = "en"
# Nigerian Pidgin, Yoruba, Igbo, Hausa: the person's profile `chat_language`.
TRANSLATED_LANGUAGES = ("pcm", "yo", "ig", "ha")
LANGUAGES = (SOURCE_LANGUAGE, *TRANSLATED_LANGUAGES)
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"
# The core's refusals (core.errors.Rejected): one catalog of their own, the English as the id.
REFUSALS_DOMAIN = "refusals"
# Rejected and each subclass that takes a template: a call to any of them is a refusal to extract.
REFUSAL_CLASSES = frozenset({
    "Rejected", "BadShootFile", "ScheduleNotFound", "UnknownAccount", "SignInRefused", "SecondFactorNeeded",
    "NotAllowed", "TooManyTries", "SmsCodeSent", "Untranscribable", "Unplayable",
})
# Refusals not extracted: those that join others into one (the optimiser's conflicts, a ledger
# batch's causes) and a payment provider's own words. They are said in English until their
# parts carry templates of their own; the chat flows answer the usual cases before them.
UNTRANSLATED_REFUSALS = frozenset({"ScheduleInfeasible", "TransfersRefused", "PaymentRefused"})
SMS_SUFFIX = "_sms"  # `<name>_sms` is the SMS short form of template `name`
# The engines match these words in English, whatever the reply's language, so a translation keeps
# every one its English shows in capitals (bots/conversation.py, bots/flows, the staff commands).
KEYWORD_COMMANDS = frozenset({
    "HI", "MENU", "HELP", "CANCEL", "STOP", "START", "JOBS", "JOB", "DETAILS", "APPLY", "STATUS", "AUDITION",
    "OFFERS", "SCHEDULE", "TOMORROW", "YES", "NO", "LATE", "IN", "OUT", "CHECKIN", "CHECKOUT", "PAY",
    "LANGUAGE", "CONFIRM", "CREWCALL", "WHO", "CHASE", "ANNOUNCE", "VERIFY", "UNVERIFY", "SUSPEND",
    "RESTORE", "STATS", "BROADCAST", "RESOLVE", "REQUEUE", "DROP",
})


def catalog_path(language: str, domain: str = DOMAIN) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def translate(name: str, english: str, language: str) -> str:
    """The template `name` in `language`; its English when there is no current translation.

    A translation counts only when its msgid is today's English: after the English changes, the
    old translation is fuzzy or stale until a translator looks again, and the English is sent.
    An unknown language code also gets English, as gettext does, rather than no reply at all.
    """
    if language not in TRANSLATED_LANGUAGES:
        return english
    return _translations(language).get((name, english), english)


def refusal(template: str, params: dict, language: str) -> str:
    """A refusal of the core (core.errors.Rejected's template and params) in `language`.

    Its English when the catalog has no current translation: a refusal written since, or one
    made of text from elsewhere (a gateway's answer), still says what went wrong.
    """
    if language in TRANSLATED_LANGUAGES:
        template = _refusals(language).get(template, template)
    return template.format(**params) if params else template


def load_catalogs() -> dict[str, tuple[int, int]]:
    """Read every catalog now (a worker calls this at start, so a broken or missing .po fails the
    start, not the first Hausa reply); how many templates and refusals each language translates."""
    return {language: (len(_translations(language)), len(_refusals(language))) for language in TRANSLATED_LANGUAGES}


@functools.cache
def _translations(language: str) -> dict[tuple[str, str], str]:
    return {(message.context, message.id): message.string for message in _read(language, DOMAIN) if message.context}


@functools.cache
def _refusals(language: str) -> dict[str, str]:
    return {message.id: message.string for message in _read(language, REFUSALS_DOMAIN)}


def _read(language: str, domain: str) -> list:
    """The current translations of a catalog: neither the header, nor empty, nor fuzzy."""
    with catalog_path(language, domain).open("rb") as po:
        catalog = read_po(po, locale=None, domain=domain)
    return [message for message in catalog if message.id and message.string and not message.fuzzy]


def placeholders(text: str) -> list[str]:
    """The `{fields}` a template fills, in order, as written (`booking[role]` stays whole)."""
    return [field for _, field, _, _ in string.Formatter().parse(text) if field is not None]


def commands_in(text: str) -> Counter[str]:
    """The keyword commands a text shows, as whole capitalised words, and how often."""
    return Counter(word for word in re.findall(r"\b[A-Z]+\b", text) if word in KEYWORD_COMMANDS)


def extract_reply_templates(fileobj, keywords, comment_tags, options):
    """Babel extraction method: every literal entry of a module-level `*TEMPLATES = {...}` dict.

    Yields pgettext-shaped results, (template name, English), so the name becomes msgctxt.
    A `#` comment just above an entry goes to the translator, with the placeholders to keep.
    """
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    lines = source.splitlines()
    module = ast.parse(source).body
    names = _string_constants(module)  # a key may be a module constant, as SHARE_BUTTON = "..."
    for node in module:
        if not _is_template_dict(node):
            continue
        for key, value in zip(node.value.keys, node.value.values):
            if key is None:
                # A `**spread` is built at run time and cannot be read here; tests/unit/bots/test_i18n.py
                # names every rendered template that no extraction found.
                continue
            name = names.get(key.id) if isinstance(key, ast.Name) else _string(key)
            english = _string(value)
            if name is None or english is None:
                raise ValueError(
                    f"line {value.lineno}: a reply template must be a plain string under a plain name, "
                    "or it cannot be translated"
                )
            yield value.lineno, "pgettext", (name, english), _notes(lines, key.lineno, name, english)


def _string(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _string_constants(module: list[ast.stmt]) -> dict[str, str]:
    return {
        node.targets[0].id: node.value.value
        for node in module
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
        and _string(node.value) is not None
    }


def _is_template_dict(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and node.targets[0].id.endswith("TEMPLATES")
        and isinstance(node.value, ast.Dict)
    )


def _notes(lines: list[str], key_lineno: int, name: str, english: str) -> list[str]:
    notes = []
    at = key_lineno - 2  # the line above the key, counting from 0
    while at >= 0 and lines[at].strip().startswith("#"):
        notes.insert(0, lines[at].strip().lstrip("#").strip())
        at -= 1
    if name.endswith(SMS_SUFFIX):
        notes.append("SMS short form: keep it about as short as the English (two SMS parts in all).")
    fields = placeholders(english)
    if fields:
        notes.append("Keep exactly: " + " ".join("{" + field + "}" for field in fields))
    commands = commands_in(english)
    if commands:
        notes.append("Keep in English capitals: " + " ".join(commands))
    return notes


def extract_refusals(fileobj, keywords, comment_tags, options):
    """Babel extraction method: the template of every `Rejected(...)` in a module.

    The template is a literal, a module constant holding one, or either of two such (`A if x else
    B`). Anything else cannot be translated, and tests/unit/bots/test_refusals.py says where.
    """
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    for lineno, english in refusal_templates(source):
        if english is not None:
            notes = ["Keep exactly: " + " ".join("{" + field + "}" for field in placeholders(english))]
            yield lineno, "gettext", english, notes if placeholders(english) else []


def refusal_templates(source: str) -> list[tuple[int, str | None]]:
    """(line, English) for each template of a `Rejected(...)` call in `source`; None where the
    template is built at run time (an f-string, a variable) and no catalog can hold it."""
    module = ast.parse(source)
    constants = _string_constants(module.body)
    found = []
    for node in ast.walk(module):
        if isinstance(node, ast.Call) and _called(node) in REFUSAL_CLASSES and node.args:
            first = node.args[0]
            branches = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
            for branch in branches:
                english = _string(branch) or (constants.get(branch.id) if isinstance(branch, ast.Name) else None)
                found.append((branch.lineno, english))
    return found


def _called(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
