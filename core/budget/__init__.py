"""A project's budget: the top sheet (top_sheet.py), what bookings commit (commitments.py), what the
ledger shows spent (actuals.py), and the cost report with forecast, burn rate and alerts (cost_report.py).

All figures are integer minor units in the budget's one currency; money in another currency is
refused until it has been converted through the FX accounts."""
