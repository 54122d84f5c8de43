"""The rules of a production: pure Python, no I/O library (a test enforces it)."""
