"""Payment webhooks: signature checks (the routes themselves live with the ledger work)."""
