"""Search over the directory's public profiles and open job posts, held in memory (no I/O here)."""
from core.search.index import DirectoryIndex
from core.search.query import JobQuery, PeopleQuery, Page

__all__ = ["DirectoryIndex", "JobQuery", "PeopleQuery", "Page"]
