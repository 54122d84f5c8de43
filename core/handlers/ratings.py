"""A person's rating: each review counted once, the average shown on their directory card.

The tally lives in `ops` (core only), one document per person, with the ids of the reviews it
counted: a retried review finds its id there and counts nothing twice. Totals are integers
(stars added up); the card's average is derived from them, never accumulated as a float.
"""
from core import scopes
from core.bus import Services
from core.reputation import rating_summary


def tally_doc_id(person_id: str) -> str:
    return f"rating:{person_id}"


async def count_review(services: Services, person_id: str, review_id: str, stars: int) -> dict:
    """Count the review in the person's tally and show the result on their card: the rating."""
    tally_id = tally_doc_id(person_id)
    await services.store.create(scopes.OPS, {
        "_id": tally_id, "type": "rating_tally", "person_id": person_id,
        "stars_total": 0, "count": 0, "counted": [], "source_intent": "rating",
    })

    def count(tally: dict) -> dict | None:
        if review_id in tally["counted"]:
            return None
        return {**tally, "stars_total": tally["stars_total"] + stars, "count": tally["count"] + 1,
                "counted": [*tally["counted"], review_id]}

    tally = await services.store.update(scopes.OPS, tally_id, count)
    rating = rating_summary(tally["stars_total"], tally["count"])

    def show(card: dict) -> dict | None:
        # Counts only grow, so a write that raced ahead with a later tally is never undone.
        if (card.get("rating") or {}).get("count", 0) >= rating["count"]:
            return None
        return {**card, "rating": rating}

    await services.store.update(scopes.DIRECTORY, f"person:{person_id}", show)
    return rating
