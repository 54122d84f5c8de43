"""The conversation engine: one incoming message in, a reply, intents and the person's new place out.

It reads what it needs through `ChatReads` and builds intents for the core; every rule (may
this person apply? is the booking theirs?) is the core's to apply, never the bot's. The flows
(bots/flows/) are state machines; this module routes a message to the right one:
STOP first, whatever the state; then CANCEL, MENU and HELP; then the answer to the state the
person is in; then a command that starts a flow; else the menu, so there is always a way on.
"""
from abc import ABC, abstractmethod
from dataclasses import dataclass, replace

import structlog

from bots import flow_texts, staff_chat
from bots.channels.base import Incoming
from bots.flows import COMMANDS, FLOWS, menu, onboarding, settings, short_codes
from bots.flows.engine import END, STAY, Chat, ChatState, Reply, help_for, settle
from bots.flows.words import LANGUAGES, first_word, means, whole_message_means, yes_or_no

log = structlog.get_logger()


class ChatReads(ABC):
    """What the engine may look up."""

    @abstractmethod
    async def open_jobs(self, limit: int) -> list[dict]: ...

    @abstractmethod
    async def job_by_code(self, code: str) -> dict | None:
        """An open job post or casting call by its short code."""

    @abstractmethod
    async def matching_jobs(self, person_id: str, offset: int, limit: int) -> tuple[list[dict], int]:
        """One page of the open jobs and casting calls that fit the person's profile, and how many fit."""

    @abstractmethod
    async def bookings(self, person_id: str) -> list[dict]: ...

    @abstractmethod
    async def applications(self, person_id: str) -> list[dict]: ...

    @abstractmethod
    async def escrows(self, person_id: str) -> list[dict]:
        """The person's pay held in escrow: their copies of the deposits for their bookings."""

    @abstractmethod
    async def offers(self, person_id: str) -> list[dict]:
        """The person's copies of offers made to them ("offer:<application_id>")."""

    @abstractmethod
    async def audition_windows(self, project_id: str, casting_call_id: str) -> dict | None:
        """The office's "audition_slots:<casting_call_id>" (windows, places, where)."""

    @abstractmethod
    async def call_sheet(self, project_id: str, day: str) -> dict | None:
        """The project's published "call_sheet:<day>" (phones removed), None when there is none."""

    @abstractmethod
    async def profile(self, person_id: str) -> dict:
        """The person's own "profile" document ({} when there is none yet)."""

    @abstractmethod
    async def chat_state(self, person_id: str) -> dict | None:
        """The person's "chat_state" document: where they are in a flow."""

    async def profile_and_place(self, person_id: str) -> tuple[dict, dict | None]:
        """`profile` and `chat_state` together: every message needs both, and an adapter may read
        them in one request."""
        return await self.profile(person_id), await self.chat_state(person_id)

    async def call_sheet_link(self, link_id: str) -> dict | None:
        """The person's signed link to a day's call sheet ("call_sheet_link:..." in ops), kept
        when the office sent the sheet (core/handlers/call_sheet_send.py); None before that."""
        return None

    async def last_thread(self, person_id: str) -> dict | None:
        """The person's "last_thread" document: the project thread they were last sent a message
        from (core/handlers/project_threads.py), so a plain answer soon after goes back to it."""
        return None


@dataclass(frozen=True)
class Turn:
    template: str
    params: dict
    intent: dict | None = None  # to write in the person's own database
    # Numbered choices: the delivery layer shows them as buttons or a list, or "1. ..." lines on
    # SMS. A label is a template name (translated) or text shown as it is (a job title).
    choices: tuple[str, ...] = ()
    chat_state: dict | None = None  # the person's place to keep; None: leave what is stored
    language: str | None = None  # a new chat language, to keep on the profile
    more_intents: tuple[dict, ...] = ()  # written after `intent`, in order


async def respond(
    incoming: Incoming, person_id: str, reads: ChatReads, now: str, read: tuple[dict, dict | None] | None = None,
) -> Turn:
    """`read`: the person's profile and chat_state when the caller has just read them."""
    profile, stored_place = read if read is not None else await reads.profile_and_place(person_id)
    profile = profile or {}
    language = profile.get("chat_language") if profile.get("chat_language") in LANGUAGES else "en"
    place = ChatState.from_doc(stored_place)
    chat = Chat(incoming, person_id, reads, now, profile, language, dict(place.data))
    try:
        reply, kept = await _route(chat, place)
    except (KeyError, IndexError, TypeError) as error:
        if not place.flow:
            raise
        # A place kept by an older version of a flow, whose memory this one cannot read: a person
        # must never be stuck on it, so the message is taken as if no flow were open.
        log.warning("chat_state_unreadable", flow=place.flow, state=place.state, error=repr(error))
        place = place.idle()
        chat = Chat(incoming, person_id, reads, now, profile, language, {})
        reply, kept = await _route(chat, place)
    if any(i["type"] == onboarding.CONSENT_INTENT for i in reply.intents) and not kept.onboarded_at:
        kept = ChatState(kept.flow, kept.state, kept.data, kept.updated_at, now)
    intents = reply.intents
    return Turn(
        reply.template, reply.params, intents[0] if intents else None, reply.choices, kept.to_doc(),
        reply.language, intents[1:],
    )


