"""Conversations with cast and crew: channel adapters, the conversation engine, replies."""
