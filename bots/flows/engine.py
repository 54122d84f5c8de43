"""Flows as explicit state machines: named states, each with its question and the answers it takes.

A flow's place is kept per person in their own database ("chat_state", written by the inbound
worker), so a conversation resumes days later on any channel. Handlers return a `Reply`:
  Reply("t", goto=STAY)     say t, stay in this state (the default);
  Reply(goto="x")           no words of its own: move to state x and ask x's question;
  Reply("t", goto="x")      say t (it asks x's question itself) and move to x;
  Reply("t", goto=END)      say t, the flow is over;
  Reply(flow="f", ...)      the same, in flow f (a hand-over: job details -> apply).
Handlers build intents for the core and never decide a business rule.
"""
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bots.channels.base import Incoming
from core.ids import derived_id

if TYPE_CHECKING:
    from bots.conversation import ChatReads

STAY, END = ".", ""
STATE_DOC_ID = "chat_state"
MAX_HOPS = 6  # states asked in one turn; more means two states hand over to each other forever


@dataclass
class Chat:
    """One incoming message and what the flow remembers, as a handler sees them."""

    incoming: Incoming
    person_id: str
    reads: "ChatReads"
    now: str  # aware ISO time in Lagos: "today" on set is the Nigerian day
    profile: dict
    language: str
    data: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.incoming.text.strip()

    @property
    def today(self) -> str:
        return self.now[:10]

    @property
    def tomorrow(self) -> str:
        return (datetime.fromisoformat(self.now) + timedelta(days=1)).date().isoformat()

    @property
    def yesterday(self) -> str:
        return (datetime.fromisoformat(self.now) - timedelta(days=1)).date().isoformat()

    @property
    def sms(self) -> bool:
        return self.incoming.channel == "sms"

    def intent(self, kind: str, **fields) -> dict:
        # The provider's message id names the intent: a redelivered message writes nothing new.
        return {
            "_id": f"{kind}:{derived_id(self.incoming.channel, self.incoming.provider_id)}",
            "type": kind,
            "author": self.person_id,
            "created_at": self.now,
            "source": {"channel": self.incoming.channel, "message_id": self.incoming.provider_id},
            **fields,
        }


@dataclass(frozen=True)
class Reply:
    template: str = ""
    params: dict = field(default_factory=dict)
    goto: str = STAY
    data: dict | None = None  # the flow's memory from now on; None keeps it
    flow: str | None = None
    intents: tuple[dict, ...] = ()
    choices: tuple[str, ...] = ()  # labels: a FLOW_TEMPLATES name, or text shown as it is
    language: str | None = None  # the person chose this chat language


Handler = Callable[[Chat], Awaitable[Reply]]
Answer = Callable[[Chat], Awaitable[Reply | None]]  # None: not an answer this state takes


@dataclass(frozen=True)
class State:
    ask: Handler
    answer: Answer
    help: str  # template for an answer the state cannot take: what to send instead


@dataclass(frozen=True)
class Flow:
    name: str
    first: str
    states: dict[str, State]
    timeout_h: int  # after this long without an answer the flow is dropped
    label: str  # template naming the flow, for "we started <label>; send MENU"


@dataclass(frozen=True)
class ChatState:
    """The person's place: flow "" is idle. `onboarded_at` outlives flows: the core records
    consent a moment after the chat ends onboarding, and the next message must not restart it."""

    flow: str = ""
    state: str = ""
    data: dict = field(default_factory=dict)
    updated_at: str = ""
    onboarded_at: str = ""

    @classmethod
    def from_doc(cls, doc: dict | None) -> "ChatState":
        if not doc:
            return cls()
        return cls(doc.get("flow", ""), doc.get("state", ""), dict(doc.get("data") or {}),
                   doc.get("updated_at", ""), doc.get("onboarded_at", ""))

    def to_doc(self) -> dict:
        return {"type": "chat_state", "flow": self.flow, "state": self.state, "data": self.data,
                "updated_at": self.updated_at, "onboarded_at": self.onboarded_at}

    def expired(self, flows: dict[str, Flow], now: str) -> bool:
        flow = flows.get(self.flow)
        if flow is None or self.state not in flow.states:
            return True  # a flow or state renamed since: start afresh
        if not self.updated_at:
            return False
        age = datetime.fromisoformat(now) - datetime.fromisoformat(self.updated_at)
        return age > timedelta(hours=flow.timeout_h)

    def idle(self) -> "ChatState":
        return replace(self, flow="", state="", data={})


async def settle(flows: dict[str, Flow], chat: Chat, place: ChatState, reply: Reply) -> tuple[Reply, ChatState]:
    """Follow a handler's reply to the words to send and the place to keep."""
    said = Reply()
    flow_name, state_name = place.flow, place.state
    for _ in range(MAX_HOPS):
        said = _merged(said, reply)
        if reply.flow and reply.flow != flow_name:
            flow_name, state_name, chat.data = reply.flow, "", {}  # a new flow starts with no memory
        if reply.data is not None:
            chat.data = dict(reply.data)
        if reply.goto == END:
            return said, place.idle()
        flow = flows[flow_name]
        state_name = reply.goto if reply.goto != STAY else (state_name or flow.first)
        kept = replace(place, flow=flow_name, state=state_name, data=chat.data, updated_at=chat.now)
        if reply.template:
            return said, kept
        reply = await flow.states[state_name].ask(chat)
        if reply.goto == STAY and not reply.flow:
            return _merged(said, reply), replace(kept, data=chat.data if reply.data is None else dict(reply.data))
    raise RuntimeError(f"flow {flow_name} handed over more than {MAX_HOPS} times in one turn")


async def help_for(flows: dict[str, Flow], chat: Chat, place: ChatState) -> tuple[Reply, ChatState]:
    """The state's help and its choices again: never "not understood" with no way forward."""
    state = flows[place.flow].states[place.state]
    asked = await state.ask(chat)
    reply = Reply(state.help, asked.params, choices=asked.choices)
    return reply, replace(place, updated_at=chat.now)


def _merged(before: Reply, after: Reply) -> Reply:
    """Words and choices of the later reply; intents and a language choice of both."""
    return replace(
        after, intents=before.intents + after.intents, language=after.language or before.language,
    )
