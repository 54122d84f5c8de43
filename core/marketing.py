"""Marketing copy for a film: what a language model is asked, and what of its answer we keep.

The pieces: a logline, a synopsis, a post for X, Instagram and a WhatsApp status, and the text of
a one-sheet (the poster's words). The model writes from the project's title and genre, the
office's synopsis and what the breakdown shows (main characters, places, length); each piece is
held to its platform's length so it can be pasted as it is.
The writer is a port (adapter: workers/marketing.py, any OpenAI-compatible server); without one
the answer is a refusal saying which settings to give.
"""
import json
from abc import ABC, abstractmethod
from collections import Counter

from core.errors import Rejected

LIMIT_CHARS = {  # the platforms' own limits; the logline and one-sheet are ours, to stay sayable
    "logline": 300, "synopsis": 2000, "x": 280, "instagram": 2200, "whatsapp_status": 700, "one_sheet": 600,
}
TITLE_MAX_CHARS = 200
GENRE_MAX_CHARS = 60
SYNOPSIS_MAX_CHARS = 4000
MAIN_CHARACTERS = 6
MAIN_SETS = 6
EIGHTHS_PER_PAGE = 8
NOT_CONFIGURED = ("Marketing copy is not configured: set NOLLYCREW_LLM_BASE_URL and NOLLYCREW_LLM_MODEL "
                  "(and NOLLYCREW_LLM_API_KEY if the server needs one).")
INSTRUCTIONS = (
    "You write marketing copy for Nigerian films (Nollywood). From the film's facts, write: a logline "
    "(one sentence, at most 300 characters); a synopsis (two or three short paragraphs, no ending "
    "given away, at most 2000 characters); social posts for X (at most 280 characters, with one or two "
    "hashtags), Instagram (a caption, at most 2200 characters) and a WhatsApp status (at most 700 "
    "characters); and the words of a one-sheet poster (title, tagline, a credit block line; at most 600 "
    "characters). Use only the facts given; invent no cast names, dates or awards. Answer only with JSON: "
    '{"logline": "...", "synopsis": "...", "social_posts": {"x": "...", "instagram": "...", '
    '"whatsapp_status": "..."}, "one_sheet": "..."}.'
)


class MarketingUnavailable(Exception):
    """The writer could not answer (down, throttled, bad key, nonsense); `reason` says which."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class MarketingWriter(ABC):
    @abstractmethod
    def write(self, messages: list[dict]) -> str:
        """The model's answer to chat messages ({"role", "content"}); MarketingUnavailable if none."""


def film_facts(project: dict, genre: str, synopsis: str, breakdown: dict | None) -> dict:
    """What the model is told: title, genre, the office's synopsis and the breakdown's outline."""
    title = (project.get("title") or "").strip()
    if not 1 <= len(title) <= TITLE_MAX_CHARS:
        raise Rejected("The project needs a title of 1 to {limit} characters for marketing copy.",
                       limit=TITLE_MAX_CHARS)
    if len(genre) > GENRE_MAX_CHARS:
        raise Rejected("Say the genre in at most {limit} characters.", limit=GENRE_MAX_CHARS)
    if len(synopsis) > SYNOPSIS_MAX_CHARS:
        raise Rejected("The synopsis for marketing is at most {limit} characters.", limit=SYNOPSIS_MAX_CHARS)
    scenes = (breakdown or {}).get("scenes") or []
    if not synopsis.strip() and not scenes:
        raise Rejected("Give a synopsis, or read the script first: the copy is written from one of them.")
    facts = {"title": title, "genre": genre.strip() or "drama", "synopsis": synopsis.strip()}
    if scenes:
        people = Counter(name for scene in scenes for name in dict.fromkeys(scene.get("characters", ())))
        places = Counter(scene.get("set") or "" for scene in scenes)
        places.pop("", None)
        eighths = sum(int(scene.get("eighths") or 1) for scene in scenes)
        facts["main_characters"] = [name for name, _ in people.most_common(MAIN_CHARACTERS)]
        facts["main_places"] = [name for name, _ in places.most_common(MAIN_SETS)]
        facts["scenes"] = len(scenes)
        facts["pages"] = round(eighths / EIGHTHS_PER_PAGE)
        facts["opening_scenes"] = [scene.get("synopsis", "") for scene in scenes[:3] if scene.get("synopsis")]
    return facts


def marketing_messages(facts: dict) -> list[dict]:
    return [{"role": "system", "content": INSTRUCTIONS},
            {"role": "user", "content": json.dumps({"film": facts}, ensure_ascii=False)}]


def read_copy(content: str) -> dict:
    """The pieces from the model's JSON, each held to its limit (cut at a word, noted in warnings)."""
    try:
        answer = json.loads(content)
        posts = answer.get("social_posts") or {}
        pieces = {"logline": answer["logline"], "synopsis": answer["synopsis"], "x": posts["x"],
                  "instagram": posts["instagram"], "whatsapp_status": posts["whatsapp_status"],
                  "one_sheet": answer["one_sheet"]}
    except (ValueError, KeyError, TypeError, AttributeError):
        raise MarketingUnavailable("the model's answer was not the JSON we asked for") from None
    if not all(isinstance(text, str) and text.strip() for text in pieces.values()):
        raise MarketingUnavailable("the model left a piece empty")
    warnings = []
    for name, text in pieces.items():
        text = text.strip()
        if len(text) > LIMIT_CHARS[name]:
            text = text[:LIMIT_CHARS[name] - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
            warnings.append(f"The {name.replace('_', ' ')} was longer than {LIMIT_CHARS[name]} characters and was cut.")
        pieces[name] = text
    return {"logline": pieces["logline"], "synopsis": pieces["synopsis"],
            "social_posts": {name: pieces[name] for name in ("x", "instagram", "whatsapp_status")},
            "one_sheet": pieces["one_sheet"], "warnings": warnings}


def marketing_copy(facts: dict, writer: MarketingWriter | None) -> dict:
    """The copy, or a refusal: not configured (no writer), or the writer could not answer."""
    if writer is None:
        raise Rejected(NOT_CONFIGURED)
    try:
        return read_copy(writer.write(marketing_messages(facts)))
    except MarketingUnavailable as unavailable:
        raise Rejected("The marketing writer could not answer ({reason}); try again later.",
                       reason=unavailable.reason) from None
