"""Language change, help, and STOP / START (opt-out: the core records it and the time)."""
from bots.flows.engine import END, Chat, Flow, Reply, State
from bots.flows.onboarding import picked_language
from bots.flows.words import LANGUAGE_NAMES

TIMEOUT_H = 24
OPT_OUT_INTENT = "chat_opt_out"


async def start_language(chat: Chat, rest: str) -> Reply:
    code = picked_language(rest) if rest else None
    if code is not None:  # "LANGUAGE yoruba"
        return Reply("language_set", {"language": LANGUAGE_NAMES[code]}, goto=END, language=code)
    return Reply("language_pick", flow=LANGUAGE.name, goto="pick", choices=tuple(LANGUAGE_NAMES.values()))


async def _ask(chat: Chat) -> Reply:
    """Which language?"""
    return Reply("language_pick", choices=tuple(LANGUAGE_NAMES.values()))


async def _answer(chat: Chat) -> Reply | None:
    """A number or a language's name."""
    code = picked_language(chat.text)
    if code is None:
        return None
    return Reply("language_set", {"language": LANGUAGE_NAMES[code]}, goto=END, language=code)


async def stop(chat: Chat) -> Reply:
    """STOP in any state and any language: the core marks the profile opted out, with the time."""
    return Reply("stopped", goto=END, intents=(chat.intent(OPT_OUT_INTENT, opted_out=True),))


async def start(chat: Chat) -> Reply:
    return Reply("restarted", goto=END, intents=(chat.intent(OPT_OUT_INTENT, opted_out=False),))


def help_reply(chat: Chat) -> Reply:
    return Reply("flow_help", goto=END)  # render picks "flow_help_sms" on SMS


async def start_help(chat: Chat, rest: str) -> Reply:
    return help_reply(chat)


LANGUAGE = Flow("language", "pick", {"pick": State(_ask, _answer, "language_pick")}, TIMEOUT_H, "label_language")