async def _route(chat: Chat, place: ChatState) -> tuple[Reply, ChatState]:
    text = chat.text
    if whole_message_means(text, "stop"):  # as carriers do: the keyword alone, so a reason may say "stop"
        return await settle(FLOWS, chat, place.idle(), await settings.stop(chat))
    if chat.profile.get("opted_out"):
        if whole_message_means(text, "start"):
            return await settle(FLOWS, chat, place.idle(), await settings.start(chat))
        return Reply("opted_out_hint"), place
    if whole_message_means(text, "cancel"):
        return await settle(FLOWS, chat, place.idle(), Reply("cancelled", flow=menu.FLOW.name, goto="pick",
                                                               choices=menu.CHOICES))
    if whole_message_means(text, "menu"):
        return await settle(FLOWS, chat, place.idle(), Reply(flow=menu.FLOW.name))
    active = bool(place.flow) and not place.expired(FLOWS, chat.now)
    if whole_message_means(text, "help"):
        return await help_for(FLOWS, chat, place) if active else (settings.help_reply(chat), place.idle())
    if active:
        if whole_message_means(text, "greeting"):
            return await settle(FLOWS, chat, place, Reply(goto=place.state))  # resume: ask again
        answer = await FLOWS[place.flow].states[place.state].answer(chat)
        if answer is not None:
            return await settle(FLOWS, chat, place, answer)
        started = await _command(chat, place, switching=True)
        return started if started is not None else await help_for(FLOWS, chat, place)
    # Staff commands (producers, ADs, admins: bots/staff_chat.py; the core checks the roles).
    # Idle only (inside a flow the state's answer comes first), and before the cast-and-crew
    # commands: P's words are narrow, and "CONFIRM 1234" (a broadcast's code) is theirs.
    if staff_chat.claims(text):
        turn = await staff_chat.respond(chat.incoming, chat.person_id, chat.reads, chat.now)
        return from_staff(turn), place.idle()
    # A command about something we sent works before onboarding: someone answering the booking
    # (YES 4821), checking in, or applying with the code a producer shared must not be made to
    # sign up first. Browsing jobs "for me" needs the profile onboarding asks for; anything else
    # from someone new starts onboarding too.
    onboarded = _onboarded(chat.profile, place)
    if onboarded or first_word(text)[0] not in NEEDS_A_PROFILE:
        started = await _command(chat, place.idle())
        if started is not None:
            return started
    if not onboarded:
        return await settle(FLOWS, chat, place.idle(), Reply(flow=onboarding.FLOW.name))
    # Plain text soon after a project-thread message answers that thread.
    last_thread = await chat.reads.last_thread(chat.person_id)
    turn = await staff_chat.plain_reply(chat.incoming, chat.person_id, last_thread, chat.now)
    if turn is not None:
        return from_staff(turn), place.idle()
    if place.flow and place.flow != menu.FLOW.name:  # a flow that timed out: say so, offer the menu
        # The flow's name in the person's language: it sits inside the translated sentence.
        label = flow_texts.label_in(FLOWS[place.flow].label if place.flow in FLOWS else "label_menu", chat.language)
        return await settle(FLOWS, chat, place.idle(), Reply("flow_expired", {"flow": label}, flow=menu.FLOW.name,
                                                               goto="pick", choices=menu.CHOICES))
    template = "welcome" if whole_message_means(text, "greeting") or means(text, "start") else "not_understood_menu"
    return await settle(FLOWS, chat, place.idle(), Reply(template, flow=menu.FLOW.name, goto="pick",
                                                           choices=menu.CHOICES))


async def _command(chat: Chat, place: ChatState, switching: bool = False) -> tuple[Reply, ChatState] | None:
    """A message that starts a flow by its first word: JOBS, APPLY 7KQ2D, YES 4821, LATE 20...

    Inside a flow (`switching`) a bare yes or no is an answer the state did not take, not a
    booking's answer: "no" to a list of audition times must not decline a job. YES 4821 still is."""
    word, rest = first_word(chat.text)
    said = yes_or_no(chat.text)  # before the first word: "No wahala" is a yes
    if switching and said and not short_codes.split_code(rest)[0]:
        return None
    start = COMMANDS[said] if said else COMMANDS.get(word)
    if start is None and chat.incoming.position is not None:
        start = COMMANDS["checkin"]  # a location pin shared on its own: "I am here"
    if start is None:
        return None
    reply = await start(chat, rest)
    if reply is None:
        return None
    # A command that asks nothing more (STATUS, PAY) ends there; one that asks names its flow.
    return await settle(FLOWS, chat, place.idle(), reply if reply.flow or reply.goto != STAY else replace(reply, goto=END))


# Commands that only make sense with the profile onboarding builds (jobs that match me).
NEEDS_A_PROFILE = frozenset({"jobs", "job"})


def from_staff(turn: Turn) -> Reply:
    """A staff command's Turn as the engine's reply: it ends any flow."""
    return Reply(turn.template, turn.params, goto=END, intents=(turn.intent,) if turn.intent else (),
                 choices=turn.choices)


def _onboarded(profile: dict, place: ChatState) -> bool:
    return bool(place.onboarded_at or (profile.get("consent") or {}).get("version"))
