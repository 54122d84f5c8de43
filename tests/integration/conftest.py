"""Integration tier: real PouchDB Server and Redis, the project's own code in this process."""
