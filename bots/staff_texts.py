"""What the bots say to producers, ADs and admins, and project-thread messages (English).
bots/replies.py renders them once TEMPLATES takes these in (TEMPLATES.update(STAFF_TEMPLATES)).
Answers to staff are short lines: many read them on SMS."""

STAFF_TEMPLATES = {
    "staff_help": (
        "Production: CREWCALL <dept>/<role> <date> <rate> [city] - post a crew call\n"
        "WHO [date] - who confirmed (tomorrow if no date)\nCHASE [date] - remind the unconfirmed\n"
        "ANNOUNCE <text> - to the whole unit\nAdd @<project code> if you run several projects.\n"
        "Reply #<code> <text> to answer a project thread."
    ),
    "admin_help": (
        "Admin: WHO <phone>, VERIFY <phone>, UNVERIFY <phone> <why>, SUSPEND <phone> <why>, "
        "RESTORE <phone> <why>, STATS, BROADCAST <text> then CONFIRM <code>, "
        "RESOLVE <booking code> release|refund|split <crew %>, REQUEUE or DROP <job queue|ALL>"
    ),
    "staff_usage": "{usage}",
    "crew_call_posted": "Crew call posted on {project_title}: {role}, {day}, {rate}/day, {city}. Code {code}.",
    "call_status": (
        "{project_title} {day}: {confirmed_count} yes, {waiting_count} not yet, {declined_count} no.\n"
        "Yes: {confirmed}\nNot yet: {waiting}\nNo: {declined}"
    ),
    "call_status_none": "Nobody is booked on {project_title} for {day}.",
    "chase_done": "{project_title} {day}: reminded {reminded}; {skipped} already reminded today.",
    "call_reminder": (
        "{project_title}: please confirm your call on {day} as {role}. Reply YES, or NO and the reason."
    ),
    "announcement_sent": "Announcement sent to {count} people on {project_title}.",
    "unit_announcement": "{project_title} - {sender}: {text}",
    "admin_person": (
        "{phone}: {name}. Roles: {roles}. Verified: {verified}. Suspended: {suspended}. "
        "Opted out: {opted_out}. Channel: {channel}."
    ),
    "admin_done": "{what}: {phone} ({name}).",
    "admin_stats": (
        "People: {people}. Active projects: {projects}. Fill rate: {fill_rate}. Failed messages 24h: {failed}. "
        "Failed jobs: {failed_jobs} ({failed_jobs_by_queue}), oldest {oldest_failure_h} h. Last: {last_failure}"
    ),
    "failed_jobs_requeued": "{count} failed jobs sent back to run again ({queue}).",
    "failed_jobs_dropped": "{count} failed jobs dropped ({queue}).",
    "broadcast_confirm": "Broadcast to {audience} people. Reply CONFIRM {code} within {minutes} min to send.",
    "broadcast_started": "Broadcast going to {count} people, {per_minute} a minute: about {minutes} min.",
    "broadcast": "NollyCrew: {text}",
    "admin_dispute_settled": "Dispute {code} settled: {decision} {share}",
    "thread_message": "#{code} {project_title} - {sender}: {text}\nReply #{code} and your message.",
    "thread_reply_sent": "Sent to thread #{code}.",
    # SMS short forms (`<name>_sms`): these run past two SMS parts in Yoruba, Igbo and Hausa
    # (UCS-2, 134 characters), the staff help in Pidgin too.
    "staff_help_sms": (
        "Commands: CREWCALL <dept>/<role> <date> <rate> [city], WHO [date], CHASE [date], ANNOUNCE <text>, "
        "#<code> <text> to answer a thread."
    ),
    # The people still to answer come last: a long list loses lines from its middle (bots/sms.py),
    # and the unanswered are whom an AD chases.
    "call_status_sms": (
        "{project_title} {day}\n{confirmed_count} yes: {confirmed}\n{declined_count} no: {declined}\n"
        "{waiting_count} not yet: {waiting}"
    ),
    "admin_stats_sms": (
        "People: {people}. Projects: {projects}. Fill rate: {fill_rate}. Failed: {failed} messages, {failed_jobs} jobs."
    ),
    "admin_help_sms": (
        "WHO/VERIFY/UNVERIFY/SUSPEND/RESTORE <phone> [why], STATS, BROADCAST <text>, CONFIRM, "
        "RESOLVE <code> release/refund/split <%>"
    ),
}
