"""The top sheet: budget lines grouped into categories, categories into the four sections a
producer and a financier read (above the line, production, post-production, other).

A budget document:
  {"type": "budget", "project_id": "p1", "currency": "NGN", "warn_at_bp": 9000,
   "lines": [{"line_id": "cast-leads", "category": "cast", "description": "Lead cast", "amount_minor": 1500000000}]}
"""
from core.errors import Rejected
from core.money import CURRENCIES

SECTIONS = {  # section: (label, its categories in top-sheet order)
    "above_the_line": ("Above the line", ("story_and_rights", "producers", "director", "cast")),
    "production": ("Production", ("crew", "equipment", "locations", "art_and_wardrobe", "catering", "transport",
                                  "accommodation")),
    "post_production": ("Post-production", ("post", "music", "visual_effects")),
    "other": ("Other", ("marketing", "insurance", "legal_and_admin", "contingency")),
}
SECTION_OF = {category: section for section, (_, categories) in SECTIONS.items() for category in categories}
CATEGORY_LABELS = {category: category.replace("_", " ").capitalize() for category in SECTION_OF}
BP_PER_WHOLE = 10_000
DEFAULT_WARN_AT_BP = 9_000  # warn when the forecast reaches 90% of a category's budget


def checked_budget(budget: dict) -> dict:
    """The budget document checked: one known currency, unique line ids, known categories, whole
    non-negative amounts. Returns it unchanged."""
    if not isinstance(budget, dict) or budget.get("type") != "budget":
        raise Rejected("That is not a budget.")
    if budget.get("currency") not in CURRENCIES:
        raise Rejected("A budget is kept in one currency we handle, not {currency}.",
                       currency=repr(budget.get("currency")))
    warn_at_bp = budget.get("warn_at_bp", DEFAULT_WARN_AT_BP)
    if type(warn_at_bp) is not int or not 0 < warn_at_bp <= BP_PER_WHOLE:
        raise Rejected("The warning level is between 1 and 10000 basis points of a category's budget.")
    seen = set()
    for line in budget.get("lines", []):
        line_id = line.get("line_id")
        if not isinstance(line_id, str) or not line_id or line_id in seen:
            raise Rejected("Budget line ids must be given and unique; {line} is not.", line=repr(line_id))
        seen.add(line_id)
        if line.get("category") not in SECTION_OF:
            raise Rejected("Budget line {line}: {category} is not a top-sheet category ({categories}).",
                           line=line_id, category=repr(line.get("category")), categories=", ".join(SECTION_OF))
        amount = line.get("amount_minor")
        if type(amount) is not int or amount < 0:
            raise Rejected("Budget line {line}: the amount is a whole number of kobo or cents, not below zero.",
                           line=line_id)
    return budget


def lines_by_id(budget: dict) -> dict[str, dict]:
    return {line["line_id"]: line for line in checked_budget(budget).get("lines", [])}


def roll_up(line_rows: list[dict], figure_keys: tuple[str, ...]) -> tuple[list[dict], list[dict], dict]:
    """(category rows, section rows, totals) summing `figure_keys` of rows that carry a "category".
    Every category and section appears, with zeros where nothing is budgeted or spent, so the top
    sheet always reads the same way."""
    zero = dict.fromkeys(figure_keys, 0)
    by_category = {category: {**zero} for category in SECTION_OF}
    for row in line_rows:
        for key in figure_keys:
            by_category[row["category"]][key] += row[key]
    categories, sections, totals = [], [], {**zero}
    for section, (label, members) in SECTIONS.items():
        rows = [{"category": c, "label": CATEGORY_LABELS[c], "section": section, **by_category[c]} for c in members]
        sums = {key: sum(row[key] for row in rows) for key in figure_keys}
        categories += rows
        sections.append({"section": section, "label": label, **sums})
        for key in figure_keys:
            totals[key] += sums[key]
    return categories, sections, totals
