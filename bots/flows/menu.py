"""The main menu: every flow a cast or crew member can start, by number (a feature phone has no
buttons) or by its word (JOBS, STATUS, ...), in a fixed order people learn by heart."""
from bots.flows import applications, auditions, jobs, offers, payments, schedule, settings, shoot_day
from bots.flows.engine import Chat, Flow, Reply, State
from bots.flows.words import number

# (label template, how the flow starts: (chat, rest of the message) -> Reply)
ENTRIES = (
    ("label_jobs", jobs.start),
    ("label_applications", applications.start),
    ("label_auditions", auditions.start),
    ("label_offers", offers.start),
    ("label_schedule", schedule.start_schedule),
    ("label_tomorrow", schedule.start_tomorrow),
    ("label_check_in", shoot_day.start_check_in),
    ("label_late", shoot_day.start_late),
    ("label_payments", payments.start),
    ("label_language", settings.start_language),
    ("label_help", settings.start_help),
)
CHOICES = tuple(label for label, _ in ENTRIES)
TIMEOUT_H = 7 * 24  # a number typed days after the menu still means its entry


async def _ask(chat: Chat) -> Reply:
    """Show the menu."""
    return Reply("menu", choices=CHOICES)


async def _answer(chat: Chat) -> Reply | None:
    """A number starts that flow."""
    picked = number(chat.text)
    if picked is None or not 1 <= picked <= len(ENTRIES):
        return None
    return await ENTRIES[picked - 1][1](chat, "")


FLOW = Flow("menu", "pick", {"pick": State(_ask, _answer, "menu_help")}, TIMEOUT_H, "label_menu")
