"""Casting recommendations: the actors who fit a part, best first, each with a one-line reason.

Hard filters come first and are the directory search's own (core.search: actors, the part's
languages, its state, a rate within what the part pays, free on the shoot dates), plus the two
it lacks: the gender of the part and a playing age that overlaps the part's. Someone who has not
said their gender or playing age cannot be judged on it and is left out; someone who gave no rate
stays in (many negotiate), as in search.
What is left is ranked by how close the profile's words (headline, bio, skills, parts played) are
in meaning to the part's description: cosine similarity of embeddings when a model is given,
else shared words (the baseline bench/casting_eval.py compares against).
"""
import hashlib
import re
from dataclasses import dataclass
from datetime import date

import numpy as np

from core.embeddings import Embeddings, ProfileVectors, unit_rows
from core.errors import Rejected
from core.search import DirectoryIndex, PeopleQuery
from core.search.query import folded
from core.search.ranking import rate_words
from core.search.records import Rate

DEFAULT_LIMIT = 10
MAX_LIMIT = 100
SCORE_DECIMALS = 4  # scores equal to this many places are a tie, broken by name then id
QUOTE_CHARS = 60
OPEN_GENDERS = ("", "any")
_WORD = re.compile(r"[a-z]+")
_CLAUSE = re.compile(r"[.;:!?\n]+|,\s+|\s+-\s+")
# Words that say nothing about a part: every bio and every description has them.
_FILLER = frozenset("""a an and are as at be been but by for from has have he her his i in is it its
of on or she that the their them they this to was were who with will would can our we you your
role part actor actress character play plays played playing looking someone person""".split())


@dataclass(frozen=True)
class PartBrief:
    """What a part asks for, as the filters and the ranking read it."""
    name: str
    description: str
    playing_age_min: int | None = None
    playing_age_max: int | None = None
    gender: str = ""
    languages: tuple[str, ...] = ()
    state: str = ""
    city: str = ""
    rate_max_minor: int | None = None  # what the part pays: a higher rate is out
    currency: str = "NGN"
    rate_per: str = ""
    shoot_start: date | None = None
    shoot_end: date | None = None

    @property
    def text(self) -> str:
        return f"{self.name}. {self.description}".strip(". ")


@dataclass(frozen=True)
class Recommendation:
    person_id: str
    name: str
    score: float
    reason: str
    doc: dict


@dataclass(frozen=True)
class Recommendations:
    candidates: list[Recommendation]
    considered: int  # actors left after the hard filters
    ranked_by: str  # the embedding model's name, or "keywords"


def brief_from_casting_call(call: dict) -> PartBrief:
    """The brief of a casting call document (core/handlers/casting.py's shape)."""
    age, rate, where = call.get("playing_age") or {}, call.get("rate") or {}, call.get("location") or {}
    start, end = call.get("start_date"), call.get("end_date")
    return PartBrief(
        name=call.get("role_name") or call.get("title", ""), description=call.get("character_description", ""),
        playing_age_min=age.get("min"), playing_age_max=age.get("max"), gender=call.get("gender", ""),
        languages=tuple(call.get("languages", ())), state=where.get("state", ""), city=where.get("city", ""),
        rate_max_minor=rate.get("amount_minor"), currency=rate.get("currency", "NGN"),
        rate_per=call.get("rate_per", ""),
        shoot_start=date.fromisoformat(start) if start else None,
        shoot_end=date.fromisoformat(end or start) if start else None,
    )


def recommend(index: DirectoryIndex, brief: PartBrief, vectors: ProfileVectors | None,
              limit: int = DEFAULT_LIMIT) -> Recommendations:
    """The `limit` best actors for the part; `vectors` None ranks by shared words instead."""
    return rank(shortlist(index, brief, limit), brief, vectors, limit)


def shortlist(index: DirectoryIndex, brief: PartBrief, limit: int = DEFAULT_LIMIT) -> list[dict]:
    """The actors who pass every hard filter. Cheap (set intersections): the web edge runs it beside
    the index's feed, and `rank`, which may wait on an embeddings server, in a thread."""
    if not brief.description.strip():
        raise Rejected("Describe the character of {role} first: recommendations match profiles against it.",
                       role=brief.name)
    if not 1 <= limit <= MAX_LIMIT:
        raise Rejected("Ask for 1 to {limit} recommendations.", limit=MAX_LIMIT)
    page = index.search_people(PeopleQuery(
        role="actor", languages=brief.languages, state=brief.state, rate_max=brief.rate_max_minor,
        currency=brief.currency, rate_per=brief.rate_per, available_from=brief.shoot_start,
        available_to=brief.shoot_end, limit=max(len(index.people.records), 1)))
    return [hit.doc for hit in page.hits if fits_in_person(hit.doc, brief)]


def rank(docs: list[dict], brief: PartBrief, vectors: ProfileVectors | None,
         limit: int = DEFAULT_LIMIT) -> Recommendations:
    """The shortlist best first by closeness to the part, ties to name then id, each with its reason."""
    if vectors is None:
        scores = word_overlap(brief.text, [profile_text(doc) for doc in docs])
    else:
        scores = _cosines(vectors, brief.text, docs)
    order = sorted(range(len(docs)), key=lambda i: (-round(float(scores[i]), SCORE_DECIMALS),
                                                    docs[i].get("name", ""), docs[i]["_id"]))[:limit]
    quotes = _closest_phrases(brief.text, [docs[i] for i in order], vectors and vectors.embeddings)
    candidates = [
        Recommendation(docs[i].get("person_id") or docs[i]["_id"].removeprefix("person:"), docs[i].get("name", ""),
                       round(float(scores[i]), SCORE_DECIMALS), reason(docs[i], brief, quote), docs[i])
        for i, quote in zip(order, quotes)
    ]
    return Recommendations(candidates, len(docs), vectors.embeddings.model_name if vectors else "keywords")


