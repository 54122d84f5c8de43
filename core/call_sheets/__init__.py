"""Shoot-day paperwork built from a published schedule: call sheets (full and personal), ICS feeds,
the stripboard, day out of days, the check-in log and the daily production report.

Every builder here is pure: dicts in, dicts (or bytes) out. Storing, sending and rendering to PDF
live elsewhere (workers/*_pdf.py). The "production sheet" these builders read is documented in
core/call_sheets/production_sheet.py."""
