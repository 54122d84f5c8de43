"""Invoices and receipts: numbered per series and year, built from the money that moved.

numbering.py gives out the numbers (from a counter document the caller stores), parties.py
checks who a document is from and to, documents.py builds the deposit invoice, the release
receipt and the fee receipt with their tax lines, and checks that the lines add up."""
