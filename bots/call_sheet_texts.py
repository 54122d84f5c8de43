"""What each person called on a shoot day is sent with the call sheet (English), from
core/call_sheet_send.py. bots/replies.py renders them (CALL_SHEET_TEMPLATES is in its SOURCES).
{changes} is values only ("06:30 -> 07:00"), so it reads the same in every language."""

CALL_SHEET_TEMPLATES = {
    "call_sheet_personal": (
        "Call sheet, {project_title} day {day_number}, {day}: {role}. Your call {call} at {place}, {address}. "
        "Map: {map_link} Your call sheet: {sheet_url}"
    ),
    "call_sheet_personal_sms": "{project_title} {day}: {role}, call {call} at {place}, {address}.",
    "call_sheet_changed": (
        "Call sheet changed, {project_title} {day}: {changes}. Now: {role}, call {call} at {place}, {address}. "
        "Map: {map_link} Your call sheet: {sheet_url}"
    ),
    "call_sheet_reminder": (
        "Tomorrow, {day}, {project_title}: {role}, call {call} at {place}, {address}. Map: {map_link}"
    ),
    "call_sheet_reminder_sms": "Tomorrow {day}, {project_title}: {role}, call {call} at {place}.",
    "call_sheet_changed_sms": "{project_title} {day} changed: {changes}. Call {call} at {place}.",
}
