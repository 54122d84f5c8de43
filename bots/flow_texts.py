"""What the cast-and-crew flows say, in English: the i18n catalogs translate these like
bots/replies.py TEMPLATES. Each stays short (two SMS segments once translated), keeps its
{placeholders}, and keeps keyword commands in English capitals (the engine matches them).

`label_*` and `dept_*` name numbered choices; the delivery layer shows `Turn.choices` as buttons,
a list, or "1. ..." lines. A consent text is the core's wording of that version, word for word."""
FLOW_TEMPLATES = {
    # Onboarding. The first question comes before we know the person's language: all five.
    # Shown before anyone has a language: the question in each, the choices named in themselves.
    "onboarding_language": "Welcome to NollyCrew! Pick a language / Yan èdè / Họrọ asụsụ / Zaɓi harshe:",
    "onboarding_role": "Are you an actor, crew, or both?",
    "onboarding_department": "Which department do you work in?",
    "onboarding_crew_roles": "Which jobs do you do? Send the numbers, e.g. 1 3. Send 0 to skip.",
    "onboarding_skills": "Any special skills? Send the numbers, e.g. 2 5. Send 0 to skip.",
    "onboarding_rate": "Your usual day rate in naira? e.g. 25000. Send 0 to skip.",
    "onboarding_rate_help": "Send an amount in naira, like 25000 or 25k, or 0 to skip.",
    "onboarding_location": "Where are you based? Send city and state, e.g. Surulere, Lagos.",
    "onboarding_location_help": "Send your city and state, e.g. Wuse, Abuja or Enugu.",
    "consent_help": "Reply 1 (YES) to agree or 2 (NO). STOP ends all messages.",
    "consent_declined": "OK, nothing is kept. Send HI when you are ready to join.",
    "onboarding_done": "You are in! Reply JOBS for jobs that fit you, or MENU.",
    # Menu and ways out.
    "menu": "What do you want to do? Reply with a number.",
    "menu_help": "Reply with a number from the menu, or HELP.",
    "cancelled": "Stopped that. What next? Reply with a number.",
    "flow_expired": "We started {flow} earlier, but it timed out. Reply with a number to start again.",
    "not_understood_menu": "Sorry, I did not get that. Reply with a number, or HELP.",
    "pick_number_help": "Reply with one number from the list, or CANCEL.",
    "pick_numbers_help": "Reply with numbers from the list, e.g. 1 3, or 0 to skip.",
    "flow_help": (
        "JOBS - jobs for you\nAPPLY <code>\nSTATUS - applications\nAUDITION - book a slot\n"
        "OFFERS\nSCHEDULE\nTOMORROW - your call\nYES / NO - answer a booking\nLATE <min>\n"
        "IN <set code> / OUT\nPAY\nLANGUAGE\nMENU, CANCEL, STOP"
    ),
    "flow_help_sms": "JOBS, APPLY code, STATUS, SCHEDULE, TOMORROW, YES/NO code, LATE code min, IN code, OUT, PAY, MENU, STOP",
    "opted_out_hint": "You stopped NollyCrew messages. Send START to get them again.",
    "stopped": "You will get no more NollyCrew messages. Send START to come back.",
    "restarted": "Welcome back to NollyCrew! Reply MENU to begin.",
    "language_pick": "Choose your language:",
    "language_set": "Language set: {language}. Reply MENU to go on.",
    # Jobs and applying.
    "jobs_page": "Jobs for you ({first}-{last} of {total}). Reply a number for details, NEXT for more.",
    "jobs_end": "That is all {total} jobs. Reply 1 for details of a job, or MENU.",
    "jobs_help": "Reply a job's number for details, NEXT for more, or CANCEL.",
    "job_unknown": "No open job has the code {code}. Reply JOBS to see them.",
    "job_closed": "{job_title} is no longer open. Reply JOBS for others.",
    "job_details": (
        "{title} ({code}), {project_title}\n{start_date} to {end_date}, {city}\n"
        "Pay: {rate} per {rate_per}. {extra}"
    ),
    "job_details_help": "Reply 1 to apply or 2 for the list.",
    "apply_which": "Which job? Send its code, e.g. APPLY 7KQ2D. JOBS lists them.",
    "apply_which_help": "Send the job's code from the JOBS list, or CANCEL.",
    "apply_tape": "Applying for {job_title}. Send your self-tape (video, voice note or photo) or a short note.",
    "apply_tape_help": "Send a video, voice note or photo, a note, or 1 to apply without.",
    "application_queued_tape": "Sending your application and self-tape for {job_title}...",
    # Auditions and offers.
    "audition_none": "You have no audition to book. We will message you when you are shortlisted.",
    "audition_no_windows": "No audition times are open for {job_title} yet. We will tell you.",
    "audition_full": "All audition times for {job_title} are full. We will tell you if one opens.",
    "audition_pick_call": "Which part is the audition for?",
    "audition_pick_window": "Audition for {job_title} at {where}. Pick a time:",
    "audition_requested": "Booking your audition for {job_title}: {when}...",
    "offers_none": "You have no open offers. Reply STATUS for your applications.",
    "offer_pick": "Which offer?",
    "offer_details": (
        "Offer: {job_title}, {project_title}, {start_date} to {end_date}, {rate} per {rate_per}. "
        "Answer by {expires_at}."
    ),
    "offer_answer_help": "Reply 1 to accept or 2 to decline.",
    "offer_accept_sent": "Accepting {job_title}...",
    "offer_decline_reason": "Why decline {job_title}? A few words help the producer. Reply 1 to skip.",
    "offer_decline_sent": "Declining {job_title}...",
    # Schedule, tomorrow's call and the shoot day.
    "schedule": "Your bookings:\n{lines}",
    "schedule_empty": "No bookings coming up. Reply JOBS to find work.",
    "tomorrow_none": "You have no call tomorrow.",
    "tomorrow_call": (
        "Tomorrow {day}: {role}, {project_title}. Your call {call} at {place}, {address}. "
        "Map: {map_link} Call sheet: {public_url}{sheet_path} Reply YES {code} to confirm."
    ),
    "tomorrow_call_sms": "Tomorrow {day} call {call}, {place}. YES {code} to confirm, LATE {code} 20 if late.",
    "tomorrow_no_sheet": "Tomorrow {day}: {role}, {project_title}, call {call}, {place}. Call sheet not out yet.",
    "booking_code_unknown": "No booking of yours has the code {code}. Reply SCHEDULE to see your codes.",
    "decline_reason": "Why can you not make {role} on {project_title}? e.g. sick",
    "decline_reason_help": "Send a few words saying why, or CANCEL.",
    "no_booking_today": "You have no confirmed booking today. Reply SCHEDULE.",
    "late_eta": "Sorry to hear. How late will you be for {project_title}?",
    "late_eta_help": "Reply 1-4 or the minutes, e.g. 20, or CANCEL.",
    "late_sent": "Telling the production you are about {minutes} minutes late. Travel safe.",
    "late_notice": "{name} ({role}, {project_title}) is running late: about {minutes} min, expected {expected}.",
    "check_in_code": "Send the set code the AD shows (e.g. 4821), or share your location.",
    "check_in_code_help": "Send the set code (numbers on the board), share your location, or CANCEL.",
    "payments": "Your pay:\n{lines}",
    # One line each in PAY and STATUS lists; {milestone} is " (first-half)" or nothing.
    "pay_line_waiting": "Pay: {amount} for {role}, {project_title}{milestone}: not yet paid into escrow",
    "pay_line_held": "Pay: {amount} for {role}, {project_title}{milestone}: held for you, {released} released",
    "pay_line_done": "Pay: {amount} for {role}, {project_title}{milestone}: settled, {released} to you",
    "pay_line_frozen": "Pay: {amount} for {role}, {project_title}{milestone}: frozen by a dispute until an admin decides",
    "status_line_booked": "Booked: {role}, {project_title} ({status})",
    "status_line_applied": "Applied: {job_title} ({status})",
    # Where a booking or an application stands, inside those lines.
    "state_awaiting_confirmation": "waiting for your YES", "state_confirmed": "confirmed",
    "state_declined": "declined", "state_cancelled": "cancelled", "state_applied": "applied",
    "state_shortlisted": "shortlisted", "state_auditioning": "audition", "state_offered": "offer made",
    "state_hired": "hired", "state_withdrawn": "withdrawn",
    "payments_none": "No pay on record yet. It shows here once a producer pays into escrow.",
    # Choice labels.
    "label_jobs": "Jobs for me", "label_applications": "My applications", "label_auditions": "Book an audition",
    "label_offers": "My offers", "label_schedule": "My schedule", "label_tomorrow": "Tomorrow's call",
    "label_check_in": "Check in on set", "label_late": "Running late", "label_payments": "My payments",
    "label_language": "Language", "label_help": "Help", "label_menu": "the menu",
    "label_onboarding": "signing up", "label_confirm": "your answer", "label_apply": "Apply",
    "label_back_to_jobs": "Back to the list", "label_send_without": "Apply without a tape",
    "label_accept": "Accept", "label_decline": "Decline", "label_no_reason": "No reason",
    "label_agree": "Yes, I agree", "label_disagree": "No",
    "label_actor": "Actor", "label_crew": "Crew", "label_actor_and_crew": "Both",
    "label_eta_15": "15 minutes", "label_eta_30": "30 minutes", "label_eta_60": "1 hour", "label_eta_120": "2 hours",
    "dept_camera": "Camera", "dept_lighting": "Lighting", "dept_grip": "Grip", "dept_sound": "Sound",
    "dept_art": "Art", "dept_costume": "Costume", "dept_makeup": "Makeup and hair",
    "dept_production": "Production", "dept_post_production": "Post-production",
    # The consent wording of version consent-2026-11, word for word as core/chat_commands.py keeps it
    # (tests/unit/bots/flows/test_flow_texts.py holds them together). A new wording is a new template.
    "consent_2026_11": (
        "NollyCrew keeps your name, phone and profile, shows your profile to productions and "
        "messages you about work. Send STOP any time. Do you agree?\nReply 1 (YES) or 2 (NO)."
    ),
}


def shown_choices(choices: list[str], language: str) -> list[str]:
    """Each choice label as the person reads it: a template name in their language, any other
    label (a job title, a time) as it is. For the delivery layer, before it numbers them."""
    from bots import replies  # replies lists this module's dict among its sources

    return [replies.render(label, {}, language=language) if label in FLOW_TEMPLATES else label for label in choices]


def label_in(label: str, language: str, params: dict | None = None) -> str:
    """One label or line template (a flow's name, a button, a line of a list) as the person reads it."""
    from bots import replies  # replies lists this module's dict among its sources

    return replies.render(label, params or {}, language=language)
