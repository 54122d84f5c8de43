"""Signing in over HTTP: one-time codes, passwords, authenticator apps, sessions."""
