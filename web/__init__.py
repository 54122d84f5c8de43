"""The aiohttp server: /db/ for browsers, webhooks, health and metrics."""
