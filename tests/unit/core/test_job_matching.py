"""Jobs that match a person: their department's posts for crew, casting calls for actors, home state first."""
from core.job_matching import jobs_for


def post(code: str, department: str, state: str, start: str = "2026-12-01", status: str = "open") -> dict:
    return {"code": code, "department": department, "location": {"state": state}, "start_date": start, "status": status}


POSTS = [post("A", "lighting", "Oyo", "2026-12-01"), post("B", "lighting", "Lagos", "2026-12-09"),
         post("C", "camera", "Lagos"), post("D", "lighting", "Lagos", "2026-12-03"), post("E", "lighting", "Lagos", status="filled")]
CALLS = [{**post("K", "cast", "Lagos"), "casting_call_id": "k"}, {**post("L", "cast", "Enugu"), "casting_call_id": "l"}]


def codes(jobs: list[dict]) -> list[str]:
    return [job["code"] for job in jobs]


def test_crew_see_their_departments_open_posts_home_state_first_then_by_date():
    assert codes(jobs_for({"roles": ["crew"], "department": "lighting", "state": "Lagos"}, POSTS, CALLS)) == ["D", "B", "A"]


def test_crew_with_no_department_see_every_open_post():
    assert codes(jobs_for({"roles": ["crew"]}, POSTS, CALLS)) == ["A", "C", "D", "B"]


def test_actors_see_casting_calls_and_both_see_both():
    assert codes(jobs_for({"roles": ["actor"], "state": "Enugu"}, POSTS, CALLS)) == ["L", "K"]
    both = jobs_for({"roles": ["actor", "crew"], "department": "camera", "state": "Lagos"}, POSTS, CALLS)
    assert codes(both) == ["C", "K", "L"]
