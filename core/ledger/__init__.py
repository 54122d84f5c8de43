"""The escrow ledger, pure: accounts, immutable transfers, two-phase holds, escrow flows, FX.

Modelled on TigerBeetle: the client picks every transfer id (the idempotency key), transfers are
never edited, a hold is a pending transfer that is later posted (in parts) or voided once."""
