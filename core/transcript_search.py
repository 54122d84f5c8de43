"""Who said what in their self-tape: the office searches its applications' transcripts.

Words are compared without case or diacritics, so "lagos" finds "Lagos" and "osun" finds "Ọ̀ṣun"
(Whisper writes the first, an office may type either). A word of four letters or more also finds
the words it starts ("audition" finds "auditions"). Applications that say more of the words
searched for come first, then those that say them together, then those that say them more often.
A hit carries a snippet of the transcript around the first match and, when the transcript's
subtitles are at hand, the time into the self-tape where it is said.
"""
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from core.errors import Rejected
from core.media_derivatives import derived_for
from core.transcripts import Segment

QUERY_MAX_CHARS = 200
QUERY_MAX_WORDS = 8
PREFIX_MIN_CHARS = 4  # shorter words would find too much ("la" in every "last")
SNIPPET_WORDS_EACH_SIDE = 8
DEFAULT_LIMIT = 20
ELLIPSIS = "\u2026"
SECONDS_PER_MINUTE, SECONDS_PER_HOUR = 60, 3600
# A word, with an apostrophe inside it kept ("I'm", "Ade\u2019s") so the snippet shows it whole.
WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
VTT_TIMING = re.compile(r"^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{3})\s+-->\s+((?:\d+:)?\d{1,2}:\d{2}[.,]\d{3})")


@dataclass(frozen=True)
class TranscriptHit:
    application_id: str
    person_id: str
    applicant_name: str
    job_title: str
    status: str  # the application's: received, shortlisted, hired...
    media_index: int
    media_id: str  # the self-tape as kept, to play it
    subtitles: dict[str, str] = field(default_factory=dict)  # {"srt": media id, "vtt": media id}
    copies: dict[str, str] = field(default_factory=dict)  # the media worker's: thumbnail, video_low...
    words_found: tuple[str, ...] = ()
    matches: int = 0
    snippet: str = ""
    start_s: float | None = None  # where the first match is said, from the subtitles


def search_key(word: str) -> str:
    """A word as compared: lowercase, no accents or tone marks, no apostrophes."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char) and char not in "'\u2019")


def query_terms(query: str) -> tuple[str, ...]:
    """The distinct words searched for, or Rejected saying what to type."""
    terms = tuple(dict.fromkeys(search_key(word) for word in WORD.findall(query[:QUERY_MAX_CHARS + 1])))
    if not terms:
        raise Rejected("Type a word to look for in the self-tape transcripts.")
    if len(query) > QUERY_MAX_CHARS or len(terms) > QUERY_MAX_WORDS:
        raise Rejected("Search for at most {most} words at a time.", most=QUERY_MAX_WORDS)
    return terms


def search_transcripts(applications: Iterable[dict], query: str, limit: int = DEFAULT_LIMIT) -> list[TranscriptHit]:
    """The applications whose transcripts say the query's words, best first, one hit each (its
    transcript that matches best)."""
    terms = query_terms(query)
    ranked = []
    for application in applications:
        scored = [(_score(entry["text"], terms), entry) for entry in application.get("transcripts", [])
                  if entry.get("status") == "done" and entry.get("text")]
        scored = [(score, entry) for score, entry in scored if score[0]]
        if scored:
            score, entry = max(scored, key=lambda pair: (pair[0], -pair[1]["media_index"]))
            ranked.append((score, application, entry))
    ranked.sort(key=lambda found: (tuple(-part for part in found[0]), found[1]["application_id"]))
    return [_hit(application, entry, terms, score) for score, application, entry in ranked[:limit]]


def with_timecode(hit: TranscriptHit, segments: Sequence[Segment]) -> TranscriptHit:
    """The hit with the start of the first segment that says one of its words."""
    for segment in sorted(segments, key=lambda s: s.start_s):
        if any(_matches(key, term) for key in _keys(segment.text) for term in hit.words_found):
            return replace(hit, start_s=round(segment.start_s, 2))
    return hit


def segments_from_vtt(text: str) -> tuple[Segment, ...]:
    """The cues of a WebVTT file (core/subtitles.py writes them) as segments."""
    segments, lines = [], text.replace("\r\n", "\n").split("\n")
    for number, line in enumerate(lines):
        timing = VTT_TIMING.match(line)
        if timing is None:
            continue
        cue = []
        for following in lines[number + 1:]:
            if not following.strip():
                break
            cue.append(following.strip())
        segments.append(Segment(_seconds(timing[1]), _seconds(timing[2]), " ".join(cue)))
    return tuple(segments)


def _score(text: str, terms: tuple[str, ...]) -> tuple[int, int, int]:
    """(words found, 1 if all said together in order, matches in all)."""
    keys = _keys(text)
    found = [term for term in terms if any(_matches(key, term) for key in keys)]
    matches = sum(1 for key in keys for term in terms if _matches(key, term))
    together = len(terms) > 1 and _phrase_at(keys, terms) is not None
    return len(found), int(together), matches


def _hit(application: dict, entry: dict, terms: tuple[str, ...], score: tuple[int, int, int]) -> TranscriptHit:
    text = entry["text"]
    spans = [(match.start(), match.end(), search_key(match.group())) for match in WORD.finditer(text)]
    keys = [key for _, _, key in spans]
    at = _phrase_at(keys, terms)
    if at is None:
        at = next(index for index, key in enumerate(keys) if any(_matches(key, term) for term in terms))
    first, last = max(0, at - SNIPPET_WORDS_EACH_SIDE), min(len(spans) - 1, at + SNIPPET_WORDS_EACH_SIDE)
    end = spans[last][1]
    while end < len(text) and not text[end].isspace():
        end += 1  # the punctuation after the last word stays with it
    snippet = " ".join(text[spans[first][0]:end].split())
    snippet = (ELLIPSIS if first > 0 else "") + snippet + (ELLIPSIS if last < len(spans) - 1 else "")
    found = tuple(term for term in terms if any(_matches(key, term) for key in keys))
    copies = (derived_for(application, entry["media_index"]) or {}).get("media", {})
    return TranscriptHit(
        application["application_id"], application.get("person_id", ""),
        (application.get("applicant") or {}).get("name", ""), application.get("job_title", ""),
        application.get("status", ""), entry["media_index"], entry.get("media_id", ""),
        dict(entry.get("subtitles") or {}), dict(copies), found, score[2], snippet,
    )


def _phrase_at(keys: list[str], terms: tuple[str, ...]) -> int | None:
    """Where the terms are said one after another, in the order typed, if they are."""
    for start in range(len(keys) - len(terms) + 1):
        if all(_matches(keys[start + offset], term) for offset, term in enumerate(terms)):
            return start
    return None


def _keys(text: str) -> list[str]:
    return [search_key(word) for word in WORD.findall(text)]


def _matches(key: str, term: str) -> bool:
    return key == term or (len(term) >= PREFIX_MIN_CHARS and key.startswith(term))


def _seconds(stamp: str) -> float:
    parts = stamp.replace(",", ".").split(":")
    hours, minutes, seconds = (["0"] * (3 - len(parts)) + parts)
    return int(hours) * SECONDS_PER_HOUR + int(minutes) * SECONDS_PER_MINUTE + float(seconds)
