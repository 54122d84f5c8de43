"""The Embeddings port (text in, vectors out) and the profile-vector cache casting recommendations use.

Adapters live in workers/embeddings.py: WordLlama (its weights ship inside the PyPI wheel, so it
runs offline) and any OpenAI-compatible embeddings API. A vector is only comparable with vectors
of the same model, so the cache is keyed by the model's name as well as the profile's revision.
"""
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence

import numpy as np

Vector = Sequence[float]


class EmbeddingsUnavailable(Exception):
    """The embeddings service could not answer (down, throttled too long, bad key); say why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class Embeddings(ABC):
    """Turns texts into vectors of one fixed length; similar meaning, nearby vectors."""

    @property
    @abstractmethod
    def model_name(self) -> str:
        """Which model made the vectors: vectors of two models are never compared."""

    @abstractmethod
    def embed(self, texts: list[str]) -> list[Vector]:
        """One vector per text, in order. Raises EmbeddingsUnavailable when it cannot answer."""


def unit_rows(vectors: list[Vector]) -> np.ndarray:
    """The vectors as rows scaled to length 1, so a dot product is the cosine; a zero row stays zero."""
    rows = np.asarray(vectors, dtype=np.float32)
    if rows.ndim != 2:
        rows = rows.reshape(len(vectors), -1)
    lengths = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.divide(rows, lengths, out=np.zeros_like(rows), where=lengths > 0)


class ProfileVectors:
    """Vectors of profile texts, each kept until its profile changes (a new revision).

    One cache per process: ranking 5,000 actors embeds only the profiles edited since the last
    ranking, then one matrix product scores them all. Rankings run in threads (an embeddings server
    may be slow), so the cache is used under a lock."""

    def __init__(self, embeddings: Embeddings, batch_size: int = 256):
        self.embeddings = embeddings
        self._batch_size = batch_size
        self._kept: dict[str, tuple[str, np.ndarray]] = {}  # profile id: (revision, unit vector)
        self.embedded = 0  # texts sent to the model since the cache was made: a figure for bench/
        self._lock = threading.Lock()

    def matrix(self, profiles: list[tuple[str, str]], text_of: Callable[[int], str]) -> np.ndarray:
        """Unit vectors, one row per (profile id, revision), from the cache where it is current;
        `text_of(i)` gives the i-th profile's text, asked only for those not cached."""
        with self._lock:
            missing = [at for at, (pid, rev) in enumerate(profiles) if self._kept.get(pid, ("",))[0] != rev]
            for start in range(0, len(missing), self._batch_size):
                batch = missing[start:start + self._batch_size]
                rows = unit_rows(self.embeddings.embed([text_of(at) for at in batch]))
                self.embedded += len(batch)
                for at, row in zip(batch, rows):
                    self._kept[profiles[at][0]] = (profiles[at][1], row)
            if not profiles:
                return np.zeros((0, 0), dtype=np.float32)
            return np.stack([self._kept[pid][1] for pid, _ in profiles])

    def keep_only(self, profile_ids: Iterable[str]) -> int:
        """Drop the vectors of profiles no longer in the directory; returns how many were dropped."""
        live = set(profile_ids)
        with self._lock:
            gone = [pid for pid in self._kept if pid not in live]
            for pid in gone:
                del self._kept[pid]
        return len(gone)

    def __len__(self) -> int:
        return len(self._kept)
