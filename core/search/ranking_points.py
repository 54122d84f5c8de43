"""The points of a profile that do not depend on the query, computed once when it is indexed.

Rating: the average counts in proportion count / (count + RATING_PRIOR_REVIEWS), so four stars
from two reviews do not beat 4.5 from forty. Verified: VERIFIED_POINTS.
"""
RATING_PRIOR_REVIEWS = 5
VERIFIED_POINTS = 2.0


def rating_points(average: float, count: int) -> float:
    return average * count / (count + RATING_PRIOR_REVIEWS)


def base_points(verified: bool, average: float, count: int) -> float:
    return rating_points(average, count) + (VERIFIED_POINTS if verified else 0.0)
