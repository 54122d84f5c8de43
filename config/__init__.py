"""Settings, the composition root and the `nollycrew` command."""