def fits_in_person(doc: dict, brief: PartBrief) -> bool:
    """The filters the directory search does not have: the part's gender and playing age."""
    if folded(brief.gender) not in OPEN_GENDERS and folded(doc.get("gender") or "") != folded(brief.gender):
        return False
    if brief.playing_age_min is None and brief.playing_age_max is None:
        return True
    age = doc.get("playing_age") or {}
    if age.get("min") is None or age.get("max") is None:
        return False
    youngest = brief.playing_age_min if brief.playing_age_min is not None else 0
    oldest = brief.playing_age_max if brief.playing_age_max is not None else 200
    return age["min"] <= oldest and age["max"] >= youngest


def profile_text(doc: dict) -> str:
    """What an actor says they are, as one text: headline, bio, skills, parts played."""
    parts = [doc.get("headline") or "", doc.get("bio") or ""]
    parts += [skill.replace("_", " ") for skill in doc.get("skills", ())]
    parts += [str(role) for role in doc.get("roles_played", ())]
    parts += [credit["role"] for credit in doc.get("credits", ()) if isinstance(credit, dict) and credit.get("role")]
    return ". ".join(part.strip() for part in parts if part and part.strip())


def revision(doc: dict) -> str:
    """What the cached vector is kept against: the document's revision, else its text."""
    return doc.get("_rev") or hashlib.sha1(profile_text(doc).encode()).hexdigest()


def content_words(text: str) -> list[str]:
    return [word for word in _WORD.findall(text.casefold()) if len(word) > 2 and word not in _FILLER]


def word_overlap(part_text: str, texts: list[str]) -> np.ndarray:
    """The keyword baseline: the share of the part's words a profile uses, over both texts' sizes."""
    wanted = set(content_words(part_text))
    scores = np.zeros(len(texts), dtype=np.float32)
    for at, text in enumerate(texts):
        words = set(content_words(text))
        if wanted and words:
            scores[at] = len(wanted & words) / (len(wanted) * len(words)) ** 0.5
    return scores


def _cosines(vectors: ProfileVectors, part_text: str, docs: list[dict]) -> np.ndarray:
    if not docs:
        return np.zeros(0, dtype=np.float32)
    rows = vectors.matrix([(doc["_id"], revision(doc)) for doc in docs], lambda at: profile_text(docs[at]))
    return rows @ unit_rows(vectors.embeddings.embed([part_text]))[0]


def _closest_phrases(part_text: str, docs: list[dict], embeddings: Embeddings | None) -> list[str]:
    """Per profile, the bit of it nearest the part (by meaning, or shared words), to quote."""
    phrases = [_phrases(doc) for doc in docs]
    if embeddings is None or not any(phrases):
        wanted = set(content_words(part_text))
        return [_quote(list(dict.fromkeys(w for p in found for w in content_words(p) if w in wanted)))
                for found in phrases]
    flat = [phrase for found in phrases for phrase in found]
    rows = unit_rows(embeddings.embed([part_text, *flat]))
    closeness, quotes, at = rows[1:] @ rows[0], [], 0
    for found in phrases:
        best = sorted(range(at, at + len(found)), key=lambda i: (-closeness[i], i))
        quotes.append(_quote([flat[i] for i in best]))
        at += len(found)
    return quotes


def _quote(phrases: list[str]) -> str:
    """The closest phrases, best first, as many as fit in QUOTE_CHARS; the first cut at a word if it must."""
    if not phrases:
        return ""
    quote = phrases[0]
    if len(quote) > QUOTE_CHARS:
        return quote[:QUOTE_CHARS].rsplit(" ", 1)[0].rstrip(" ,") + "…"
    for phrase in phrases[1:]:
        if len(quote) + 2 + len(phrase) > QUOTE_CHARS:
            break
        quote = f"{quote}, {phrase}"
    return quote


def _phrases(doc: dict) -> list[str]:
    pieces = _CLAUSE.split(profile_text(doc))
    return list(dict.fromkeys(p.strip() for p in pieces if len(content_words(p)) >= 1))


def reason(doc: dict, brief: PartBrief, quote: str) -> str:
    """'Plays 25–35, speaks Yoruba, based in Lagos; close match on "market trader, comic timing"'."""
    facts = []
    age = doc.get("playing_age") or {}
    if age.get("min") is not None:
        facts.append(f"plays {age['min']}–{age['max']}")
    asked = {folded(language) for language in brief.languages}
    known = list(dict.fromkeys(doc.get("languages", ())))
    languages = [language for language in known if folded(language) in asked] or known[:2]
    if languages:
        facts.append("speaks " + " and ".join(lang.capitalize() for lang in languages))
    where = doc.get("city") or doc.get("state")
    if where:
        facts.append(f"based in {where}")
    rate = doc.get("rate")
    if brief.rate_max_minor is not None:
        facts.append(f"{rate_words(Rate(rate['amount_minor'], rate['currency'], rate.get('per', '')))}" if rate
                     else "rate not given")
    if brief.shoot_start is not None:
        facts.append("free on the shoot dates")
    said = ", ".join(facts) or "no details given"
    said = said[0].upper() + said[1:]
    return f"{said}; close match on '{quote}'" if quote else f"{said}; nothing in the profile matches the part's words"
