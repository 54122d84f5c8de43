"""The cost report: for each budget line, category and section of the top sheet, the budget, what
bookings commit, what is spent, what of the commitments is still to pay, the forecast
(spent + still to pay) and the variance (budget - forecast); then the burn rate and the alerts.

Still to pay on a booking is its commitment less what has been spent against that booking, never
below zero (a booking paid more than it committed, say for overtime, is simply spent). Spend with
no booking (catering bought at the market) counts as spent only.
"""
from core.budget import actuals, commitments, top_sheet
from core.budget.top_sheet import BP_PER_WHOLE, CATEGORY_LABELS, DEFAULT_WARN_AT_BP
from core.invoices.documents import money_text

FIGURES = ("budget", "committed", "spent", "to_pay", "forecast", "variance")
UNASSIGNED = ""  # bookings and spend on no budget line, or on a line the budget does not have


def cost_report(budget: dict, bookings: list[dict], spend: list[dict], shoot_dates: list[str], as_of: str,
                line_of_booking: dict[str, str] | None = None) -> dict:
    """The whole report; figures are integer minor units in budget["currency"]."""
    lines = top_sheet.lines_by_id(budget)
    currency = budget["currency"]
    actuals.checked_spend(spend, currency)
    committed = commitments.commitments_by_line(bookings, currency, line_of_booking)
    spent_by_line: dict[str, int] = {}
    spent_by_booking: dict[str, int] = {}
    for entry in spend:
        line_id = entry["budget_line_id"] if entry["budget_line_id"] in lines else UNASSIGNED
        spent_by_line[line_id] = spent_by_line.get(line_id, 0) + entry["amount_minor"]
        if entry.get("booking_id"):
            spent_by_booking[entry["booking_id"]] = spent_by_booking.get(entry["booking_id"], 0) + entry["amount_minor"]
    for line_id in [key for key in committed if key not in lines and key != UNASSIGNED]:
        committed.setdefault(UNASSIGNED, []).extend(committed.pop(line_id))

    def figures(line_id: str, budget_minor: int) -> dict:
        on_line = committed.get(line_id, [])
        to_pay = sum(max(0, c["committed_minor"] - spent_by_booking.get(c["booking_id"], 0)) for c in on_line)
        spent = spent_by_line.get(line_id, 0)
        return {"budget": budget_minor, "committed": sum(c["committed_minor"] for c in on_line), "spent": spent,
                "to_pay": to_pay, "forecast": spent + to_pay, "variance": budget_minor - spent - to_pay}

    line_rows = [{"line_id": line_id, "category": line["category"], "description": line.get("description", ""),
                  **figures(line_id, line["amount_minor"])} for line_id, line in lines.items()]
    categories, sections, totals = top_sheet.roll_up(line_rows, FIGURES)
    unassigned = {**figures(UNASSIGNED, 0),
                  "booking_ids": sorted(c["booking_id"] for c in committed.get(UNASSIGNED, [])),
                  "entry_ids": sorted(e["entry_id"] for e in spend if e["budget_line_id"] not in lines)}
    warn_at_bp = budget.get("warn_at_bp", DEFAULT_WARN_AT_BP)
    return {
        "project_id": budget.get("project_id", ""), "currency": currency, "as_of": as_of,
        "lines": line_rows, "categories": categories, "sections": sections,
        "totals": {key: totals[key] + (unassigned[key] if key != "budget" else 0) for key in FIGURES},
        "unassigned": unassigned,
        "burn": actuals.burn_rate(spend, shoot_dates, as_of, currency),
        "alerts": category_alerts(categories, currency, warn_at_bp) + _unassigned_alerts(unassigned, currency),
    }


def category_alerts(categories: list[dict], currency: str, warn_at_bp: int = DEFAULT_WARN_AT_BP) -> list[dict]:
    """One alert per category in trouble, the worst level only: "over" (spent beyond the budget),
    "forecast_over" (spent plus still to pay beyond it) or "near" (forecast at warn_at_bp of it)."""
    alerts = []
    for row in categories:
        budget, spent, forecast = row["budget"], row["spent"], row["forecast"]
        label = CATEGORY_LABELS[row["category"]]
        if spent > budget:
            level, reason = "over", (f"{label} has spent {money_text(spent, currency)}, "
                                     f"{money_text(spent - budget, currency)} over its budget of "
                                     f"{money_text(budget, currency)}.")
        elif forecast > budget:
            level, reason = "forecast_over", (f"{label} is on course to spend {money_text(forecast, currency)} "
                                              f"with what is booked, {money_text(forecast - budget, currency)} "
                                              f"over its budget of {money_text(budget, currency)}.")
        elif budget and forecast * BP_PER_WHOLE >= budget * warn_at_bp:
            level, reason = "near", (f"{label} is forecast at {money_text(forecast, currency)} of its "
                                     f"{money_text(budget, currency)} budget.")
        else:
            continue
        alerts.append({"level": level, "category": row["category"], "section": row["section"], "reason": reason})
    return alerts


def _unassigned_alerts(unassigned: dict, currency: str) -> list[dict]:
    if not unassigned["booking_ids"] and not unassigned["entry_ids"]:
        return []
    return [{"level": "unassigned", "category": "", "section": "",
             "reason": f"{len(unassigned['booking_ids'])} bookings and {len(unassigned['entry_ids'])} payments "
                       f"({money_text(unassigned['forecast'], currency)} forecast) are on no budget line."}]
