"""Channel adapters behind one interface (bots/channels/base.py)."""
