"""A fake ChatReads and a conversation driver that keeps the person's place between messages,
as the inbound worker does, and checks every reply names a template and labels that exist."""
from dataclasses import dataclass

from bots.channels.base import Incoming, Media
from bots.conversation import ChatReads, Turn, respond
from bots.flow_texts import FLOW_TEMPLATES
from bots.replies import TEMPLATES
from core.chat_commands import CONSENT_VERSION

PERSON = "abcdef123456"
NOW = "2026-12-01T06:31:00+01:00"
ONBOARDED = {"person_id": PERSON, "consent": {"version": CONSENT_VERSION, "language": "en", "agreed_at": NOW}}


def job(n: int, **changes) -> dict:
    return {
        "job_post_id": f"{n:020d}", "code": f"CODE{n}", "title": f"Job {n}", "project_title": "Eko Nights",
        "location": {"city": "Lekki", "state": "Lagos"}, "start_date": "2026-12-01", "end_date": "2026-12-12",
        "rate": {"amount_minor": 2_500_000, "currency": "NGN"}, "rate_per": "day", "status": "open",
        "department": "lighting", **changes,
    }


def casting_call(n: int) -> dict:
    return {**job(n, title=f"Part {n}", department="cast"), "casting_call_id": f"call{n}", "role_name": f"Part {n}",
            "character_description": "A sharp Lagos lawyer.", "self_tape_deadline": "2026-12-05T18:00:00+01:00"}


def booking(booking_id: str, status: str, start: str, end: str = "2026-12-12", **changes) -> dict:
    return {
        "booking_id": booking_id, "status": status, "start_date": start, "end_date": end, "role": "Gaffer",
        "project_title": "Eko Nights", "project_id": "proj01", "call_time": "06:30",
        "location": {"city": "Lekki", "state": "Lagos"}, "created_at": f"2026-11-0{len(booking_id) % 9 + 1}T10:00:00+01:00",
        **changes,
    }


class FakeChatReads(ChatReads):
    def __init__(self, jobs=(), bookings=(), applications=(), escrows=(), offers=(), slots=None, sheets=None,
                 profile=None, state=None):
        self.jobs, self._bookings, self._applications = list(jobs), list(bookings), list(applications)
        self._escrows, self._offers = list(escrows), list(offers)
        self.slots, self.sheets = dict(slots or {}), dict(sheets or {})
        self.profile_doc = dict(ONBOARDED if profile is None else profile)
        self.state = state
        self.limits: list[int] = []

    async def open_jobs(self, limit: int) -> list[dict]:
        self.limits.append(limit)
        return self.jobs[:limit]

    async def job_by_code(self, code: str) -> dict | None:
        return next((j for j in self.jobs if j["code"] == code), None)

    async def matching_jobs(self, person_id: str, offset: int, limit: int) -> tuple[list[dict], int]:
        self.limits.append(limit)
        return self.jobs[offset:offset + limit], len(self.jobs)

    async def bookings(self, person_id: str) -> list[dict]:
        return self._bookings if person_id == PERSON else []

    async def applications(self, person_id: str) -> list[dict]:
        return self._applications if person_id == PERSON else []

    async def escrows(self, person_id: str) -> list[dict]:
        return self._escrows if person_id == PERSON else []

    async def offers(self, person_id: str) -> list[dict]:
        return self._offers if person_id == PERSON else []

    async def audition_windows(self, project_id: str, casting_call_id: str) -> dict | None:
        return self.slots.get((project_id, casting_call_id))

    async def call_sheet(self, project_id: str, day: str) -> dict | None:
        return self.sheets.get((project_id, day))

    async def profile(self, person_id: str) -> dict:
        return self.profile_doc if person_id == PERSON else {}

    async def chat_state(self, person_id: str) -> dict | None:
        return self.state if person_id == PERSON else None


def message(text: str, provider_id: str = "SM0001", channel: str = "whatsapp", media=(), position=None) -> Incoming:
    return Incoming(channel=channel, provider_id=provider_id, sender="+2348030000001", text=text,
                    media=tuple(Media(*m) for m in media), position=position)


@dataclass
class Conversation:
    """One person talking: each reply's state and language are kept, as the worker keeps them."""

    reads: FakeChatReads
    now: str = NOW
    channel: str = "whatsapp"
    count: int = 0

    async def say(self, text: str, media=(), position=None, now: str | None = None) -> Turn:
        self.count += 1
        incoming = message(text, f"SM{self.count:04d}", self.channel, media, position)
        turn = await respond(incoming, PERSON, self.reads, now or self.now)
        check_names(turn)
        if turn.chat_state is not None:
            self.reads.state = turn.chat_state
        if turn.language:
            self.reads.profile_doc["chat_language"] = turn.language
        return turn

    @property
    def place(self) -> tuple[str, str]:
        state = self.reads.state or {}
        return state.get("flow", ""), state.get("state", "")

    def put(self, flow: str, state: str, data: dict, updated_at: str = NOW) -> None:
        self.reads.state = {"type": "chat_state", "flow": flow, "state": state, "data": data,
                            "updated_at": updated_at, "onboarded_at": ""}


def check_names(turn: Turn) -> None:
    """Every template and label the engine names exists in English, with its placeholders filled."""
    if turn.template:
        text = FLOW_TEMPLATES.get(turn.template) or TEMPLATES[turn.template]
        text.format(**{"public_url": "https://example.test", **turn.params})
    for label in turn.choices:
        if label.startswith(("label_", "dept_")):
            assert label in FLOW_TEMPLATES, label
