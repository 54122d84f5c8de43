"""Signing in: one-time codes, passwords, authenticator apps and sessions. Pure rules over ports."""
