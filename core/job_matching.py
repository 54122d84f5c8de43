"""Which open jobs fit a person, for "jobs that match me" in chat: pure, from their public card.

Crew see job posts of their department (every department when they named none); actors see
casting calls; someone who is both sees both. Nobody is shown nothing for living elsewhere:
jobs in their own state come first, then the rest, each group by start date."""
ACTOR, CREW = "actor", "crew"


def jobs_for(card: dict, job_posts: list[dict], casting_calls: list[dict]) -> list[dict]:
    roles = set(card.get("roles", ()))
    department = card.get("department") or ""
    fitting = []
    if CREW in roles or ACTOR not in roles:
        fitting += [job for job in job_posts if job.get("status") == "open"
                    and (not department or job.get("department") == department)]
    if ACTOR in roles:
        fitting += [call for call in casting_calls if call.get("status") == "open"]
    home = (card.get("state") or "").casefold()

    def order(job: dict) -> tuple:
        state = ((job.get("location") or {}).get("state") or "").casefold()
        return (not (home and state == home), job.get("start_date", ""), job.get("code", ""))

    return sorted(fitting, key=order)
